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
// Money: every provider request is one usage row, written by the engine's cost ledger when
// it is answered (EngineFactory::spend); the result's usage is their sum and is not written
// again. An extraction the same engine, model and prompt version already made of the same
// document (same hash) is reused without a request (EngineFactory::reuseKeys). The agents'
// notices (a budget at 80%, a provider replaced by a fallback) become warnings of the result.
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
