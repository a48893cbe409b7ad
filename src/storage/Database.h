#pragma once

#include "core/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace docket {

// One connection to Docket's database, SQLite (a file path) or PostgreSQL
// ("postgresql://user[:password]@host:port/db"). A Database belongs to the thread that
// opened it; every thread opens its own (QSqlDatabase's rule). Migrations run on open.
class Database
{
public:
    enum class Kind
    {
        Sqlite,
        Postgres
    };

    Database() = default;
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating an SQLite file and its folder when missing), sets WAL and a busy
    // timeout on SQLite, and runs pending migrations. Error codes: "db_open_failed",
    // "db_migration_failed", "db_url_invalid".
    static Result<std::unique_ptr<Database>> open(const QString &url);

    static QString defaultUrl(); // AppDataLocation/docket.sqlite

    Kind kind() const { return m_kind; }
    QString url() const { return m_url; }
    QSqlDatabase &sql() { return m_db; }
    int schemaVersion() const;

    // Runs fn inside a transaction; commits when it returns ok, rolls back otherwise.
    // Retries a few times when SQLite reports the database busy.
    Status transaction(const std::function<Status()> &fn);

private:
    Kind m_kind = Kind::Sqlite;
    QString m_url;
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace docket
