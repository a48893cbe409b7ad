#include "RoutingAgents.h"

#include "agents/ReviewComparator.h"

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
        qCInfo(lcRoute) << "model classification failed, keeping the offline one:"
                        << llm.error().code;
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
        qCInfo(lcRoute) << "model extraction failed, keeping the offline one:"
                        << remote.error().code;
        return local;
    }
    return merge(local.value(), remote.value(), schema, m_policy);
}

} // namespace docket
