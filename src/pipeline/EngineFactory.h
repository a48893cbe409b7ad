#pragma once

#include "PipelineConfig.h"
#include "agents/Engine.h"
#include "core/Result.h"

#include <QList>
#include <QStringList>

#include <memory>

namespace docket {

class LlmSpend;
struct LlmSettings;

// Builds the agents of an engine by name for one worker thread.
class EngineFactory
{
public:
    static QStringList knownEngines();     // local, openai, kimi, auto
    static QStringList availableEngines(); // those this build can run
    // Error code "engine_unavailable" with a message saying why.
    static Result<Engine> create(const QString &name, const PipelineConfig &config);

    // The settings of the cloud engines: config.llm, else the environment's.
    static const LlmSettings &llmSettings(const PipelineConfig &config);

    // The money side of the cloud engines of one database, shared by every worker thread of
    // the process: the prices, the budget guard (with the configuration's budgets, under the
    // database's shared budgets read at every check: a supervisor's change counts at once
    // for every worker) and its ledger over the database's usage table, read and written through
    // each thread's own connection (WorkerResources). Every provider request is one usage
    // row there, written once, with its step and document.
    static std::shared_ptr<const LlmSpend> spend(const PipelineConfig &config);

    // What an extraction by an engine is stored with (engine, model, prompt version), for each
    // model the engine may use. An extraction of the same document stored under one of them
    // is reused instead of paid for again (DESIGN.md: the same hash, engine, model and prompt
    // version are never paid twice). Empty for the local engine, which costs nothing, and for
    // auto (the engines' disagreements, a review reason, are not stored with its extraction).
    struct ReuseKey
    {
        QString engine;
        QString model;
        QString promptVersion;
    };
    static QList<ReuseKey> reuseKeys(const QString &engine, const PipelineConfig &config);
};

} // namespace docket
