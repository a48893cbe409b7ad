#include "EngineFactory.h"

#include "agents/LocalClassifier.h"
#include "agents/LocalExtractor.h"
#include "agents/PolicyReviewCoordinator.h"
#include "agents/RuleValidator.h"

#include <QCoreApplication>
#include <QDate>

namespace docket {

QStringList EngineFactory::knownEngines()
{
    return {QStringLiteral("local"), QStringLiteral("openai"), QStringLiteral("kimi"),
            QStringLiteral("auto")};
}

QStringList EngineFactory::availableEngines()
{
    return {QStringLiteral("local")};
}

Result<Engine> EngineFactory::create(const QString &name, const PipelineConfig &config)
{
    if (!availableEngines().contains(name))
        return Error{
            QStringLiteral("engine_unavailable"),
            knownEngines().contains(name)
                ? QCoreApplication::translate(
                      "EngineFactory", "The %1 engine is not available in this version of Docket; "
                                       "use --engine local.")
                      .arg(name)
                : QCoreApplication::translate("EngineFactory", "Unknown engine \"%1\".").arg(name)};
    Engine engine;
    engine.name = name;
    engine.classifier = std::make_unique<LocalClassifier>();
    engine.extractor = std::make_unique<LocalExtractor>();
    engine.validator = std::make_unique<RuleValidator>(QDate::currentDate());
    engine.reviewCoordinator = std::make_unique<PolicyReviewCoordinator>(config.policy);
    return engine;
}

} // namespace docket
