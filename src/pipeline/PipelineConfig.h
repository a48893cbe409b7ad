#pragma once

#include "agents/ReviewCoordinator.h"
#include "ingest/IngestLimits.h"
#include "vision/OcrOptions.h"

#include <QString>

namespace docket {

struct PipelineConfig
{
    QString databaseUrl;                      // empty: Database::defaultUrl()
    QString dataFolder;                       // empty: AppDataLocation
    QString engine = QStringLiteral("local"); // local | openai | kimi | auto
    int jobs = 0;                             // worker threads; 0: the number of cores
    IngestLimits limits;
    OcrOptions ocr;
    ReviewPolicy policy;

    QString effectiveDatabaseUrl() const;
    QString effectiveDataFolder() const;
};

} // namespace docket
