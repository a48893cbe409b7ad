#pragma once

#include "core/Result.h"

#include <QHash>
#include <QString>

#include <optional>

namespace docket {

class Database;

// Settings every workstation and `docket worker` of one database share, in the settings_kv
// table: the budgets ("budget/daily_usd", "budget/monthly_usd"), the roles ("role:<user>")
// and whatever else must be the same for the whole team. Values are text; an absent key
// reads as an empty optional.
class SharedSettings
{
public:
    explicit SharedSettings(Database &db);

    Result<std::optional<QString>> value(const QString &key);
    // Every key starting with prefix (all keys for an empty prefix).
    Result<QHash<QString, QString>> values(const QString &prefix = {});
    // Sets (inserts or replaces) a value, with an audit row naming the actor.
    Status setValue(const QString &key, const QString &value, const QString &actor = {});
    Status remove(const QString &key, const QString &actor = {});

    // The budget keys, the same names as the settings file's (BudgetLimits).
    static QString dailyBudgetKey() { return QStringLiteral("budget/daily_usd"); }
    static QString monthlyBudgetKey() { return QStringLiteral("budget/monthly_usd"); }

private:
    Database &m_db;
};

} // namespace docket
