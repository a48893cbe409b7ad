#pragma once

#include "UsageLedger.h"

#include <QMutex>

namespace docket {

// A UsageLedger in memory, guarded by a mutex: for tests and for sessions without a database.
class InMemoryUsageLedger : public UsageLedger
{
public:
    Status record(const UsageRecord &record) override;
    Result<UsageTotals> totals(const QDateTime &from, const QDateTime &to) const override;
    Result<QList<UsageRecord>> records(const QDateTime &from, const QDateTime &to) const override;

    int size() const;

private:
    mutable QMutex m_mutex;
    QList<UsageRecord> m_records;
};

} // namespace docket
