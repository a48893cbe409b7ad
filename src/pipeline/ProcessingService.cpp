#include "ProcessingService.h"

#include "DocumentProcessor.h"
#include "WorkerResources.h"
#include "ingest/Importer.h"

#include <QLoggingCategory>
#include <QMetaObject>
#include <QPointer>
#include <QThread>
#include <QThreadPool>

#include <atomic>

Q_LOGGING_CATEGORY(lcService, "docket.pipeline.service")

namespace docket {

struct ProcessingService::Private
{
    PipelineConfig config;
    QThreadPool pool;
    CancelToken cancel;
    int done = 0;
    int total = 0;
};

ProcessingService::ProcessingService(PipelineConfig config, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    qRegisterMetaType<docket::ProcessingResult>("docket::ProcessingResult");
    d->config = std::move(config);
    if (d->config.jobs <= 0)
        d->config.jobs = std::max(1, QThread::idealThreadCount());
    d->pool.setMaxThreadCount(d->config.jobs);
    d->pool.setExpiryTimeout(-1);
}

ProcessingService::~ProcessingService()
{
    d->cancel.cancel();
    d->pool.waitForDone();
}

const PipelineConfig &ProcessingService::config() const
{
    return d->config;
}

void ProcessingService::enqueue(const QStringList &paths)
{
    const QStringList files = Importer::expandPaths(paths);
    for (const QString &file : files)
        enqueueWithPassword(file, {});
}

namespace {

template <typename Work>
void startJob(QThreadPool &pool, ProcessingService *service, Work work,
              const std::function<void(const ProcessingResult &)> &deliver)
{
    QPointer<ProcessingService> guard(service);
    pool.start([guard, work, deliver] {
        ProcessingResult result = work();
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, result, deliver] {
                if (guard)
                    deliver(result);
            },
            Qt::QueuedConnection);
    });
}

ProcessingResult failed(const QString &path, const Error &error)
{
    ProcessingResult r;
    r.file = path;
    r.document.status = DocumentStatus::Failed;
    r.error = error;
    return r;
}

} // namespace

void ProcessingService::enqueueWithPassword(const QString &path, const QString &password)
{
    ++d->total;
    Q_EMIT progress(d->done, d->total);
    const PipelineConfig config = d->config;
    const CancelToken cancel = d->cancel;
    auto work = [path, password, config, cancel] {
        auto db = WorkerResources::database(config.effectiveDatabaseUrl());
        if (!db)
            return failed(path, db.error());
        auto engine = WorkerResources::engine(config);
        if (!engine)
            return failed(path, engine.error());
        DocumentProcessor::Options options;
        options.password = password;
        return DocumentProcessor(config, *db.value(), *engine.value())
            .process(path, options, cancel);
    };
    const bool askPassword = password.isEmpty();
    startJob(d->pool, this, work,
             [this, askPassword](const ProcessingResult &r) { finish(r, askPassword); });
}

void ProcessingService::reprocess(qint64 documentId, const QString &forcedType)
{
    ++d->total;
    Q_EMIT progress(d->done, d->total);
    const PipelineConfig config = d->config;
    const CancelToken cancel = d->cancel;
    auto work = [documentId, forcedType, config, cancel] {
        auto db = WorkerResources::database(config.effectiveDatabaseUrl());
        if (!db)
            return failed({}, db.error());
        auto engine = WorkerResources::engine(config);
        if (!engine)
            return failed({}, engine.error());
        DocumentProcessor::Options options;
        options.reprocess = true;
        options.forcedType = forcedType;
        return DocumentProcessor(config, *db.value(), *engine.value())
            .reprocess(documentId, options, cancel);
    };
    startJob(d->pool, this, work, [this](const ProcessingResult &r) { finish(r, false); });
}

void ProcessingService::finish(const ProcessingResult &r, bool askPassword)
{
    ++d->done;
    if (askPassword && r.error.code == QLatin1String("pdf_encrypted"))
        Q_EMIT passwordRequired(r.file);
    if (r.duplicate)
        Q_EMIT duplicateFound(r.file, r.document.id);
    Q_EMIT documentFinished(r);
    Q_EMIT progress(d->done, d->total);
    if (d->done >= d->total) {
        d->done = d->total = 0;
        Q_EMIT idle();
    }
}

void ProcessingService::setEngineSettings(const QString &engine, bool offlineFallback,
                                          std::shared_ptr<const LlmSettings> llm)
{
    d->config.engine = engine;
    d->config.offlineFallback = offlineFallback;
    d->config.llm = std::move(llm);
    ++d->config.engineGeneration;
    qCInfo(lcService) << "engine settings changed:" << engine;
}

void ProcessingService::cancelAll()
{
    d->cancel.cancel();
    d->pool.clear(); // jobs not started yet are dropped
    // Dropped jobs never report: account for them so that idle() still arrives.
    const int running = d->pool.activeThreadCount();
    d->total = d->done + running;
    d->cancel = CancelToken();
    if (running == 0 && d->total > 0) {
        d->done = d->total = 0;
        Q_EMIT idle();
    }
    Q_EMIT progress(d->done, d->total);
}

bool ProcessingService::isIdle() const
{
    return d->total == 0;
}

int ProcessingService::total() const
{
    return d->total;
}

int ProcessingService::done() const
{
    return d->done;
}

} // namespace docket
