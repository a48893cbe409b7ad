#include "UsageLedger.h"

#include <QTimeZone>

namespace docket {

QDateTime UsageLedger::dayStart(const QDate &utcDay)
{
    return QDateTime(utcDay, QTime(0, 0), QTimeZone::utc());
}

QDateTime UsageLedger::monthStart(const QDate &anyDayOfMonth)
{
    return dayStart(QDate(anyDayOfMonth.year(), anyDayOfMonth.month(), 1));
}

Result<UsageTotals> UsageLedger::day(const QDate &utcDay) const
{
    return totals(dayStart(utcDay), dayStart(utcDay.addDays(1)));
}

Result<UsageTotals> UsageLedger::month(const QDate &anyDayOfMonth) const
{
    const QDateTime start = monthStart(anyDayOfMonth);
    return totals(start, start.addMonths(1));
}

} // namespace docket
