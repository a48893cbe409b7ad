#include "WorkerLoop.h"

#include "ingest/Importer.h"

#include "DocumentProcessor.h"
#include "EngineFactory.h"
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/WorkerClaims.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QMap>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <optional>
#include <vector>

Q_LOGGING_CATEGORY(lcWorker, "docket.pipeline.worker")

namespace docket {

struct WorkerLoop::Private
{
    Options options;
    QString workerId;
    std::vector<QThread *> threads;
    QThread *keeper = nullptr;
    std::atomic_bool stopping{false};
    std::atomic_bool keeperStop{false};
    std::atomic_int processed{0};
    std::atomic_int failed{0};
    std::atomic_int broken{0};
    std::atomic_int discarded{0};
    int running = 0; // worker threads not finished yet (owner thread only)
    bool started = false;

    QMutex mutex;
    QWaitCondition wake;               // worker threads waiting for the next poll
    QWaitCondition keeperWake;         // the keeper between renewals
    QMap<qint64, QString> held;        // document id -> claimed_by, while in work
    QMap<qint64, CancelToken> cancels; // cancelled by the keeper when a claim is lost

    int threadCount() const
    {
        const int jobs =
            options.config.jobs > 0 ? options.config.jobs : QThread::idealThreadCount();
        return qBound(1, jobs, 256);
    }

