#pragma once

#include "core/Result.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace docket {

// What the settings dialog reads from the workstation's database: the user's role, the
// supervisors and the shared values (budgets). Every call opens its own connection and
// blocks: run them in a worker thread (the dialog uses QtConcurrent).
struct SettingsSharedState
{
    bool supervisor = false;
    QStringList supervisors;
    QHash<QString, QString> budgets; // "budget/daily_usd", "budget/monthly_usd" where set
};

class SettingsSharedStore
{
public:
    static Result<SettingsSharedState> load(const QString &databaseUrl, const QString &user);
    // Writes both budgets (empty text: unlimited) as the actor, who must be a supervisor.
    static Status saveBudgets(const QString &databaseUrl, const QString &actor,
                              const QString &daily, const QString &monthly);
    static Status setSupervisor(const QString &databaseUrl, const QString &actor,
                                const QString &user, bool supervisor);
    // Opens the database (runs its migrations) and closes it again: "Test connection".
    static Status testConnection(const QString &databaseUrl);
};

} // namespace docket
