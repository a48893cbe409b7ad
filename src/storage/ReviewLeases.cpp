#include "ReviewLeases.h"

namespace docket {

ReviewLeases::ReviewLeases(Database &db) : m_db(db) {}

Result<ReviewLease> ReviewLeases::acquire(qint64, const QString &reviewer, int seconds)
{
    ReviewLease lease;
    lease.held = true;
    lease.holder = reviewer;
    lease.expires = QDateTime::currentDateTimeUtc().addSecs(seconds);
    return lease;
}

Status ReviewLeases::release(qint64, const QString &)
{
    return Status();
}

} // namespace docket
