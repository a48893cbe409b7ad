#include "LlmAgentFactory.h"

#include "KimiVlTool.h"
#include "LlmClassifier.h"
#include "LlmClient.h"
#include "LlmExtractor.h"
#include "LlmLog.h"
#include "LlmSpend.h"
#include "cost/BudgetGuard.h"
#include "cost/PricingTable.h"

#include <QCoreApplication>
#include <QMutex>

namespace docket {

std::shared_ptr<const LlmSpend> LlmAgentFactory::defaultSpend(const BudgetLimits &limits)
{
    static QMutex mutex;
    static std::unique_ptr<BudgetGuard> guard;
    static std::shared_ptr<const LlmSpend> spend;
    QMutexLocker lock(&mutex);
    if (!spend) {
        auto table = PricingTable::loadDefault();
        if (!table)
            qCWarning(lcLlm).noquote() << "no pricing table:" << table.error().message;
        guard = std::make_unique<BudgetGuard>(nullptr, limits);
        spend = std::make_shared<LlmSpend>(
            table ? std::make_shared<const PricingTable>(table.takeValue()) : nullptr, guard.get());
    } else {
        guard->setLimits(limits);
    }
    return spend;
}

Result<LlmAgents> LlmAgentFactory::create(const QString &engine, const LlmSettings &settings,
                                          std::shared_ptr<const LlmSpend> spend)
{
    if (!spend)
        spend = defaultSpend(settings.budgets);
    LlmAgents agents;
    if (engine == QLatin1String("openai")) {
        if (!settings.openaiReady())
            return Error{QStringLiteral("engine_unavailable"),
                         QCoreApplication::translate(
                             "LlmAgentFactory",
                             "The openai engine needs an API key: set OPENAI_API_KEY or enter "
                             "the key in the settings.")};
        // The model of each step (the settings' per-step models, else the provider's).
        const ProviderConfig classify = settings.openaiFor(QStringLiteral("classify"));
        const ProviderConfig extract = settings.openaiFor(QStringLiteral("extract"));
        auto client = std::make_shared<LlmClient>(extract);
        auto classifyClient =
            classify.model == extract.model ? client : std::make_shared<LlmClient>(classify);
        std::shared_ptr<KimiVlTool> tool;
        if (settings.kimiReady())
            tool = std::make_shared<KimiVlTool>(std::make_shared<LlmClient>(settings.kimi), spend);
        agents.classifier = std::make_unique<LlmClassifier>(classifyClient, spend, settings.agents);
        agents.extractor = std::make_unique<LlmExtractor>(client, spend, settings.agents, tool);
        return agents;
    }
    if (engine == QLatin1String("kimi")) {
        if (!settings.kimiReady())
            return Error{QStringLiteral("engine_unavailable"),
                         QCoreApplication::translate(
                             "LlmAgentFactory",
                             "The kimi engine needs a Kimi-VL endpoint: set KIMI_VL_BASE_URL "
                             "(and KIMI_VL_API_KEY, KIMI_VL_MODEL) or configure it in the "
                             "settings.")};
        auto client = std::make_shared<LlmClient>(settings.kimi);
        agents.classifier = std::make_unique<LlmClassifier>(client, spend, settings.agents);
        agents.extractor = std::make_unique<LlmExtractor>(client, spend, settings.agents);
        return agents;
    }
    return Error{
        QStringLiteral("engine_unavailable"),
        QCoreApplication::translate("LlmAgentFactory", "Unknown LLM engine \"%1\".").arg(engine)};
}

} // namespace docket
