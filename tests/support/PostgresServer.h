#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace docket::test {

// A throw-away PostgreSQL server for tests: initdb into a temporary folder (trust auth,
// locale C, UTF8), a free port on 127.0.0.1, its socket in the temporary folder, stopped
// (pg_ctl stop -m fast) and deleted in the destructor. Uses Debian's binaries under
// /usr/lib/postgresql/<version>/bin (or $DOCKET_PG_BINDIR). PostgreSQL refuses to run as
// root, so when the test runs as root the server runs as the "postgres" user (or
// $DOCKET_PG_USER) with the folder handed over to it.
//
//     docket::test::PostgresServer pg;
//     QVERIFY2(pg.start(), qPrintable(pg.errorString()));   // fail, never skip
//     const QString url = pg.createDatabase();               // a fresh database each call
class PostgresServer
{
public:
    PostgresServer();
    ~PostgresServer();
    PostgresServer(const PostgresServer &) = delete;
    PostgresServer &operator=(const PostgresServer &) = delete;

    bool start();
    void stop();
    bool isRunning() const { return m_running; }
    QString errorString() const { return m_error; }
    int port() const { return m_port; }
    QString user() const { return QStringLiteral("docket"); }

    // postgresql://docket@127.0.0.1:<port>/<database>
    QString url(const QString &database = QStringLiteral("postgres")) const;
    // Creates a new, empty database and returns its URL; empty (see errorString()) on failure.
    QString createDatabase(const QString &name = {});
    // The URL of an empty database `name`: created on first use, its public schema dropped
    // and recreated on later calls (much faster than a new database). No connection may be
    // open to it.
    QString emptyDatabase(const QString &name = QStringLiteral("docket_test"));

    // The folder holding initdb and pg_ctl; empty when PostgreSQL is not installed.
    static QString binDir();

private:
    bool run(const QString &program, const QStringList &args, QString *output = nullptr,
             int timeoutMs = 120000);
    bool startOnce();
    bool exec(const QString &database, const QString &statement);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_bin;
    QString m_dataDir;
    int m_port = 0;
    bool m_running = false;
    int m_databases = 0;
    QStringList m_created;
    QString m_error;
    // Who the server runs as when we are root (uid/gid), -1 otherwise.
    int m_uid = -1;
    int m_gid = -1;
    QByteArray m_devNull; // a stand-in when /dev/null is not a device (some containers)
};

} // namespace docket::test
