#pragma once

#include "BudgetLimits.h"
#include "BudgetReservation.h"
#include "UsageLedger.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QMutex>

#include <functional>
#include <memory>
#include <optional>

namespace docket {

// Keeps provider spending within the daily and monthly budgets (the user's local calendar
// days and months, as the usage dashboard shows them). Before a
// request, a worker reserves its estimate: the guard sums what the ledger recorded in the
// period plus every outstanding reservation plus the estimate, atomically under one lock,
//  - Block when that would exceed 100% of a budget (the request must not be sent),
//  - Warn when it reaches 80% or more,
//  - Allow otherwise;
// and, unless blocked, keeps the estimate reserved until the reservation is settled with the
// actual usage (recorded in the ledger) or released. So several worker threads reserving at
// once can never together exceed a budget by their estimates. Thread-safe.
class BudgetGuard
{
    Q_DECLARE_TR_FUNCTIONS(BudgetGuard)
public:
    static constexpr int kWarnPercent = 80;

    // ledger: where usage is read and recorded, not owned; null: an in-memory ledger.
    explicit BudgetGuard(UsageLedger *ledger = nullptr, BudgetLimits limits = {});
    // A guard that owns its ledger (a DatabaseUsageLedger shared by a process's workers).
    static std::unique_ptr<BudgetGuard> owning(std::unique_ptr<UsageLedger> ledger,
                                               BudgetLimits limits = {});
    ~BudgetGuard();
    BudgetGuard(const BudgetGuard &) = delete;
    BudgetGuard &operator=(const BudgetGuard &) = delete;

    void setLimits(const BudgetLimits &limits); // the supervisor raises a budget
    BudgetLimits limits() const;
    // Where the limits come from when they may change under a running guard (the budgets a
    // supervisor sets in a shared database): asked at every check and reservation, and its
    // answer replaces the limits; nullopt (unreadable) keeps the current ones. Null: none.
    void setLimitsSource(std::function<std::optional<BudgetLimits>()> source);
    // The current time (tests move it); the default is the system clock.
    void setClock(std::function<QDateTime()> now);
    UsageLedger *ledger() const { return m_ledger; }

    // The verdict for a request of that estimate, reserving nothing.
    BudgetCheck check(const UsdAmount &estimate) const;
    // Checks and, unless blocked, reserves the estimate. A blocked reservation is inactive
    // and carries the check with its message.
    BudgetReservation reserve(const UsdAmount &estimate);
    UsdAmount reserved() const;

private:
    friend class BudgetReservation;
    Status settle(quint64 id, const UsageEntry &actual);
    void release(quint64 id);
    BudgetCheck evaluate(const UsdAmount &estimate) const; // with m_mutex held
    void refreshLimits() const;                            // with m_mutex held

    mutable QMutex m_mutex;
    std::unique_ptr<UsageLedger> m_ownLedger;
    UsageLedger *m_ledger = nullptr;
    mutable BudgetLimits m_limits;
    std::function<std::optional<BudgetLimits>()> m_limitsSource;
    std::function<QDateTime()> m_clock;
    QHash<quint64, UsdAmount> m_reservations;
    UsdAmount m_reservedTotal;
    quint64 m_nextId = 1;
};

} // namespace docket
