#pragma once

#include "PipelineConfig.h"
#include "core/ProcessingResult.h"

#include <QObject>
#include <QString>

#include <memory>

namespace docket {

// What `docket worker` runs: worker threads that claim pending documents of a shared
// database (DocumentRepository::claimNext: SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL),
// process each (DocumentProcessor::reprocess: the document was imported before, its stored
// original must be reachable from this machine) and store the result, which releases the
// claim. A keeper thread renews the lease of the documents being worked on, so a long
// document keeps its claim while this process lives; a process that dies stops renewing and
// another worker picks the document up when the lease expires.
//
// Lives in the thread that created it (the CLI's main thread); every worker thread and the
// keeper open their own database connection. Signals arrive queued in the owner's thread.
class WorkerLoop : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        PipelineConfig config;      // database URL, data folder, engine, jobs (0: cores)
        QString workerId;           // claimed_by prefix; empty: defaultWorkerId()
        int leaseSeconds = 15 * 60; // claim lease, renewed every third of it
        double pollSeconds = 5;     // wait between looks at an empty queue
        bool untilEmpty = false;    // stop when nothing is pending or claimed by others
    };

    explicit WorkerLoop(Options options, QObject *parent = nullptr);
    ~WorkerLoop() override; // stops and waits for the threads

    void start();
    // Graceful stop: no new claims; documents in work are finished and stored, then
    // finished() is emitted. Safe to call more than once.
    void stop();
    bool isRunning() const;

    int threadCount() const;
    int processed() const;     // documents finished (any status)
    int failed() const;        // of those, failed
    int brokenThreads() const; // threads that could not start (database, engine)
    // Results thrown away because the claim was lost meanwhile (fencing: another worker
    // took the document over after this one stalled past its lease).
    int discarded() const;

    const Options &options() const;
    // "<host>/<pid>": unique per process across machines.
    static QString defaultWorkerId();

Q_SIGNALS:
    void documentStarted(qint64 documentId, const QString &file);
    void documentFinished(const docket::ProcessingResult &result);
    // A worker thread could not start (database, engine) or lost a claim; text for a log.
    void problem(const QString &message);
    void finished();

private:
    void runThread(int index);
    void runKeeper();
    void threadDone();

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace docket
