#include "BudgetGuard.h"

#include "InMemoryUsageLedger.h"

#include <QLoggingCategory>
#include <QMutexLocker>

namespace docket {

namespace {

Q_LOGGING_CATEGORY(lcGuard, "docket.cost")

__extension__ using Int128 = __int128;

int severity(BudgetVerdict v)
{
    return v == BudgetVerdict::Block ? 2 : v == BudgetVerdict::Warn ? 1 : 0;
}

} // namespace

BudgetGuard::BudgetGuard(UsageLedger *ledger, BudgetLimits limits)
    : m_ledger(ledger), m_limits(limits), m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    if (!m_ledger) {
        m_ownLedger = std::make_unique<InMemoryUsageLedger>();
        m_ledger = m_ownLedger.get();
    }
}

std::unique_ptr<BudgetGuard> BudgetGuard::owning(std::unique_ptr<UsageLedger> ledger,
                                                 BudgetLimits limits)
{
    auto guard = std::make_unique<BudgetGuard>(ledger.get(), limits);
    if (ledger)
        guard->m_ownLedger = std::move(ledger);
    return guard;
}

BudgetGuard::~BudgetGuard() = default;

void BudgetGuard::setLimits(const BudgetLimits &limits)
{
    QMutexLocker lock(&m_mutex);
    m_limits = limits;
}

BudgetLimits BudgetGuard::limits() const
{
    QMutexLocker lock(&m_mutex);
    refreshLimits();
    return m_limits;
}

void BudgetGuard::setLimitsSource(std::function<std::optional<BudgetLimits>()> source)
{
    QMutexLocker lock(&m_mutex);
    m_limitsSource = std::move(source);
}

void BudgetGuard::refreshLimits() const
{
    if (!m_limitsSource)
        return;
    if (const auto limits = m_limitsSource())
        m_limits = *limits;
}

void BudgetGuard::setClock(std::function<QDateTime()> now)
{
    QMutexLocker lock(&m_mutex);
    m_clock = std::move(now);
}

UsdAmount BudgetGuard::reserved() const
{
    QMutexLocker lock(&m_mutex);
    return m_reservedTotal;
}

BudgetCheck BudgetGuard::check(const UsdAmount &estimate) const
{
    QMutexLocker lock(&m_mutex);
    return evaluate(estimate);
}

BudgetCheck BudgetGuard::evaluate(const UsdAmount &estimate) const
{
    refreshLimits();
    BudgetCheck result;
    result.estimate = estimate;
    const QDate today = m_clock().toLocalTime().date();

    const auto judge = [&](bool daily, const UsdAmount &limit) {
        const auto totals = daily ? m_ledger->day(today) : m_ledger->month(today);
        BudgetCheck c;
        c.budget = daily ? QStringLiteral("daily") : QStringLiteral("monthly");
        c.limit = limit;
        c.estimate = estimate;
        if (!totals) {
            // Spending unknown: do not risk the budget.
            c.verdict = BudgetVerdict::Block;
            c.message = tr("The spending so far could not be read (%1), so the request was not "
                           "sent.")
                            .arg(totals.error().message);
            return c;
        }
        c.spent = totals.value().cost + m_reservedTotal;
        const UsdAmount after = c.after();
        c.percentAfter = limit.isZero() ? (after.isZero() ? 100 : 1000) : limit.percentOf(after);
        if (after > limit) {
            c.verdict = BudgetVerdict::Block;
            c.message =
                daily ? tr("Daily budget of %1 reached: %2 already spent or reserved today, and "
                           "this request (about %3) would bring it to %4. The request was not "
                           "sent; a supervisor can raise the budget.")
                            .arg(limit.toDisplayString(), c.spent.toDisplayString(),
                                 estimate.toDisplayString(), after.toDisplayString())
                      : tr("Monthly budget of %1 reached: %2 already spent or reserved this "
                           "month, and this request (about %3) would bring it to %4. The request "
                           "was not sent; a supervisor can raise the budget.")
                            .arg(limit.toDisplayString(), c.spent.toDisplayString(),
                                 estimate.toDisplayString(), after.toDisplayString());
        } else if (Int128(after.nanos()) * 100 >= Int128(limit.nanos()) * kWarnPercent) {
            c.verdict = BudgetVerdict::Warn;
            c.message = daily ? tr("Daily budget: this request (about %1) brings today's "
                                   "spending to %2 of %3 (%4%).")
                                    .arg(estimate.toDisplayString(), after.toDisplayString(),
                                         limit.toDisplayString())
                                    .arg(c.percentAfter)
                              : tr("Monthly budget: this request (about %1) brings this month's "
                                   "spending to %2 of %3 (%4%).")
                                    .arg(estimate.toDisplayString(), after.toDisplayString(),
                                         limit.toDisplayString())
                                    .arg(c.percentAfter);
        }
        return c;
    };

    if (m_limits.daily) {
        const BudgetCheck c = judge(true, *m_limits.daily);
        if (severity(c.verdict) > severity(result.verdict))
            result = c;
    }
    if (m_limits.monthly && result.verdict != BudgetVerdict::Block) {
        const BudgetCheck c = judge(false, *m_limits.monthly);
        if (severity(c.verdict) > severity(result.verdict))
            result = c;
    }
    return result;
}

BudgetReservation BudgetGuard::reserve(const UsdAmount &estimate)
{
    BudgetReservation reservation;
    QMutexLocker lock(&m_mutex);
    reservation.m_check = evaluate(estimate);
    if (!reservation.m_check.allowed()) {
        qCInfo(lcGuard) << "blocked a request of" << estimate.toString() << "USD by the"
                        << reservation.m_check.budget << "budget";
        return reservation;
    }
    reservation.m_guard = this;
    reservation.m_id = m_nextId++;
    m_reservations.insert(reservation.m_id, estimate);
    m_reservedTotal += estimate;
    return reservation;
}

Status BudgetGuard::settle(quint64 id, const UsageEntry &actual)
{
    UsageEntry record = actual;
    if (!record.time.isValid()) {
        QMutexLocker lock(&m_mutex);
        record.time = m_clock().toUTC();
    }
    // Written outside the lock (a database ledger may wait for its write lock); until the
    // reservation goes below, the request is counted twice, which only errs on the safe side.
    const Status recorded = m_ledger->record(record);
    QMutexLocker lock(&m_mutex);
    if (!recorded.ok()) {
        // Keep the money counted: leave the reservation in place, at the actual cost.
        qCWarning(lcGuard) << "could not record usage:" << recorded.error().message;
        if (m_reservations.contains(id)) {
            m_reservedTotal -= m_reservations.value(id);
            m_reservations.insert(id, actual.cost);
            m_reservedTotal += actual.cost;
        }
        return recorded;
    }
    if (m_reservations.contains(id))
        m_reservedTotal -= m_reservations.take(id);
    return {};
}

void BudgetGuard::release(quint64 id)
{
    QMutexLocker lock(&m_mutex);
    if (m_reservations.contains(id))
        m_reservedTotal -= m_reservations.take(id);
}

} // namespace docket
