#include "WorkerTestSupport.h"

#include "fixtures/Fixtures.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>
#include <QUrl>

#include <atomic>

namespace docket::test {

namespace {
QProcessEnvironment quietEnvironment();
}

QList<QJsonObject> jsonLines(const QString &text)
{
    QList<QJsonObject> out;
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8());
        if (doc.isObject())
            out.append(doc.object());
    }
    return out;
}

CommandRun runDocket(const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.setProgram(QStringLiteral(DOCKET_BINARY));
    p.setArguments(args);
    p.setProcessEnvironment(quietEnvironment());
    p.start();
    CommandRun run;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    } else if (p.exitStatus() == QProcess::NormalExit) {
        run.exitCode = p.exitCode();
    }
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    run.lines = jsonLines(run.out);
    return run;
}

namespace {

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QProcessEnvironment quietEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=false"));
    return env;
}

} // namespace

DocketProcess::DocketProcess(const QStringList &args)
{
    static std::atomic_int counter{0};
    const QString base = QDir::temp().filePath(QStringLiteral("docket-worker-test-%1-%2")
                                                   .arg(QCoreApplication::applicationPid())
                                                   .arg(counter++));
    m_outPath = base + QStringLiteral(".out");
    m_errPath = base + QStringLiteral(".err");
    m_process.setProgram(QStringLiteral(DOCKET_BINARY));
    m_process.setArguments(args);
    m_process.setProcessEnvironment(quietEnvironment());
    m_process.setStandardOutputFile(m_outPath);
    m_process.setStandardErrorFile(m_errPath);
    m_process.start();
    m_process.waitForStarted();
}

DocketProcess::~DocketProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished();
    }
    QFile::remove(m_outPath);
    QFile::remove(m_errPath);
}

bool DocketProcess::waitForFinished(int timeoutMs)
{
    return m_process.state() == QProcess::NotRunning || m_process.waitForFinished(timeoutMs);
}

int DocketProcess::exitCode() const
{
    if (m_process.state() != QProcess::NotRunning || m_process.exitStatus() != QProcess::NormalExit)
        return -1;
    return m_process.exitCode();
}

QString DocketProcess::out() const
{
    return readText(m_outPath);
}

QString DocketProcess::err() const
{
    return readText(m_errPath);
}

std::unique_ptr<DocketProcess> startDocket(const QStringList &args)
{
    return std::make_unique<DocketProcess>(args);
}

namespace {

QList<QVariantList> query(const QString &url, const QString &statement, const QVariantList &values)
{
    static std::atomic_int counter{0};
    const QString name = QStringLiteral("worker-test-%1").arg(counter++);
    QList<QVariantList> rows;
    {
        const QUrl u(url);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(u.host());
        db.setPort(u.port(5432));
        db.setUserName(u.userName());
        db.setDatabaseName(u.path().mid(1));
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(statement);
            for (const QVariant &v : values)
                q.addBindValue(v);
            if (q.exec())
                while (q.next()) {
                    QVariantList row;
                    for (int i = 0; i < q.record().count(); ++i)
                        row.append(q.value(i));
                    rows.append(row);
                }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

} // namespace

QVariant queryValue(const QString &url, const QString &statement, const QVariantList &values)
{
    const auto rows = query(url, statement, values);
    return rows.isEmpty() || rows.first().isEmpty() ? QVariant() : rows.first().first();
}

QList<QVariantList> queryRows(const QString &url, const QString &statement,
                              const QVariantList &values)
{
    return query(url, statement, values);
}

bool waitUntil(const std::function<bool()> &condition, int timeoutMs, int stepMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, stepMs);
        QThread::msleep(stepMs);
    }
    return true;
}

bool writeScannedPdf(const QString &path, const QString &seller, const QString &number, int pages)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(150);
    QPainter painter(&writer);
    if (!painter.isActive())
        return false;
    for (int i = 0; i < pages; ++i) {
        if (i > 0)
            writer.newPage();
        const QImage scan =
            renderScan(invoicePage(seller, number + QLatin1Char('-') + QString::number(i + 1),
                                   QStringLiteral("2024-05-0%1").arg(i % 9 + 1),
                                   QStringLiteral("%1.50").arg(100 + i)),
                       150);
        painter.drawImage(QRect(QPoint(0, 0), writer.pageLayout().paintRectPixels(150).size()),
                          scan);
    }
    return painter.end();
}

} // namespace docket::test
