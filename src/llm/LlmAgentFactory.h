#pragma once

#include "LlmSettings.h"
#include "agents/Classifier.h"
#include "agents/Extractor.h"
#include "core/Result.h"

#include <memory>

class QNetworkAccessManager;

namespace docket {

class BudgetGuard;
class LlmSpend;

// The LLM agents of the "openai" and "kimi" engines for the calling worker thread.
struct LlmAgents
{
    std::unique_ptr<Classifier> classifier;
    std::unique_ptr<Extractor> extractor;
};

class LlmAgentFactory
{
public:
    // engine: "openai" (with the extract_with_kimi_vl tool when Kimi-VL is configured too; the
    // classifier and extractor on their steps' models, LlmSettings::openaiFor) or "kimi". Call in
    // the worker thread that will use the agents: their clients and network manager live there.
    // spend: shared by all threads (null: defaultSpend()). Error "engine_unavailable" when the
    // provider is not configured (no key / endpoint).
    static Result<LlmAgents> create(const QString &engine, const LlmSettings &settings,
                                    std::shared_ptr<const LlmSpend> spend = {});

    // One per process: the compiled-in pricing (plus the user's pricing.json) and a budget
    // guard over an in-memory ledger with the given limits. The pipeline uses its own, over
    // the database's usage table (EngineFactory::spend).
    static std::shared_ptr<const LlmSpend> defaultSpend(const BudgetLimits &limits);
};

} // namespace docket
