#pragma once

#include "PipelineConfig.h"
#include "core/ProcessingResult.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace docket {

// Runs the pipeline (ingest, OCR, classify, extract, validate, decide, store) on worker
// threads it owns. Lives in the GUI (or CLI main) thread; never blocks it. Each worker thread
// opens its own database connection. Signals arrive queued in the owner's thread.
class ProcessingService : public QObject
{
    Q_OBJECT
public:
    explicit ProcessingService(PipelineConfig config, QObject *parent = nullptr);
    ~ProcessingService() override;

    const PipelineConfig &config() const;

    // Files and folders; folders are expanded recursively. Each file becomes one job.
    void enqueue(const QStringList &paths);
    // Re-queues one file with the password the user gave for it.
    void enqueueWithPassword(const QString &path, const QString &password);
    // Re-processes documents already in the database (e.g. after a type change).
    void reprocess(qint64 documentId, const QString &forcedType = {});

    // New engine settings (the user changed them): documents started from now on use them,
    // documents in work finish with the settings they started with.
    void setEngineSettings(const QString &engine, bool offlineFallback,
                           std::shared_ptr<const LlmSettings> llm);

    void cancelAll(); // cooperative: running documents stop at their next step
    bool isIdle() const;
    int total() const; // jobs since the last idle
    int done() const;

Q_SIGNALS:
    void progress(int done, int total);
    void documentStarted(const QString &path);
    void documentFinished(const docket::ProcessingResult &result);
    // The same content was imported before; the result still arrives via documentFinished.
    void duplicateFound(const QString &path, qint64 existingDocumentId);
    // An encrypted PDF needs a password (GUI asks, then enqueueWithPassword).
    void passwordRequired(const QString &path);
    void idle();

private:
    void finish(const ProcessingResult &result, bool askPassword);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace docket

Q_DECLARE_METATYPE(docket::ProcessingResult)
