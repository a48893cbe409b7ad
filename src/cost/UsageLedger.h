#pragma once

#include "UsageEntry.h"
#include "core/Result.h"

#include <QDate>
#include <QDateTime>
#include <QList>

namespace docket {

// Where provider usage is recorded and summed. Days and months are the user's local
// calendar, as in the storage layer's usage table
// (as the providers bill). Implementations must be safe to call from several threads.
// InMemoryUsageLedger serves tests and a session without a database; DatabaseUsageLedger
// (over the storage layer's usage table) is what the pipeline uses (EngineFactory::spend).
class UsageLedger
{
public:
    virtual ~UsageLedger() = default;

    virtual Status record(const UsageEntry &record) = 0;
    // Sums of the records with from <= time < to.
    virtual Result<UsageTotals> totals(const QDateTime &from, const QDateTime &to) const = 0;
    // The records with from <= time < to, oldest first (for the dashboard).
    virtual Result<QList<UsageEntry>> records(const QDateTime &from, const QDateTime &to) const = 0;

    Result<UsageTotals> day(const QDate &localDay) const;
    Result<UsageTotals> month(const QDate &anyDayOfMonth) const;

    static QDateTime dayStart(const QDate &localDay); // local midnight
    static QDateTime monthStart(const QDate &anyDayOfMonth);
};

} // namespace docket
