#include "WorkerResources.h"

#include "EngineFactory.h"
#include "storage/Database.h"

#include <map>
#include <memory>

namespace docket {

Result<Database *> WorkerResources::database(const QString &url)
{
    thread_local std::map<QString, std::unique_ptr<Database>> connections;
    auto it = connections.find(url);
    if (it != connections.end())
        return it->second.get();
    auto db = Database::open(url);
    if (!db)
        return db.error();
    return connections.emplace(url, db.takeValue()).first->second.get();
}

Result<Engine *> WorkerResources::engine(const PipelineConfig &config)
{
    thread_local std::map<QString, std::unique_ptr<Engine>> engines;
    auto it = engines.find(config.engine);
    if (it != engines.end())
        return it->second.get();
    auto engine = EngineFactory::create(config.engine, config);
    if (!engine)
        return engine.error();
    auto owned = std::make_unique<Engine>(engine.takeValue());
    return engines.emplace(config.engine, std::move(owned)).first->second.get();
}

} // namespace docket
