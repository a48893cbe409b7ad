#include "PostgresServer.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QThread>
#include <QVersionNumber>

#include <grp.h>
#include <pwd.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <functional>

namespace docket::test {

namespace {

int freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

QString tail(const QString &path, int lines = 30)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QStringList all = QString::fromLocal8Bit(f.readAll()).split(QLatin1Char('\n'));
    return all.mid(qMax(0, int(all.size()) - lines)).join(QLatin1Char('\n'));
}

// Runs fn with a uniquely named QPSQL connection, then removes the connection.
bool withConnection(const QString &host, int port, const QString &user, const QString &database,
                    const std::function<bool(QSqlDatabase &)> &fn, QString *error)
{
    static QAtomicInteger<int> counter;
    const QString name = QStringLiteral("docket-test-pg-%1").arg(counter.fetchAndAddRelaxed(1));
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(host);
        db.setPort(port);
        db.setUserName(user);
        db.setDatabaseName(database);
        if (!db.open()) {
            if (error)
                *error = db.lastError().text();
        } else {
            ok = fn(db);
            if (!ok && error)
                *error = db.lastError().text();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

PostgresServer::PostgresServer() = default;

PostgresServer::~PostgresServer()
{
    stop();
}

QString PostgresServer::binDir()
{
    const QString env = qEnvironmentVariable("DOCKET_PG_BINDIR");
    if (!env.isEmpty())
        return env;
    QString best;
    QVersionNumber bestVersion;
    const QDir root(QStringLiteral("/usr/lib/postgresql"));
    const QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &v : versions) {
        const QString bin = root.filePath(v + QStringLiteral("/bin"));
        const QVersionNumber number = QVersionNumber::fromString(v);
        if (QFileInfo::exists(bin + QStringLiteral("/initdb")) &&
            QFileInfo::exists(bin + QStringLiteral("/pg_ctl")) && number > bestVersion) {
            best = bin;
            bestVersion = number;
        }
    }
    return best;
}

QString PostgresServer::url(const QString &database) const
{
    return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3").arg(user()).arg(m_port).arg(database);
}

bool PostgresServer::run(const QString &program, const QStringList &args, QString *output,
                         int timeoutMs)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setWorkingDirectory(m_dir->path());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C"));
    for (const char *var : {"PGDATA", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGOPTIONS"})
        env.remove(QString::fromLatin1(var));
    p.setProcessEnvironment(env);
    if (m_uid >= 0) {
        const uid_t uid = uid_t(m_uid);
        const gid_t gid = gid_t(m_gid);
        const QByteArray devNull = m_devNull;
        p.setChildProcessModifier([uid, gid, devNull]() {
            // Some containers ship /dev/null as a root-only regular file, and initdb writes
            // to it: give the server a writable one in a private mount namespace.
            if (!devNull.isEmpty() && ::unshare(CLONE_NEWNS) == 0 &&
                ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0)
                ::mount(devNull.constData(), "/dev/null", nullptr, MS_BIND, nullptr);
            if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0) {
                static const char msg[] = "PostgresServer: cannot switch to the server user\n";
                [[maybe_unused]] auto n = ::write(2, msg, sizeof msg - 1);
                ::_exit(126);
            }
        });
    }
    p.start(m_bin + QLatin1Char('/') + program, args);
    const bool finished = p.waitForStarted(30000) && p.waitForFinished(timeoutMs);
    const QString out = QString::fromLocal8Bit(p.readAll());
    if (output)
        *output = out;
    if (!finished) {
        p.kill();
        p.waitForFinished(5000);
        m_error = QStringLiteral("%1 did not finish: %2 %3").arg(program, p.errorString(), out);
        return false;
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = QStringLiteral("%1 failed (exit %2): %3").arg(program).arg(p.exitCode()).arg(out);
        return false;
    }
    return true;
}

bool PostgresServer::start()
{
    if (m_running)
        return true;
    m_bin = binDir();
    if (m_bin.isEmpty()) {
        m_error = QStringLiteral("PostgreSQL is not installed: no initdb/pg_ctl under "
                                 "/usr/lib/postgresql/*/bin (Debian package postgresql).");
        return false;
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        m_error = QStringLiteral("Qt's QPSQL driver is missing (Debian package libqt6sql6-psql).");
        return false;
    }
    m_uid = m_gid = -1;
    QString base = QDir::tempPath();
    if (::geteuid() == 0) {
        // The server must not run as root: hand it to an unprivileged user.
        const QByteArray name = qgetenv("DOCKET_PG_USER").isEmpty() ? QByteArray("postgres")
                                                                    : qgetenv("DOCKET_PG_USER");
        const passwd *pw = ::getpwnam(name.constData());
        if (!pw)
            pw = ::getpwnam("nobody");
        if (!pw) {
            m_error = QStringLiteral("Running as root and there is no 'postgres' user to run "
                                     "the test server as.");
            return false;
        }
        m_uid = int(pw->pw_uid);
        m_gid = int(pw->pw_gid);
        base = QStringLiteral("/tmp"); // traversable by that user, unlike a root-only TMPDIR
    }
    m_dir = std::make_unique<QTemporaryDir>(base + QStringLiteral("/docket-pg-XXXXXX"));
    if (!m_dir->isValid()) {
        m_error = QStringLiteral("Cannot create a temporary folder: %1").arg(m_dir->errorString());
        return false;
    }
    if (m_uid >= 0 &&
        ::chown(QFile::encodeName(m_dir->path()).constData(), uid_t(m_uid), gid_t(m_gid)) != 0) {
        m_error = QStringLiteral("Cannot hand %1 to the server user.").arg(m_dir->path());
        return false;
    }
    m_devNull.clear();
    struct stat st;
    if (m_uid >= 0 && (::stat("/dev/null", &st) != 0 || !S_ISCHR(st.st_mode))) {
        m_devNull = QFile::encodeName(m_dir->filePath(QStringLiteral("devnull")));
        QFile f(QFile::decodeName(m_devNull));
        if (!f.open(QIODevice::WriteOnly) ||
            ::chown(m_devNull.constData(), uid_t(m_uid), gid_t(m_gid)) != 0)
            m_devNull.clear();
    }
    m_dataDir = m_dir->filePath(QStringLiteral("data"));
    if (!run(QStringLiteral("initdb"),
             {QStringLiteral("-D"), m_dataDir, QStringLiteral("-U"), user(), QStringLiteral("-A"),
              QStringLiteral("trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
              QStringLiteral("--locale=C"), QStringLiteral("--no-sync")})) {
        m_error = QStringLiteral("initdb failed: ") + m_error;
        if (!m_devNull.isEmpty())
            m_error += QStringLiteral("\n(/dev/null is not a device on this machine; the server "
                                      "was given a stand-in in a private mount namespace, "
                                      "which needs CAP_SYS_ADMIN.)");
        return false;
    }
    // The port is free when picked but may be taken before the server binds it: retry.
    for (int attempt = 0; attempt < 5; ++attempt)
        if (startOnce())
            return true;
    return false;
}

bool PostgresServer::startOnce()
{
    m_port = freePort();
    if (m_port == 0) {
        m_error = QStringLiteral("No free TCP port on 127.0.0.1.");
        return false;
    }
    const QString log = m_dir->filePath(QStringLiteral("postgres.log"));
    const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 "
                                           "-c fsync=off -c synchronous_commit=off "
                                           "-c full_page_writes=off -c max_connections=200")
                                .arg(m_port)
                                .arg(m_dir->path());
    if (!run(QStringLiteral("pg_ctl"),
             {QStringLiteral("-D"), m_dataDir, QStringLiteral("-l"), log, QStringLiteral("-o"),
              options, QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("90"),
              QStringLiteral("start")})) {
        m_error = QStringLiteral("pg_ctl start failed: %1\n--- server log ---\n%2")
                      .arg(m_error, tail(log));
        run(QStringLiteral("pg_ctl"), {QStringLiteral("-D"), m_dataDir, QStringLiteral("-m"),
                                       QStringLiteral("immediate"), QStringLiteral("stop")});
        return false;
    }
    m_running = true;
    // pg_ctl -w waited for the socket; make sure a client can really log in over TCP.
    QString error;
    for (int attempt = 0; attempt < 50; ++attempt) {
        if (withConnection(
                QStringLiteral("127.0.0.1"), m_port, user(), QStringLiteral("postgres"),
                [](QSqlDatabase &) { return true; }, &error))
            return true;
        QThread::msleep(100);
    }
    m_error = QStringLiteral("The test server started but refuses connections: %1\n%2")
                  .arg(error, tail(log));
    stop();
    return false;
}

void PostgresServer::stop()
{
    if (!m_running)
        return;
    m_running = false;
    if (!run(QStringLiteral("pg_ctl"),
             {QStringLiteral("-D"), m_dataDir, QStringLiteral("-m"), QStringLiteral("fast"),
              QStringLiteral("-w"), QStringLiteral("stop")}))
        run(QStringLiteral("pg_ctl"), {QStringLiteral("-D"), m_dataDir, QStringLiteral("-m"),
                                       QStringLiteral("immediate"), QStringLiteral("stop")});
}

bool PostgresServer::exec(const QString &database, const QString &statement)
{
    QString error;
    const bool ok = withConnection(
        QStringLiteral("127.0.0.1"), m_port, user(), database,
        [&statement](QSqlDatabase &db) {
            QSqlQuery q(db);
            return q.exec(statement);
        },
        &error);
    if (!ok)
        m_error = QStringLiteral("%1: %2").arg(statement, error);
    return ok;
}

QString PostgresServer::createDatabase(const QString &name)
{
    if (!m_running) {
        m_error = QStringLiteral("The test server is not running.");
        return {};
    }
    const QString db = name.isEmpty() ? QStringLiteral("docket_test_%1").arg(++m_databases) : name;
    if (!exec(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE \"%1\"").arg(db)))
        return {};
    return url(db);
}

} // namespace docket::test

namespace docket::test {

QString PostgresServer::emptyDatabase(const QString &name)
{
    if (!m_created.contains(name)) {
        const QString created = createDatabase(name);
        if (!created.isEmpty())
            m_created << name;
        return created;
    }
    if (!exec(name, QStringLiteral("DROP SCHEMA public CASCADE")) ||
        !exec(name, QStringLiteral("CREATE SCHEMA public")))
        return {};
    return url(name);
}

} // namespace docket::test
