#pragma once

#include "PipelineConfig.h"
#include "agents/Engine.h"
#include "core/Result.h"

namespace docket {

class Database;

// What a worker thread keeps between jobs: its own database connection per URL and its own
// agents per engine. Owned by the calling thread (thread_local); never shared.
class WorkerResources
{
public:
    static Result<Database *> database(const QString &url);
    static Result<Engine *> engine(const PipelineConfig &config);
};

} // namespace docket
