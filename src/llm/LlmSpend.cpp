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

Result<UsdAmount> LlmSpend::estimate(const QString &model, const LlmRequest &request,
                                     qint64 maxOutputTokens, const QList<QSize> &images) const
{
    if (!m_pricing)
        return UsdAmount();
    EstimateRequest e;
    LlmRequest textOnly = request;
    for (LlmMessage &m : textOnly.messages)
        m.parts.removeIf(
            [](const LlmContentPart &p) { return p.kind == LlmContentPart::Kind::Image; });
    e.inputTokens = LlmClient::estimateInputTokens(textOnly);
    e.maxOutputTokens = maxOutputTokens;
    e.images = images;
    auto estimate = m_pricing->estimate(model, e);
    if (!estimate)
        return estimate.error();
    return estimate.value().cost;
}

double LlmSpend::estimateUsd(const QString &model, const LlmRequest &request,
                             qint64 maxOutputTokens, const QList<QSize> &images) const
{
    const auto cost = estimate(model, request, maxOutputTokens, images);
    return cost ? cost.value().toDouble() : 0;
}

Result<BudgetReservation> LlmSpend::reserve(const QString &provider, const QString &model,
                                            const LlmRequest &request, qint64 maxOutputTokens,
                                            const QList<QSize> &images) const
{
    if (!m_guard)
        return BudgetReservation();
    const auto estimated = estimate(model, request, maxOutputTokens, images);
    if (!estimated)
        qCWarning(lcLlm).noquote()
            << provider << "no price for model" << model << "- the budget check counts it as free";
    BudgetReservation reservation = m_guard->reserve(estimated ? estimated.value() : UsdAmount());
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
                       const QString &model, const QString &step, Usage usage,
                       qint64 documentId) const
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
    record.documentId = documentId;
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
