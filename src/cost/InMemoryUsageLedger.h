#pragma once

#include "UsageLedger.h"

#include <QMutex>

namespace docket {

// A UsageLedger in memory, guarded by a mutex: for tests and for sessions without a database.
class InMemoryUsageLedger : public UsageLedger
{
public:
    Status record(const UsageEntry &record) override;
    Result<UsageTotals> totals(const QDateTime &from, const QDateTime &to) const override;
    Result<QList<UsageEntry>> records(const QDateTime &from, const QDateTime &to) const override;

    int size() const;

private:
    mutable QMutex m_mutex;
    QList<UsageEntry> m_records;
};

} // namespace docket
