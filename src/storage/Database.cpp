#include "Database.h"

#include "Migrations.h"
#include "Sql.h"
#include "StorageLog.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

namespace docket {

namespace {

QString newConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("docket-%1-%2")
        .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()))
        .arg(counter.fetchAndAddRelaxed(1) + 1);
}

constexpr int kBusyTimeoutMs = 5000;
constexpr int kAttempts = 6;

} // namespace

Database::~Database()
{
    if (m_connectionName.isEmpty())
        return;
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString Database::defaultUrl()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/docket.sqlite");
}

bool Database::isPostgresUrl(const QString &url)
{
    return url.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive) ||
           url.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

Result<std::unique_ptr<Database>> Database::open(const QString &url)
{
    const QString trimmed = url.trimmed();
    if (trimmed.isEmpty())
        return Error{QStringLiteral("db_url_invalid"), sql::Messages::tr("No database was given.")};
    auto db = std::make_unique<Database>();
    db->m_url = trimmed;
    db->m_connectionName = newConnectionName();
    Status opened;
    if (isPostgresUrl(trimmed)) {
        db->m_kind = Kind::Postgres;
        opened = db->openPostgres(trimmed);
    } else {
        QString path = trimmed;
        if (path.startsWith(QLatin1String("file:"), Qt::CaseInsensitive))
            path = QUrl(path).toLocalFile();
        db->m_kind = Kind::Sqlite;
        opened = db->openSqlite(path);
    }
    if (!opened)
        return opened.error();
    if (Status s = Migrations::run(*db); !s)
        return Error{QStringLiteral("db_migration_failed"),
                     sql::Messages::tr("The database could not be brought up to date: %1")
                         .arg(s.error().message)};
    return db;
}

Status Database::openSqlite(const QString &path)
{
    if (path.isEmpty())
        return Status::failure(QStringLiteral("db_url_invalid"),
                               sql::Messages::tr("The database path is empty."));
    if (path != QLatin1String(":memory:")) {
        const QDir dir = QFileInfo(path).absoluteDir();
        if (!dir.exists() && !QDir().mkpath(dir.absolutePath()))
            return Status::failure(QStringLiteral("db_open_failed"),
                                   sql::Messages::tr("Cannot create the folder %1.")
                                       .arg(QDir::toNativeSeparators(dir.absolutePath())));
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    if (!m_db.open())
        return Status::failure(QStringLiteral("db_open_failed"),
                               sql::Messages::tr("Cannot open the database %1: %2")
                                   .arg(QDir::toNativeSeparators(path), m_db.lastError().text()));
    return configure();
}

Status Database::openPostgres(const QString &url)
{
    const QUrl u(url, QUrl::StrictMode);
    const QString name = u.path().mid(1);
    if (!u.isValid() || u.host().isEmpty() || name.isEmpty() || name.contains(QLatin1Char('/')))
        return Status::failure(
            QStringLiteral("db_url_invalid"),
            sql::Messages::tr("The database address is not valid; expected "
                              "postgresql://user[:password]@host:port/database."));
    const QString shown = u.toString(QUrl::RemovePassword); // never show the password
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
    if (!m_db.isValid())
        return Status::failure(
            QStringLiteral("db_open_failed"),
            sql::Messages::tr("The PostgreSQL driver (QPSQL) is not installed."));
    m_db.setHostName(u.host());
    m_db.setPort(u.port(5432));
    m_db.setDatabaseName(name);
    m_db.setUserName(u.userName(QUrl::FullyDecoded));
    m_db.setPassword(u.password(QUrl::FullyDecoded));
    QStringList options;
    if (!QUrlQuery(u).hasQueryItem(QStringLiteral("connect_timeout")))
        options << QStringLiteral("connect_timeout=10");
    const auto items = QUrlQuery(u).queryItems(QUrl::FullyDecoded);
    for (const auto &item : items)
        options << item.first + QLatin1Char('=') + item.second;
    if (!options.isEmpty())
        m_db.setConnectOptions(options.join(QLatin1Char(';')));
    if (!m_db.open())
        return Status::failure(QStringLiteral("db_open_failed"),
                               sql::Messages::tr("Cannot connect to the database %1: %2")
                                   .arg(shown, m_db.lastError().text()));
    return configure();
}

Status Database::configure()
{
    QSqlQuery q(m_db);
    if (m_kind == Kind::Postgres) {
        q.exec(QStringLiteral("SET client_min_messages = warning"));
        return {};
    }
    const QString pragmas[] = {QStringLiteral("PRAGMA busy_timeout = %1").arg(kBusyTimeoutMs),
                               QStringLiteral("PRAGMA foreign_keys = ON"),
                               QStringLiteral("PRAGMA journal_mode = WAL"),
                               QStringLiteral("PRAGMA synchronous = NORMAL")};
    for (const QString &pragma : pragmas) {
        // journal_mode needs a moment of exclusive access; another connection may hold it.
        bool done = false;
        for (int attempt = 0; attempt < kAttempts && !done; ++attempt) {
            done = q.exec(pragma);
            if (!done)
                QThread::msleep(20 << attempt);
        }
        if (!done)
            return Status::failure(
                QStringLiteral("db_open_failed"),
                sql::Messages::tr("Cannot open the database %1: %2")
                    .arg(QDir::toNativeSeparators(m_db.databaseName()), q.lastError().text()));
    }
    return {};
}

int Database::schemaVersion() const
{
    return Migrations::currentVersion(const_cast<Database &>(*this));
}

Status Database::reconnect()
{
    m_db.close();
    if (m_db.open()) {
        qCInfo(lcStorage) << "reconnected to the database";
        return configure();
    }
    return Status::failure(
        QStringLiteral("db_open_failed"),
        sql::Messages::tr("Cannot reconnect to the database: %1").arg(m_db.lastError().text()));
}

Status Database::begin()
{
    const QString statement =
        m_kind == Kind::Sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
    QSqlQuery q(m_db);
    if (q.exec(statement))
        return {};
    Error error = sql::error(q.lastError(), statement);
    if (m_kind == Kind::Postgres && !QSqlQuery(m_db).exec(QStringLiteral("SELECT 1"))) {
        // The connection is gone (server restart, idle timeout): reopen it once.
        if (Status s = reconnect(); !s)
            return s;
        QSqlQuery again(m_db);
        if (again.exec(statement))
            return {};
        error = sql::error(again.lastError(), statement);
    }
    return error;
}

Status Database::transaction(const std::function<Status()> &fn)
{
    if (m_depth > 0)
        return fn(); // joins the outer transaction, which commits or rolls back
    Status result;
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        if (attempt > 0) {
            const int backoff = (25 << attempt) + QRandomGenerator::global()->bounded(25);
            qCDebug(lcStorage) << "database busy, retrying in" << backoff << "ms";
            QThread::msleep(backoff);
        }
        result = begin();
        if (!result) {
            if (result.error().code == QLatin1String("db_busy"))
                continue;
            return result;
        }
        ++m_depth;
        try {
            result = m_guard ? m_guard() : Status();
            if (result)
                result = fn();
        } catch (...) {
            --m_depth;
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
            throw;
        }
        --m_depth;
        QSqlQuery q(m_db);
        if (result) {
            if (q.exec(QStringLiteral("COMMIT")))
                return result;
            result = sql::error(q.lastError(), QStringLiteral("COMMIT"));
        }
        q.exec(QStringLiteral("ROLLBACK"));
        if (result.error().code != QLatin1String("db_busy"))
            return result;
    }
    return result;
}

} // namespace docket
