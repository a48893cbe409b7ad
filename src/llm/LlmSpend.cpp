#include "LlmSpend.h"

#include "LlmClient.h"
#include "LlmLog.h"
#include "cost/BudgetGuard.h"
#include "cost/PricingTable.h"

#include <QCoreApplication>

namespace docket {

LlmSpend::LlmSpend(std::shared_ptr<const PricingTable> pricing, BudgetGuard *guard)
    : m_pricing(std::move(pricing)), m_guard(guard)
{}

double LlmSpend::estimateUsd(const QString &model, const LlmRequest &request,
                             qint64 maxOutputTokens, const QList<QSize> &images) const
{
    if (!m_pricing)
        return 0;
    EstimateRequest e;
    LlmRequest textOnly = request;
    for (LlmMessage &m : textOnly.messages)
        m.parts.removeIf(
            [](const LlmContentPart &p) { return p.kind == LlmContentPart::Kind::Image; });
    e.inputTokens = LlmClient::estimateInputTokens(textOnly);
    e.maxOutputTokens = maxOutputTokens;
    e.images = images;
    const auto estimate = m_pricing->estimate(model, e);
    return estimate ? estimate.value().cost.toDouble() : 0;
}

Result<BudgetReservation> LlmSpend::reserve(const QString &provider, const QString &model,
                                            const LlmRequest &request, qint64 maxOutputTokens,
                                            const QList<QSize> &images) const
{
    if (!m_guard)
        return BudgetReservation();
    EstimateRequest e;
    LlmRequest textOnly = request;
    for (LlmMessage &m : textOnly.messages)
        m.parts.removeIf(
            [](const LlmContentPart &p) { return p.kind == LlmContentPart::Kind::Image; });
    e.inputTokens = LlmClient::estimateInputTokens(textOnly);
    e.maxOutputTokens = maxOutputTokens;
    e.images = images;
    UsdAmount cost;
    if (m_pricing) {
        const auto estimate = m_pricing->estimate(model, e);
        if (estimate)
            cost = estimate.value().cost;
        else
            qCWarning(lcLlm).noquote() << provider << "no price for model" << model
                                       << "- the budget check counts it as free";
    }
    BudgetReservation reservation = m_guard->reserve(cost);
    if (!reservation.allowed()) {
        qCWarning(lcLlm).noquote()
            << provider << "request blocked by the budget:" << reservation.check().message;
        return Error{QStringLiteral("budget_blocked"), reservation.check().message};
    }
    if (reservation.check().verdict == BudgetVerdict::Warn)
        qCWarning(lcLlm).noquote() << reservation.check().message;
    return reservation;
}

Usage LlmSpend::settle(BudgetReservation &reservation, const QString &provider,
                       const QString &model, const QString &step, Usage usage) const
{
    UsdAmount cost;
    if (m_pricing) {
        const auto priced = m_pricing->cost(model, usage);
        if (priced)
            cost = priced.value();
    }
    usage.costUsd = cost.toDouble();
    UsageEntry record;
    record.time = QDateTime::currentDateTimeUtc();
    record.provider = provider;
    record.model = model;
    record.step = step;
    record.inputTokens = usage.inputTokens;
    record.cachedTokens = usage.cachedTokens;
    record.outputTokens = usage.outputTokens;
    record.cost = cost;
    if (reservation.isActive()) {
        const Status s = reservation.settle(record);
        if (!s)
            qCWarning(lcLlm).noquote() << "usage not recorded:" << s.error().message;
    } else if (m_guard && m_guard->ledger()) {
        const Status s = m_guard->ledger()->record(record);
        if (!s)
            qCWarning(lcLlm).noquote() << "usage not recorded:" << s.error().message;
    }
    return usage;
}

} // namespace docket
