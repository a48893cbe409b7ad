#pragma once

#include "agents/ReviewCoordinator.h"
#include "ingest/IngestLimits.h"
#include "vision/OcrOptions.h"

#include <QString>

#include <memory>

namespace docket {

struct LlmSettings;

struct PipelineConfig
{
    QString databaseUrl;                      // empty: Database::defaultUrl()
    QString dataFolder;                       // empty: AppDataLocation
    QString engine = QStringLiteral("local"); // local | openai | kimi | auto
    int jobs = 0;                             // worker threads; 0: the number of cores
    IngestLimits limits;
    OcrOptions ocr;
    ReviewPolicy policy;
    // Providers, models and budgets of the openai, kimi and auto engines; null: from the
    // environment (LlmSettings::fromEnvironment()).
    std::shared_ptr<const LlmSettings> llm;
    // With the openai or kimi engine: a document whose provider fails (or whose request the
    // budget blocks) is read by the offline engine instead of ending failed; the reason
    // becomes a warning of the result. Also DOCKET_OFFLINE_FALLBACK=1.
    bool offlineFallback = false;
    // Changes whenever engine, llm or offlineFallback do in a running service: worker threads
    // then build their engines again.
    quint64 engineGeneration = 0;

    QString effectiveDatabaseUrl() const;
    QString effectiveDataFolder() const;
    bool effectiveOfflineFallback() const;
};

} // namespace docket
