#pragma once

#include "core/Result.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

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
    // A URL starting with postgresql:// or postgres:// is PostgreSQL (query items such as
    // ?sslmode=require become connect options); anything else is an SQLite file path
    // (a file:// URL is accepted too).
    static Result<std::unique_ptr<Database>> open(const QString &url);

    static QString defaultUrl(); // AppDataLocation/docket.sqlite
    static bool isPostgresUrl(const QString &url);

    Kind kind() const { return m_kind; }
    QString url() const { return m_url; }
    QSqlDatabase &sql() { return m_db; }
    int schemaVersion() const;

    // Runs fn inside a transaction; commits when it returns ok, rolls back otherwise.
    // Retries a few times when SQLite reports the database busy (or PostgreSQL a
    // serialization failure or deadlock): fn must be safe to run again. SQLite transactions
    // take the write lock up front (BEGIN IMMEDIATE). A transaction() inside fn joins the
    // outer transaction.
    Status transaction(const std::function<Status()> &fn);
    bool inTransaction() const { return m_depth > 0; }

    // Fencing: a check run first inside every top-level transaction() on this connection,
    // right after BEGIN; when it fails the transaction is rolled back without running fn
    // and its Status is returned. `docket worker` sets one while it processes a claimed
    // document (WorkerClaims::check), so no write of a worker whose claim was taken over
    // (lease expired while it was paused) ever commits. An empty function removes it.
    void setTransactionGuard(std::function<Status()> guard) { m_guard = std::move(guard); }

    // Closes and reopens the connection (a PostgreSQL server restarted, a network blip).
    // transaction() does this by itself when a PostgreSQL connection turns out to be dead.
    Status reconnect();

private:
    Status openSqlite(const QString &path);
    Status openPostgres(const QString &url);
    Status configure(); // per-connection settings (SQLite pragmas), after every open
    Status begin();

    Kind m_kind = Kind::Sqlite;
    QString m_url;
    QString m_connectionName;
    QSqlDatabase m_db;
    int m_depth = 0;
    std::function<Status()> m_guard;
};

} // namespace docket
