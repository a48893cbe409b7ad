#include "EngineFactory.h"

#include "RoutingAgents.h"
#include "agents/LocalClassifier.h"
#include "agents/LocalExtractor.h"
#include "agents/PolicyReviewCoordinator.h"
#include "agents/RuleValidator.h"
#include "llm/LlmAgentFactory.h"

#include <QCoreApplication>
#include <QDate>

namespace docket {

namespace {

const LlmSettings &settings()
{
    static const LlmSettings s = LlmSettings::fromEnvironment();
    return s;
}

Error unavailable(const QString &name)
{
    return {QStringLiteral("engine_unavailable"),
            QCoreApplication::translate("EngineFactory", "Unknown engine \"%1\".").arg(name)};
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
    if (settings().openaiReady())
        engines.append(QStringLiteral("openai"));
    if (settings().kimiReady())
        engines.append(QStringLiteral("kimi"));
    return engines;
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
    if (name != QLatin1String("auto")) {
        auto agents = LlmAgentFactory::create(name, settings());
        if (!agents)
            return agents.error();
        engine.classifier = std::move(agents.value().classifier);
        engine.extractor = std::move(agents.value().extractor);
        return engine;
    }
    // auto: offline first, models where it is unsure (those configured; none is fine).
    LlmAgents text;
    LlmAgents vision;
    if (settings().openaiReady())
        if (auto a = LlmAgentFactory::create(QStringLiteral("openai"), settings()))
            text = std::move(a.value());
    if (settings().kimiReady())
        if (auto a = LlmAgentFactory::create(QStringLiteral("kimi"), settings()))
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
