#pragma once

#include "UsageEntry.h"
#include "UsdAmount.h"
#include "core/Result.h"

#include <QString>

namespace docket {

class BudgetGuard;

enum class BudgetVerdict
{
    Allow,
    Warn, // allowed, but a budget is at 80% or more after the request
    Block // the request would exceed a budget: it must not be sent
};

// The outcome of a budget check for one estimated request.
struct BudgetCheck
{
    BudgetVerdict verdict = BudgetVerdict::Allow;
    QString budget;     // "daily" or "monthly": the budget that decided; empty when none
    UsdAmount limit;    // of that budget
    UsdAmount spent;    // recorded and reserved in its period before this request
    UsdAmount estimate; // of this request
    int percentAfter = 0;
    QString message; // translated, names the budget and the amounts; empty for Allow

    UsdAmount after() const { return spent + estimate; }
    bool allowed() const { return verdict != BudgetVerdict::Block; }
};

// A request's share of the budgets, held from before it is sent until its actual usage is
// known. Move-only; an active reservation that is destroyed is released (as if the request
// had cost nothing), so an early return never leaks budget. The guard must outlive its
// reservations (it belongs to the processing service, which outlives its requests).
class BudgetReservation
{
public:
    BudgetReservation() = default;
    BudgetReservation(BudgetReservation &&other) noexcept;
    BudgetReservation &operator=(BudgetReservation &&other) noexcept;
    BudgetReservation(const BudgetReservation &) = delete;
    BudgetReservation &operator=(const BudgetReservation &) = delete;
    ~BudgetReservation();

    const BudgetCheck &check() const { return m_check; }
    bool allowed() const { return m_check.allowed(); }
    bool isActive() const { return m_guard != nullptr; } // reserved, not yet settled

    // Records the actual usage in the ledger and frees the reservation.
    Status settle(const UsageEntry &actual);
    // Frees the reservation without recording anything (the request was not sent).
    void release();

private:
    friend class BudgetGuard;
    BudgetGuard *m_guard = nullptr;
    quint64 m_id = 0;
    BudgetCheck m_check;
};

} // namespace docket