    void sleep(double seconds)
    {
        QMutexLocker lock(&mutex);
        if (!stopping)
            wake.wait(&mutex, QDeadlineTimer(qint64(qMax(0.05, seconds) * 1000)));
    }
};

WorkerLoop::WorkerLoop(Options options, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    qRegisterMetaType<docket::ProcessingResult>();
    d->options = std::move(options);
    d->workerId = d->options.workerId.isEmpty() ? defaultWorkerId() : d->options.workerId;
}

WorkerLoop::~WorkerLoop()
{
    stop();
    for (QThread *t : d->threads) {
        t->wait();
        delete t;
    }
    if (d->keeper) {
        {
            QMutexLocker lock(&d->mutex);
            d->keeperStop = true;
            d->keeperWake.wakeAll();
        }
        d->keeper->wait();
        delete d->keeper;
    }
}

QString WorkerLoop::defaultWorkerId()
{
    QString host = QHostInfo::localHostName();
    if (host.isEmpty())
        host = QStringLiteral("localhost");
    return host + QLatin1Char('/') + QString::number(QCoreApplication::applicationPid());
}

const WorkerLoop::Options &WorkerLoop::options() const
{
    return d->options;
}

int WorkerLoop::threadCount() const
{
    return d->threadCount();
}

int WorkerLoop::processed() const
{
    return d->processed;
}

int WorkerLoop::failed() const
{
    return d->failed;
}

int WorkerLoop::discarded() const
{
    return d->discarded;
}

int WorkerLoop::brokenThreads() const
{
    return d->broken;
}

bool WorkerLoop::isRunning() const
{
    return d->started && (d->running > 0 || (d->keeper && d->keeper->isRunning()));
}

void WorkerLoop::start()
{
    if (d->started)
        return;
    d->started = true;
    const int n = d->threadCount();
    d->running = n;
    qCInfo(lcWorker) << "worker" << d->workerId << "starting" << n << "threads, lease"
                     << d->options.leaseSeconds << "s";
    d->keeper = QThread::create([this] { runKeeper(); });
    d->keeper->setObjectName(QStringLiteral("docket-lease-keeper"));
    d->keeper->start();
    for (int i = 0; i < n; ++i) {
        QThread *t = QThread::create([this, i] { runThread(i); });
        t->setObjectName(QStringLiteral("docket-worker-%1").arg(i + 1));
        connect(t, &QThread::finished, this, &WorkerLoop::threadDone, Qt::QueuedConnection);
        d->threads.push_back(t);
        t->start();
    }
}

void WorkerLoop::stop()
{
    QMutexLocker lock(&d->mutex);
    if (!d->stopping && d->running > 0)
        qCInfo(lcWorker) << "stopping after the documents in work";
    d->stopping = true;
    d->wake.wakeAll();
}

void WorkerLoop::threadDone()
{
    if (--d->running > 0)
        return;
    {
        QMutexLocker lock(&d->mutex);
        d->keeperStop = true;
        d->keeperWake.wakeAll();
    }
    if (d->keeper)
        d->keeper->wait();
    Q_EMIT finished();
}

void WorkerLoop::runThread(int index)
{
    const Options &o = d->options;
    const QString worker = d->workerId + QLatin1Char('/') + QString::number(index + 1);
    auto opened = Database::open(o.config.effectiveDatabaseUrl());
    if (!opened) {
        ++d->broken;
        Q_EMIT problem(opened.error().message);
        return;
    }
    std::unique_ptr<Database> db = opened.takeValue();
    auto engine = EngineFactory::create(o.config.engine, o.config);
    if (!engine) {
        ++d->broken;
        Q_EMIT problem(engine.error().message);
        return;
    }
    DocumentRepository documents(*db);
    WorkerClaims claims(*db);
    DocumentProcessor processor(o.config, *db, engine.value());

    while (!d->stopping) {
        auto claim = documents.claimNext(worker, o.leaseSeconds);
        if (!claim) {
            qCWarning(lcWorker) << worker << "claim failed:" << claim.error().message;
            Q_EMIT problem(claim.error().message);
            d->sleep(o.pollSeconds);
            continue;
        }
        if (!claim.value()) {
            if (o.untilEmpty) {
                // Empty means nothing pending and nothing another worker could still drop
                // (a live claim may expire and come back).
                auto left = claims.outstanding();
                if (left && left.value() == 0)
                    break;
            }
            d->sleep(o.pollSeconds);
            continue;
        }
        const Document doc = *claim.value();
        const CancelToken cancel;
        {
            QMutexLocker lock(&d->mutex);
            d->held.insert(doc.id, worker);
            d->cancels.insert(doc.id, cancel);
        }
        // Fencing: every write made for this document commits only while this worker still
        // holds the claim it took (claimed_by and the version of the claim), checked inside
        // the writing transaction. A worker paused past its lease (SIGSTOP, a stall) whose
        // document another worker took over writes nothing.
        std::optional<Error> fenced;
        db->setTransactionGuard([&, id = doc.id, version = doc.version] {
            Status held = claims.check(id, worker, version);
            if (!held && held.error().code == QLatin1String("claim_lost"))
                fenced = held.error();
            return held;
        });
        qCDebug(lcWorker) << worker << "claimed" << doc.id << doc.fileName;
        Q_EMIT documentStarted(doc.id, doc.originalPath);

        ProcessingResult r;
        const QString original = Importer::locateOriginal(doc.storedPath, o.config.dataFolder);
        if (original.isEmpty()) {
            const Error error{QStringLiteral("original_missing"),
                              tr("The stored original \"%1\" is not reachable from this "
                                 "worker; give the shared data folder with --data.")
                                  .arg(doc.storedPath)};
            documents.setStatus(doc.id, DocumentStatus::Failed, -1, error.code, error.message);
            r.document = doc;
            r.document.status = DocumentStatus::Failed;
            r.error = error;
        } else {
            if (original != doc.storedPath)
                documents.updateFile(doc.id, doc.pageCount, doc.pageSizes, original);
            DocumentProcessor::Options options;
            options.reprocess = true;
            r = processor.reprocess(doc.id, options, cancel);
        }
        db->setTransactionGuard({});
        r.file = doc.originalPath.isEmpty() ? doc.fileName : doc.originalPath;
        {
            QMutexLocker lock(&d->mutex);
            d->held.remove(doc.id);
            d->cancels.remove(doc.id);
        }
        if (fenced) {
            // Nothing of this run was stored: the document belongs to another worker now.
            qCWarning(lcWorker).noquote() << worker << "discarded its result of document" << doc.id
                                          << doc.fileName << "-" << fenced->message;
            ++d->discarded;
            Q_EMIT problem(
                tr("The result of document %1 was discarded: %2").arg(doc.id).arg(fenced->message));
            continue;
        }
        if (r.document.status == DocumentStatus::Failed)
            ++d->failed;
        ++d->processed;
        Q_EMIT documentFinished(r);
    }
}

void WorkerLoop::runKeeper()
{
    const Options &o = d->options;
    const int intervalMs = qMax(250, o.leaseSeconds * 1000 / 3);
    std::unique_ptr<Database> db;
    for (;;) {
        QMap<qint64, QString> held;
        {
            QMutexLocker lock(&d->mutex);
            if (!d->keeperStop)
                d->keeperWake.wait(&d->mutex, QDeadlineTimer(intervalMs));
            if (d->keeperStop)
                return;
            held = d->held;
        }
        if (held.isEmpty())
            continue;
        if (!db) {
            auto opened = Database::open(o.config.effectiveDatabaseUrl());
            if (!opened) {
                qCWarning(lcWorker) << "lease keeper:" << opened.error().message;
                continue;
            }
            db = opened.takeValue();
        }
        QMap<QString, QList<qint64>> byWorker;
        for (auto it = held.cbegin(); it != held.cend(); ++it)
            byWorker[it.value()].append(it.key());
        WorkerClaims claims(*db);
        for (auto it = byWorker.cbegin(); it != byWorker.cend(); ++it) {
            auto lost = claims.renew(it.value(), it.key(), o.leaseSeconds);
            if (!lost) {
                qCWarning(lcWorker) << "lease renewal failed:" << lost.error().message;
                continue;
            }
            for (qint64 id : lost.value()) {
                {
                    QMutexLocker lock(&d->mutex);
                    if (!d->held.contains(id))
                        continue; // finished (and released) since the copy was taken
                    d->cancels.value(id).cancel(); // its result would be discarded anyway
                }
                qCWarning(lcWorker) << it.key() << "lost the claim of document" << id;
                Q_EMIT problem(
                    tr("The claim of document %1 expired while it was in work.").arg(id));
            }
        }
    }
}

} // namespace docket
