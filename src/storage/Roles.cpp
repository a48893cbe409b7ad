#include "Roles.h"

#include "Database.h"
#include "SharedSettings.h"
#include "Sql.h"

#include <algorithm>

namespace docket {

namespace {

const QString kPrefix = QStringLiteral("role:");
const QString kSupervisor = QStringLiteral("supervisor");

} // namespace

Roles::Roles(Database &db) : m_db(db) {}

Result<QStringList> Roles::supervisors()
{
    auto all = SharedSettings(m_db).values(kPrefix);
    if (!all)
        return all.error();
    QStringList out;
    for (auto it = all.value().cbegin(); it != all.value().cend(); ++it)
        if (it.value() == kSupervisor)
            out.append(it.key().mid(kPrefix.size()));
    std::sort(out.begin(), out.end(), [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    return out;
}

Result<Roles::Role> Roles::roleOf(const QString &user)
{
    auto list = supervisors();
    if (!list)
        return list.error();
    if (list.value().isEmpty())
        return Role::Supervisor; // nobody named: everyone is their own supervisor
    return list.value().contains(user.trimmed(), Qt::CaseInsensitive) ? Role::Supervisor
                                                                      : Role::Reviewer;
}

bool Roles::isSupervisor(const QString &user)
{
    auto role = roleOf(user);
    return role.ok() && role.value() == Role::Supervisor;
}

Status Roles::setRole(const QString &actor, const QString &user, Role role)
{
    const QString name = user.trimmed();
    if (name.isEmpty())
        return Status::failure(QStringLiteral("invalid_user"),
                               sql::Messages::tr("The user name is empty."));
    return m_db.transaction([&]() -> Status {
        auto list = supervisors();
        if (!list)
            return list.error();
        if (!list.value().isEmpty() && !list.value().contains(actor.trimmed(), Qt::CaseInsensitive))
            return Status::failure(
                QStringLiteral("not_supervisor"),
                sql::Messages::tr("Only a supervisor may change roles; %1 is a reviewer.")
                    .arg(actor));
        SharedSettings shared(m_db);
        // One entry per person, whatever the case it was first written in.
        for (const QString &existing : list.value())
            if (existing.compare(name, Qt::CaseInsensitive) == 0 && existing != name)
                if (Status s = shared.remove(kPrefix + existing, actor); !s)
                    return s;
        if (role == Role::Supervisor)
            return shared.setValue(kPrefix + name, kSupervisor, actor);
        return shared.remove(kPrefix + name, actor);
    });
}

} // namespace docket
