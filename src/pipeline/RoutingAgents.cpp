#include "RoutingAgents.h"

#include "agents/ReviewComparator.h"
#include "llm/LlmSession.h"

#include <QCoreApplication>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRoute, "docket.pipeline.route")

namespace docket {

namespace {

// Share of pages read by OCR.
double ocrShare(const DocumentContent &content)
{
    if (content.pages.isEmpty())
        return 0;
    int ocr = 0;
    for (const Page &p : content.pages)
        ocr += p.source != TextSource::TextLayer;
    return double(ocr) / double(content.pages.size());
}

// The offline result stands: the reviewer learns why no model was asked (or answered).
void keptOffline(AgentContext &ctx, const Error &error)
{
    qCInfo(lcRoute) << "model failed, keeping the offline result:" << error.code;
    LlmSession::addNotice(ctx, QStringLiteral("llm_unavailable"),
                          QCoreApplication::translate("RoutingAgents",
                                                      "The AI model was not used: %1 The offline "
                                                      "engine's reading stands.")
                              .arg(error.message));
}

} // namespace

RoutingClassifier::RoutingClassifier(std::unique_ptr<Classifier> local,
                                     std::unique_ptr<Classifier> llm, ReviewPolicy policy)
    : m_local(std::move(local)), m_llm(std::move(llm)), m_policy(policy)
{}

Result<Classification> RoutingClassifier::classify(const DocumentContent &content,
                                                   AgentContext &ctx)
{
    auto local = m_local->classify(content, ctx);
    if (!m_llm || (local && local.value().confidence >= m_policy.typeThreshold))
        return local;
    auto llm = m_llm->classify(content, ctx);
    if (!llm) {
        keptOffline(ctx, llm.error());
        return local;
    }
    return llm;
}

RoutingExtractor::RoutingExtractor(std::unique_ptr<Extractor> local,
                                   std::unique_ptr<Extractor> textLlm,
                                   std::unique_ptr<Extractor> visionLlm, ReviewPolicy policy)
    : m_local(std::move(local)), m_textLlm(std::move(textLlm)), m_visionLlm(std::move(visionLlm)),
      m_policy(policy)
{}

bool RoutingExtractor::needsEscalation(const Extraction &local, const DocumentSchema &schema,
                                       const ReviewPolicy &policy)
{
    for (const FieldSpec &spec : schema.fields) {
        const Field f = local.fields.value(spec.name);
        if (spec.required && f.value.isEmpty())
            return true;
        if (!f.value.isEmpty() && f.confidence < policy.fieldThreshold)
            return true;
    }
    return false;
}

Extraction RoutingExtractor::merge(const Extraction &local, const Extraction &llm,
                                   const DocumentSchema &schema, const ReviewPolicy &policy)
{
    Extraction out = local;
    for (const FieldSpec &spec : schema.fields) {
        const Field mine = local.fields.value(spec.name);
        const Field theirs = llm.fields.value(spec.name);
        if (theirs.value.isEmpty() ||
            (!mine.value.isEmpty() && mine.confidence >= policy.fieldThreshold))
            continue;
        Field chosen = theirs;
        chosen.name = spec.name;
        if (!mine.value.isEmpty() &&
            ReviewComparator::sameValue(spec.kind, mine.value, theirs.value)) {
            // Both engines agree: keep the offline provenance (its box), with more confidence.
            chosen = mine;
            chosen.confidence = std::max(mine.confidence, theirs.confidence);
        }
        out.fields.insert(spec.name, chosen);
    }
    if (out.lineItems.isEmpty() && !llm.lineItems.isEmpty())
        out.lineItems = llm.lineItems;
    out.disagreements = ReviewComparator::disagreements(local, llm, schema);
    out.engine = QStringLiteral("auto");
    out.model = llm.model;
    out.promptVersion = local.promptVersion + QLatin1Char('+') + llm.promptVersion;
    return out;
}

Result<Extraction> RoutingExtractor::extract(const DocumentContent &content,
                                             const DocumentSchema &schema, AgentContext &ctx)
{
    auto local = m_local->extract(content, schema, ctx);
    if (!local)
        return local;
    if (!needsEscalation(local.value(), schema, m_policy))
        return local;
    Extractor *llm = ocrShare(content) >= 0.5 && m_visionLlm ? m_visionLlm.get() : m_textLlm.get();
    if (!llm)
        llm = m_visionLlm.get();
    if (!llm)
        return local;
    auto remote = llm->extract(content, schema, ctx);
    if (!remote) {
        keptOffline(ctx, remote.error());
        return local;
    }
    return merge(local.value(), remote.value(), schema, m_policy);
}

bool Fallback::covers(const Error &error) const
{
    static const QStringList never{QStringLiteral("llm_cancelled"), QStringLiteral("cancelled")};
    // The same for any model of the provider: the budget, the key, the account's credit.
    static const QStringList sameForAnyModel{
        QStringLiteral("budget_blocked"),         QStringLiteral("llm_auth"),
        QStringLiteral("llm_insufficient_quota"), QStringLiteral("llm_http_403"),
        QStringLiteral("engine_unavailable"),     QStringLiteral("llm_wrong_thread")};
    if (never.contains(error.code))
        return false;
    return kind == Kind::OfflineEngine || !sameForAnyModel.contains(error.code);
}

QString Fallback::noticeCode() const
{
    return kind == Kind::OfflineEngine ? QStringLiteral("llm_fallback_offline")
                                       : QStringLiteral("llm_fallback_model");
}

bool Fallback::alreadyUsed(const AgentContext &ctx) const
{
    const QString code = noticeCode();
    for (const Issue &notice : ctx.notices)
        if (notice.code == code)
            return true;
    return false;
}

void Fallback::note(AgentContext &ctx, const Error &error) const
{
    qCInfo(lcRoute) << "model failed:" << error.code << "- falling back to"
                    << (kind == Kind::OfflineEngine ? QStringLiteral("the offline engine") : model);
    const QString message =
        kind == Kind::OfflineEngine
            ? QCoreApplication::translate("RoutingAgents",
                                          "The AI model could not be used: %1 The offline "
                                          "engine read this document instead.")
                  .arg(error.message)
            : QCoreApplication::translate("RoutingAgents",
                                          "The model failed: %1 The fallback model %2 read this "
                                          "document instead.")
                  .arg(error.message, model);
    LlmSession::addNotice(ctx, noticeCode(), message);
}

FallbackClassifier::FallbackClassifier(std::unique_ptr<Classifier> primary,
                                       std::unique_ptr<Classifier> secondary, Fallback fallback)
    : m_primary(std::move(primary)), m_secondary(std::move(secondary)),
      m_fallback(std::move(fallback))
{}

Result<Classification> FallbackClassifier::classify(const DocumentContent &content,
                                                    AgentContext &ctx)
{
    return m_fallback.run(
        ctx, [&] { return m_primary->classify(content, ctx); },
        [&] { return m_secondary->classify(content, ctx); });
}

FallbackExtractor::FallbackExtractor(std::unique_ptr<Extractor> primary,
                                     std::unique_ptr<Extractor> secondary, Fallback fallback)
    : m_primary(std::move(primary)), m_secondary(std::move(secondary)),
      m_fallback(std::move(fallback))
{}

Result<Extraction> FallbackExtractor::extract(const DocumentContent &content,
                                              const DocumentSchema &schema, AgentContext &ctx)
{
    return m_fallback.run(
        ctx, [&] { return m_primary->extract(content, schema, ctx); },
        [&] { return m_secondary->extract(content, schema, ctx); });
}

} // namespace docket
