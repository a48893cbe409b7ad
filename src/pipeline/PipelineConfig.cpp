#include "PipelineConfig.h"

#include "storage/Database.h"

#include <QStandardPaths>

namespace docket {

QString PipelineConfig::effectiveDatabaseUrl() const
{
    return databaseUrl.isEmpty() ? Database::defaultUrl() : databaseUrl;
}

QString PipelineConfig::effectiveDataFolder() const
{
    return dataFolder.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                : dataFolder;
}

bool PipelineConfig::effectiveOfflineFallback() const
{
    return offlineFallback || qEnvironmentVariableIntValue("DOCKET_OFFLINE_FALLBACK") == 1;
}

} // namespace docket
