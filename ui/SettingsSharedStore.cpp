#include "SettingsSharedStore.h"

#include "storage/Database.h"
#include "storage/Roles.h"
#include "storage/SharedSettings.h"

#include <QCoreApplication>

namespace docket {

Result<SettingsSharedState> SettingsSharedStore::load(const QString &databaseUrl,
                                                      const QString &user)
{
    auto db = Database::open(databaseUrl);
    if (!db)
        return db.error();
    Roles roles(*db.value());
    auto list = roles.supervisors();
    if (!list)
        return list.error();
    auto budgets = SharedSettings(*db.value()).values(QStringLiteral("budget/"));
    if (!budgets)
        return budgets.error();
    SettingsSharedState state;
    state.supervisors = list.value();
    state.supervisor = state.supervisors.isEmpty() ||
                       state.supervisors.contains(user.trimmed(), Qt::CaseInsensitive);
    state.budgets = budgets.value();
    return state;
}

Status SettingsSharedStore::saveBudgets(const QString &databaseUrl, const QString &actor,
                                        const QString &daily, const QString &monthly)
{
    auto db = Database::open(databaseUrl);
    if (!db)
        return db.error();
    if (!Roles(*db.value()).isSupervisor(actor))
        return Status::failure(QStringLiteral("not_supervisor"),
                               QCoreApplication::translate(
                                   "SettingsDialog", "Only a supervisor may change the budgets."));
    return db.value()->transaction([&]() -> Status {
        SharedSettings shared(*db.value());
        if (Status s = shared.setValue(SharedSettings::dailyBudgetKey(), daily.trimmed(), actor);
            !s)
            return s;
        return shared.setValue(SharedSettings::monthlyBudgetKey(), monthly.trimmed(), actor);
    });
}

Status SettingsSharedStore::setSupervisor(const QString &databaseUrl, const QString &actor,
                                          const QString &user, bool supervisor)
{
    auto db = Database::open(databaseUrl);
    if (!db)
        return db.error();
    return Roles(*db.value())
        .setRole(actor, user, supervisor ? Roles::Role::Supervisor : Roles::Role::Reviewer);
}

Status SettingsSharedStore::testConnection(const QString &databaseUrl)
{
    auto db = Database::open(databaseUrl);
    if (!db)
        return db.error();
    return {};
}

} // namespace docket
