#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringList>

namespace docket {

class Database;

// Reviewer and supervisor roles, kept in the database (settings_kv) so that every
// workstation of a shared database agrees. Budgets, models and keys are the supervisor's.
// A database without any supervisor named treats everyone as supervisor (a single reviewer
// on a local SQLite file is their own supervisor).
class Roles
{
public:
    enum class Role
    {
        Reviewer,
        Supervisor
    };

    explicit Roles(Database &db);

    Result<Role> roleOf(const QString &user);
    bool isSupervisor(const QString &user); // false on error
    Result<QStringList> supervisors();
    // Only a supervisor (or anyone while there is none) may change roles.
    Status setRole(const QString &actor, const QString &user, Role role);

private:
    Database &m_db;
};

} // namespace docket
