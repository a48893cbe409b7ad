#include "WorkerResources.h"

#include "EngineFactory.h"
#include "storage/Database.h"

#include <QThreadStorage>

#include <map>
#include <memory>

namespace docket {

namespace {

// Per-thread cache. QThreadStorage (not thread_local) destroys it while the QThread is
// still finishing, so QThread::wait() and the pool's destructor cover the database
// connections' teardown; thread_local destructors would run after wait() returned and race
// with the process's exit.
struct WorkerCache
{
    std::map<QString, std::unique_ptr<Database>> connections; // destroyed after the engines
    std::map<QString, std::unique_ptr<Engine>> engines;
};

WorkerCache &cache()
{
    static QThreadStorage<WorkerCache *> storage;
    if (!storage.hasLocalData())
        storage.setLocalData(new WorkerCache);
    return *storage.localData();
}

} // namespace

Result<Database *> WorkerResources::database(const QString &url)
{
    auto &connections = cache().connections;
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
    auto &engines = cache().engines;
    // Built again whenever the settings change (a new generation).
    const QString generation = QLatin1Char('#') + QString::number(config.engineGeneration);
    const QString key = config.engine + generation;
    auto it = engines.find(key);
    if (it != engines.end())
        return it->second.get();
    // Engines of earlier settings are not used again.
    std::erase_if(engines, [&](const auto &entry) { return !entry.first.endsWith(generation); });
    auto engine = EngineFactory::create(config.engine, config);
    if (!engine)
        return engine.error();
    auto owned = std::make_unique<Engine>(engine.takeValue());
    return engines.emplace(key, std::move(owned)).first->second.get();
}

} // namespace docket
