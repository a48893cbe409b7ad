#pragma once

#include "PipelineConfig.h"
#include "core/CancelToken.h"
#include "core/ProcessingResult.h"

#include <QString>

namespace docket {

class Database;
struct Engine;

// Processes one file, synchronously, on the calling (worker) thread: import (hash, copy,
// dedup), text layer or OCR per page, classify, extract, validate, decide, store.
// Never throws; a document that cannot be processed comes back with status failed and an
// error code and message.
class DocumentProcessor
{
public:
    struct Options
    {
        QString password;       // for encrypted PDFs
        bool reprocess = false; // process again even when already processed
        QString forcedType;     // skip classification and use this schema
    };

    DocumentProcessor(const PipelineConfig &config, Database &db, Engine &engine);

    ProcessingResult process(const QString &path, const Options &options,
                             const CancelToken &cancel);

    // Re-runs a stored document (e.g. after a type change).
    ProcessingResult reprocess(qint64 documentId, const Options &options,
                               const CancelToken &cancel);

private:
    const PipelineConfig &m_config;
    Database &m_db;
    Engine &m_engine;
};

} // namespace docket
