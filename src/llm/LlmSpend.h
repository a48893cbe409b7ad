#pragma once

#include "LlmRequest.h"
#include "core/Result.h"
#include "core/Usage.h"
#include "cost/BudgetReservation.h"

#include <QList>
#include <QSize>
#include <QString>

#include <memory>

namespace docket {

class BudgetGuard;
class PricingTable;

// Money around provider requests: before a request its cost is estimated from the pricing
// table and reserved with the budget guard (blocked: error "budget_blocked" with the
// guard's message, and nothing is sent); after it, the actual usage is priced and recorded.
// Both the table and the guard are optional (no table: cost 0; no guard: no budget).
// Thread-safe as far as its parts are (the guard and table are).
class LlmSpend
{
public:
    LlmSpend(std::shared_ptr<const PricingTable> pricing, BudgetGuard *guard);

    Result<BudgetReservation> reserve(const QString &provider, const QString &model,
                                      const LlmRequest &request, qint64 maxOutputTokens,
                                      const QList<QSize> &images) const;
    // Prices the usage (sets usage.costUsd), records it through the reservation (or the
    // guard's ledger when there is no reservation) as one usage row of that document (0: none)
    // and returns the priced usage.
    Usage settle(BudgetReservation &reservation, const QString &provider, const QString &model,
                 const QString &step, Usage usage, qint64 documentId = 0) const;

    double estimateUsd(const QString &model, const LlmRequest &request, qint64 maxOutputTokens,
                       const QList<QSize> &images) const;

    const PricingTable *pricing() const { return m_pricing.get(); }
    BudgetGuard *guard() const { return m_guard; }

private:
    // The estimate of the request's cost; an error when the model has no price.
    Result<UsdAmount> estimate(const QString &model, const LlmRequest &request,
                               qint64 maxOutputTokens, const QList<QSize> &images) const;

    std::shared_ptr<const PricingTable> m_pricing;
    BudgetGuard *m_guard = nullptr;
};

} // namespace docket
