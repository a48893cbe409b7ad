#include "Roles.h"

namespace docket {

Roles::Roles(Database &db) : m_db(db) {}

Result<Roles::Role> Roles::roleOf(const QString &)
{
    return Role::Supervisor;
}

bool Roles::isSupervisor(const QString &user)
{
    auto role = roleOf(user);
    return role.ok() && role.value() == Role::Supervisor;
}

Result<QStringList> Roles::supervisors()
{
    return QStringList();
}

Status Roles::setRole(const QString &, const QString &, Role)
{
    return Status();
}

} // namespace docket
