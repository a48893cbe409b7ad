#include "UsageLedger.h"

namespace docket {

QDateTime UsageLedger::dayStart(const QDate &localDay)
{
    return QDateTime(localDay, QTime(0, 0), Qt::LocalTime);
}

QDateTime UsageLedger::monthStart(const QDate &anyDayOfMonth)
{
    return dayStart(QDate(anyDayOfMonth.year(), anyDayOfMonth.month(), 1));
}

Result<UsageTotals> UsageLedger::day(const QDate &localDay) const
{
    return totals(dayStart(localDay), dayStart(localDay.addDays(1)));
}

Result<UsageTotals> UsageLedger::month(const QDate &anyDayOfMonth) const
{
    const QDateTime start = monthStart(anyDayOfMonth);
    return totals(start, start.addMonths(1));
}

} // namespace docket
