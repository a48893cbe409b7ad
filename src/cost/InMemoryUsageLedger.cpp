#include "InMemoryUsageLedger.h"

#include <QMutexLocker>

#include <algorithm>

namespace docket {

Status InMemoryUsageLedger::record(const UsageEntry &record)
{
    UsageEntry r = record;
    if (!r.time.isValid())
        r.time = QDateTime::currentDateTimeUtc();
    r.time = r.time.toUTC();
    QMutexLocker lock(&m_mutex);
    m_records.append(r);
    return {};
}

Result<UsageTotals> InMemoryUsageLedger::totals(const QDateTime &fromAnyZone,
                                                const QDateTime &toAnyZone) const
{
    // Records are kept in UTC; comparing UTC with UTC avoids a time-zone lookup per record.
    const QDateTime from = fromAnyZone.toUTC();
    const QDateTime to = toAnyZone.toUTC();
    UsageTotals t;
    QMutexLocker lock(&m_mutex);
    for (const UsageEntry &r : m_records)
        if (r.time >= from && r.time < to)
            t.add(r);
    return t;
}

Result<QList<UsageEntry>> InMemoryUsageLedger::records(const QDateTime &fromAnyZone,
                                                       const QDateTime &toAnyZone) const
{
    const QDateTime from = fromAnyZone.toUTC();
    const QDateTime to = toAnyZone.toUTC();
    QList<UsageEntry> out;
    {
        QMutexLocker lock(&m_mutex);
        for (const UsageEntry &r : m_records)
            if (r.time >= from && r.time < to)
                out.append(r);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const UsageEntry &a, const UsageEntry &b) { return a.time < b.time; });
    return out;
}

int InMemoryUsageLedger::size() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_records.size());
}

} // namespace docket
