#pragma once

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <memory>

namespace docket::test {

// Runs the real `docket` binary (DOCKET_BINARY) of the build.
struct CommandRun
{
    int exitCode = -1; // -1: crashed or timed out
    QString out;
    QString err;
    QList<QJsonObject> lines; // stdout lines that parse as JSON objects
};

QList<QJsonObject> jsonLines(const QString &text);
CommandRun runDocket(const QStringList &args, int timeoutMs = 300000);

// A `docket` process running in the background. Its output goes to files (a pipe nobody
// reads while the test waits for another process would fill up and stall it).
class DocketProcess
{
public:
    explicit DocketProcess(const QStringList &args);
    ~DocketProcess();
    QProcess &process() { return m_process; }
    bool waitForFinished(int timeoutMs);
    int exitCode() const; // -1: crashed, killed or still running
    QString out() const;
    QString err() const;
    QList<QJsonObject> lines() const { return jsonLines(out()); }

private:
    QProcess m_process;
    QString m_outPath, m_errPath;
};
std::unique_ptr<DocketProcess> startDocket(const QStringList &args);

// One value of a query on its own short-lived connection (never held across processes).
QVariant queryValue(const QString &url, const QString &statement, const QVariantList &values = {});
QList<QVariantList> queryRows(const QString &url, const QString &statement,
                              const QVariantList &values = {});

// Polls `condition` (with the event loop running) until it holds or timeoutMs passes.
bool waitUntil(const std::function<bool()> &condition, int timeoutMs, int stepMs = 50);

// A PDF whose pages are images only (no text layer): the worker must OCR it, so it takes a
// while (the kill and terminate tests need a document that is still in work).
bool writeScannedPdf(const QString &path, const QString &seller, const QString &number, int pages);

} // namespace docket::test
