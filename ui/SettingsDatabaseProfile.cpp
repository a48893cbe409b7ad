#include "SettingsDatabaseProfile.h"

#include "storage/Database.h"

#include <QCoreApplication>
#include <QUrl>
#include <QUrlQuery>

namespace docket {

namespace {

const QString kKind = QStringLiteral("database/kind");
const QString kUrl = QStringLiteral("database/url");
const QString kPath = QStringLiteral("database/sqlite_path");
const QString kHost = QStringLiteral("database/host");
const QString kPort = QStringLiteral("database/port");
const QString kName = QStringLiteral("database/name");
const QString kUser = QStringLiteral("database/user");
const QString kSsl = QStringLiteral("database/sslmode");
const QString kOriginals = QStringLiteral("database/originals_folder");

// This file's messages, under the context lupdate files them in.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(SettingsDatabaseProfile)
};

} // namespace

QStringList SettingsDatabaseProfile::sslModes()
{
    return {QStringLiteral("disable"), QStringLiteral("prefer"), QStringLiteral("require"),
            QStringLiteral("verify-full")};
}

SettingsDatabaseProfile SettingsDatabaseProfile::load(const QSettings &settings)
{
    SettingsDatabaseProfile p;
    p.originalsFolder = settings.value(kOriginals).toString();
    const QString kind = settings.value(kKind).toString();
    if (kind.isEmpty()) {
        // An earlier version kept one URL.
        const QString url = settings.value(kUrl).toString().trimmed();
        if (Database::isPostgresUrl(url)) {
            const QUrl u(url);
            p.kind = Kind::Postgres;
            p.host = u.host();
            p.port = u.port(5432);
            p.database = u.path().mid(1);
            p.user = u.userName();
            const QString mode = QUrlQuery(u).queryItemValue(QStringLiteral("sslmode"));
            if (sslModes().contains(mode))
                p.sslMode = mode;
        } else {
            p.sqlitePath = url;
        }
        return p;
    }
    p.kind = kind == QLatin1String("postgres") ? Kind::Postgres : Kind::Sqlite;
    p.sqlitePath = settings.value(kPath).toString();
    p.host = settings.value(kHost).toString();
    p.port = settings.value(kPort, 5432).toInt();
    p.database = settings.value(kName, p.database).toString();
    p.user = settings.value(kUser).toString();
    const QString mode = settings.value(kSsl, p.sslMode).toString();
    if (sslModes().contains(mode))
        p.sslMode = mode;
    return p;
}

void SettingsDatabaseProfile::save(QSettings &settings) const
{
    settings.setValue(kKind, isPostgres() ? QStringLiteral("postgres") : QStringLiteral("sqlite"));
    settings.setValue(kPath, sqlitePath);
    settings.setValue(kHost, host);
    settings.setValue(kPort, port);
    settings.setValue(kName, database);
    settings.setValue(kUser, user);
    settings.setValue(kSsl, sslMode);
    settings.setValue(kOriginals, originalsFolder);
    settings.remove(kUrl); // superseded by the fields above
}

QString SettingsDatabaseProfile::url(const QString &password) const
{
    if (!isPostgres())
        return sqlitePath.trimmed().isEmpty() ? Database::defaultUrl() : sqlitePath.trimmed();
    QUrl u;
    u.setScheme(QStringLiteral("postgresql"));
    u.setHost(host.trimmed());
    u.setPort(port);
    u.setPath(QLatin1Char('/') + database.trimmed());
    u.setUserName(user.trimmed());
    if (!password.isEmpty())
        u.setPassword(password);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("sslmode"), sslMode);
    u.setQuery(query);
    return u.toString(QUrl::FullyEncoded);
}

QString SettingsDatabaseProfile::keychainEntry() const
{
    return QStringLiteral("database/%1@%2:%3/%4")
        .arg(user.trimmed(), host.trimmed())
        .arg(port)
        .arg(database.trimmed());
}

QString SettingsDatabaseProfile::problem() const
{
    if (!isPostgres())
        return {};
    if (host.trimmed().isEmpty())
        return Messages::tr("Enter the PostgreSQL server's host name.");
    if (database.trimmed().isEmpty())
        return Messages::tr("Enter the name of the database.");
    if (user.trimmed().isEmpty())
        return Messages::tr("Enter the database user.");
    return {};
}

} // namespace docket
