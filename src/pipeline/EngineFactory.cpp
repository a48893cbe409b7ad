#include "EngineFactory.h"

#include "RoutingAgents.h"
#include "WorkerResources.h"
#include "agents/LocalClassifier.h"
#include "agents/LocalExtractor.h"
#include "agents/PolicyReviewCoordinator.h"
#include "agents/RuleValidator.h"
#include "cost/BudgetGuard.h"
#include "cost/DatabaseUsageLedger.h"
#include "cost/PricingTable.h"
#include "llm/LlmAgentFactory.h"
#include "llm/LlmSpend.h"
#include "llm/PromptLibrary.h"
#include "storage/SharedSettings.h"

#include <QCoreApplication>
#include <QDate>
#include <QLoggingCategory>
#include <QMutex>

#include <map>

namespace docket {

namespace {

Q_LOGGING_CATEGORY(lcEngines, "docket.pipeline.engines")

const LlmSettings &environmentSettings()
{
    static const LlmSettings s = LlmSettings::fromEnvironment();
    return s;
}

Error unavailable(const QString &name)
{
    return {QStringLiteral("engine_unavailable"),
            QCoreApplication::translate("EngineFactory", "Unknown engine \"%1\".").arg(name)};
}

// The budgets of this process's settings, under the database's shared ones.
struct BaseLimits
{
    QMutex mutex;
    BudgetLimits limits;
};

// One per database URL, for the life of the process.
struct DatabaseSpend
{
    std::shared_ptr<BaseLimits> base;
    std::unique_ptr<BudgetGuard> guard;
    std::shared_ptr<const LlmSpend> spend;
};

std::shared_ptr<const PricingTable> pricing()
{
    static const std::shared_ptr<const PricingTable> table = [] {
        auto loaded = PricingTable::loadDefault();
        if (!loaded) {
            qCWarning(lcEngines).noquote() << "no pricing table:" << loaded.error().message;
            return std::shared_ptr<const PricingTable>();
        }
        return std::make_shared<const PricingTable>(loaded.takeValue());
    }();
    return table;
}

// The settings' fallback model of the openai engine, when one is set and differs from the
// extraction's model; empty otherwise.
QString fallbackModel(const LlmSettings &s)
{
    if (s.openaiSteps.fallback.trimmed().isEmpty())
        return {};
    const QString model = s.openaiFor(QStringLiteral("fallback")).model;
    return model == s.openaiFor(QStringLiteral("extract")).model ? QString() : model;
}

// The openai agents with the fallback model behind them (every step on that model).
void addModelFallback(LlmAgents &agents, const LlmSettings &settings,
                      const std::shared_ptr<const LlmSpend> &money)
{
    const QString model = fallbackModel(settings);
    if (model.isEmpty() || !agents.classifier || !agents.extractor)
        return;
    LlmSettings alternative = settings;
    alternative.openai = settings.openaiFor(QStringLiteral("fallback"));
    alternative.openaiSteps = {};
    auto other = LlmAgentFactory::create(QStringLiteral("openai"), alternative, money);
    if (!other)
        return;
    const Fallback fallback{Fallback::Kind::Model, model};
    agents.classifier = std::make_unique<FallbackClassifier>(
        std::move(agents.classifier), std::move(other.value().classifier), fallback);
    agents.extractor = std::make_unique<FallbackExtractor>(
        std::move(agents.extractor), std::move(other.value().extractor), fallback);
}

} // namespace

QStringList EngineFactory::knownEngines()
{
    return {QStringLiteral("local"), QStringLiteral("openai"), QStringLiteral("kimi"),
            QStringLiteral("auto")};
}

QStringList EngineFactory::availableEngines()
{
    QStringList engines{QStringLiteral("local"), QStringLiteral("auto")};
    if (environmentSettings().openaiReady())
        engines.append(QStringLiteral("openai"));
    if (environmentSettings().kimiReady())
        engines.append(QStringLiteral("kimi"));
    return engines;
}

const LlmSettings &EngineFactory::llmSettings(const PipelineConfig &config)
{
    return config.llm ? *config.llm : environmentSettings();
}

std::shared_ptr<const LlmSpend> EngineFactory::spend(const PipelineConfig &config)
{
    static QMutex mutex;
    static std::map<QString, DatabaseSpend> spends;
    const QString url = config.effectiveDatabaseUrl();
    const BudgetLimits limits = llmSettings(config).budgets;
    QMutexLocker lock(&mutex);
    auto it = spends.find(url);
    if (it == spends.end()) {
        auto ledger = std::make_unique<DatabaseUsageLedger>(
            [url]() -> Result<Database *> { return WorkerResources::database(url); });
        DatabaseSpend s;
        s.guard = BudgetGuard::owning(std::move(ledger), limits);
        // The budgets a supervisor sets in the database count for every workstation and worker
        // at once, over this process's own (the environment still over both).
        s.base = std::make_shared<BaseLimits>();
        s.base->limits = limits;
        s.guard->setLimitsSource([url, base = s.base]() -> std::optional<BudgetLimits> {
            auto db = WorkerResources::database(url);
            if (!db)
                return std::nullopt;
            auto shared = SharedSettings(*db.value()).values(QStringLiteral("budget/"));
            if (!shared)
                return std::nullopt;
            LlmSettings settings;
            {
                QMutexLocker lock(&base->mutex);
                settings.budgets = base->limits;
            }
            settings.applyShared(shared.value());
            return settings.budgets;
        });
        s.spend = std::make_shared<const LlmSpend>(pricing(), s.guard.get());
        it = spends.emplace(url, std::move(s)).first;
    } else {
        QMutexLocker baseLock(&it->second.base->mutex);
        it->second.base->limits = limits;
        baseLock.unlock();
        it->second.guard->setLimits(limits);
    }
    return it->second.spend;
}

QList<EngineFactory::ReuseKey> EngineFactory::reuseKeys(const QString &engine,
                                                        const PipelineConfig &config)
{
    const LlmSettings &s = llmSettings(config);
    const QString version = PromptLibrary::version();
    const QString extractModel = s.openaiFor(QStringLiteral("extract")).model;
    const QString fallback = fallbackModel(s);
    if (engine == QLatin1String("openai")) {
        QList<ReuseKey> keys{{engine, extractModel, version}};
        if (!fallback.isEmpty())
            keys.append({engine, fallback, version});
        return keys;
    }
    if (engine == QLatin1String("kimi"))
        return {{engine, s.kimi.model, version}};
    // auto: not reused. Its stored extraction is the merge of the offline and the model's
    // readings; where they disagreed (a review reason) is not stored with it, so a reuse could
    // let a document pass that must be reviewed. Its model requests are only for what the
    // offline engine is unsure of.
    return {};
}

Result<Engine> EngineFactory::create(const QString &name, const PipelineConfig &config)
{
    if (!knownEngines().contains(name))
        return unavailable(name);
    Engine engine;
    engine.name = name;
    engine.validator = std::make_unique<RuleValidator>(QDate::currentDate());
    engine.reviewCoordinator = std::make_unique<PolicyReviewCoordinator>(config.policy);
    if (name == QLatin1String("local")) {
        engine.classifier = std::make_unique<LocalClassifier>();
        engine.extractor = std::make_unique<LocalExtractor>();
        return engine;
    }
    const LlmSettings &settings = llmSettings(config);
    const auto money = spend(config);
    if (name != QLatin1String("auto")) {
        auto agents = LlmAgentFactory::create(name, settings, money);
        if (!agents)
            return agents.error();
        if (name == QLatin1String("openai"))
            addModelFallback(agents.value(), settings, money);
        engine.classifier = std::move(agents.value().classifier);
        engine.extractor = std::move(agents.value().extractor);
        if (config.effectiveOfflineFallback()) {
            const Fallback offline{Fallback::Kind::OfflineEngine, {}};
            engine.classifier = std::make_unique<FallbackClassifier>(
                std::move(engine.classifier), std::make_unique<LocalClassifier>(), offline);
            engine.extractor = std::make_unique<FallbackExtractor>(
                std::move(engine.extractor), std::make_unique<LocalExtractor>(), offline);
        }
        return engine;
    }
    // auto: offline first, models where it is unsure (those configured; none is fine).
    LlmAgents text;
    LlmAgents vision;
    if (settings.openaiReady())
        if (auto a = LlmAgentFactory::create(QStringLiteral("openai"), settings, money)) {
            text = std::move(a.value());
            addModelFallback(text, settings, money);
        }
    if (settings.kimiReady())
        if (auto a = LlmAgentFactory::create(QStringLiteral("kimi"), settings, money))
            vision = std::move(a.value());
    std::unique_ptr<Classifier> llmClassifier =
        text.classifier ? std::move(text.classifier) : std::move(vision.classifier);
    engine.classifier = std::make_unique<RoutingClassifier>(
        std::make_unique<LocalClassifier>(), std::move(llmClassifier), config.policy);
    engine.extractor = std::make_unique<RoutingExtractor>(
        std::make_unique<LocalExtractor>(), std::move(text.extractor), std::move(vision.extractor),
        config.policy);
    return engine;
}

} // namespace docket
