#pragma once

#include "PipelineConfig.h"
#include "agents/Engine.h"
#include "core/Result.h"

#include <QStringList>

namespace docket {

// Builds the agents of an engine by name for one worker thread.
class EngineFactory
{
public:
    static QStringList knownEngines();     // local, openai, kimi, auto
    static QStringList availableEngines(); // those this build can run
    // Error code "engine_unavailable" with a message saying why.
    static Result<Engine> create(const QString &name, const PipelineConfig &config);
};

} // namespace docket
