#pragma once

#include <QSettings>
#include <QString>

namespace docket {

// Which database the workstation opens: the local SQLite file, or a shared PostgreSQL server
// (host, port, database, user, TLS mode). Stored in the settings file ("database/…"); the
// PostgreSQL password lives in the OS keychain under keychainEntry(), never in the settings.
struct SettingsDatabaseProfile
{
    enum class Kind
    {
        Sqlite,
        Postgres
    };

    Kind kind = Kind::Sqlite;
    QString sqlitePath; // empty: Database::defaultUrl()
    QString host;
    int port = 5432;
    QString database = QStringLiteral("docket");
    QString user;
    QString sslMode = QStringLiteral("prefer"); // disable | prefer | require | verify-full
    // Where originals are kept (the data folder): empty: this computer's own. In team mode a
    // folder every workstation and worker reaches (a mounted share), so each can show pages.
    QString originalsFolder;

    static QStringList sslModes();

    // From the settings; an older "database/url" is understood too.
    static SettingsDatabaseProfile load(const QSettings &settings);
    void save(QSettings &settings) const;

    bool isPostgres() const { return kind == Kind::Postgres; }
    // The URL Database::open takes: the SQLite path, or
    // postgresql://user[:password]@host:port/database?sslmode=… (the password percent-encoded;
    // an empty one is left out, libpq then uses PGPASSWORD or ~/.pgpass).
    QString url(const QString &password = {}) const;
    // The same without any password: for display and the databaseChanged signal.
    QString displayUrl() const { return url(); }
    // The key store's name of this connection's password ("database/user@host:port/db").
    QString keychainEntry() const;
    // Empty when complete, else what is missing (translated).
    QString problem() const;

    friend bool operator==(const SettingsDatabaseProfile &,
                           const SettingsDatabaseProfile &) = default;
};

} // namespace docket
