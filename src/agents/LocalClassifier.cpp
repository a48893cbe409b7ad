#include "LocalClassifier.h"

#include "AnchorMatcher.h"
#include "LayoutIndex.h"
#include "core/SchemaRegistry.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace docket {

Q_LOGGING_CATEGORY(lcClassify, "docket.agents.classify")

namespace {

// Score below which a document is "other", and the temperature of the softmax. Fitted on a
// development set so that confidences are calibrated (bench/accuracy prints the table).
constexpr double kOtherScore = 2.6;
constexpr double kTemperature = 0.4;
constexpr double kTitleWeight = 1.0;
constexpr double kKeywordWeight = 1.1; // times the square root of the keywords found
constexpr double kLabelWeight = 2.0;
constexpr int kPagesLooked = 3;

bool onLookedPages(const LayoutIndex &index, const PhraseHit &h)
{
    return index.rows().at(h.row).page < kPagesLooked;
}

} // namespace

double LocalClassifier::score(const Features &f)
{
    return kTitleWeight * f.title + kKeywordWeight * std::sqrt(double(f.keywords)) +
           kLabelWeight * f.labels;
}

LocalClassifier::Features LocalClassifier::features(const LayoutIndex &index,
                                                    const DocumentSchema &schema,
                                                    QStringList *evidence)
{
    // Titles: near the top of the first page, large, or standing alone weigh most.
    double title = 0;
    QString titleSeen;
    for (const QString &t : schema.titles) {
        const QStringList tokens = LayoutIndex::tokenize(t);
        for (const PhraseHit &h : index.find(tokens)) {
            const LayoutRow &row = index.rows().at(h.row);
            if (row.page > 0)
                continue;
            const double pageH = index.pageSize(0).height();
            double s = 0.4;
            if (row.box.top() < 0.35 * pageH)
                s += 0.5;
            const double rel = h.box.height() / index.lineHeight(0);
            s += std::clamp(rel - 1.0, 0.0, 1.0) * 0.6;
            const QList<int> seg = index.segmentAt(h.row, index.words().at(h.firstWord).pos);
            if (seg.size() <= int(tokens.size()) + 1)
                s += 0.3;
            s += 0.1 * (tokens.size() - 1);
            if (s > title) {
                title = s;
                titleSeen = t;
            }
        }
    }
    // Keywords anywhere on the first pages.
    int keywords = 0;
    for (const QString &k : schema.keywords) {
        const QList<PhraseHit> hits = index.find(k);
        if (std::any_of(hits.cbegin(), hits.cend(),
                        [&](const PhraseHit &h) { return onLookedPages(index, h); }))
            ++keywords;
    }
    // Field labels written as labels.
    AnchorMatcher matcher(index);
    const QHash<QString, QList<AnchorHit>> hits = matcher.match(schema.fields);
    int withAnchors = 0, found = 0;
    for (const FieldSpec &f : schema.fields) {
        if (f.anchors.isEmpty())
            continue;
        ++withAnchors;
        for (const AnchorHit &h : hits.value(f.name))
            if (onLookedPages(index, h.hit) && (h.hit.labelLike || h.tokenCount > 1)) {
                ++found;
                break;
            }
    }
    Features f;
    f.title = title;
    f.keywords = keywords;
    f.labels = withAnchors ? double(found) / withAnchors : 0;
    if (evidence) {
        if (!titleSeen.isEmpty())
            evidence->append(QStringLiteral("title: ") + titleSeen);
        evidence->append(QStringLiteral("keywords: %1").arg(keywords));
        evidence->append(QStringLiteral("labels: %1/%2").arg(found).arg(withAnchors));
    }
    return f;
}

Result<Classification> LocalClassifier::classify(const DocumentContent &content, AgentContext &ctx)
{
    if (!ctx.schemas)
        return Result<Classification>::failure(
            QStringLiteral("no_schemas"),
            QCoreApplication::translate("LocalClassifier", "No document types are loaded."));
    return classify(*LayoutIndex::shared(content, ctx.layout), *ctx.schemas);
}

Classification LocalClassifier::classify(const LayoutIndex &index,
                                         const SchemaRegistry &schemas) const
{
    Classification out;
    QMap<QString, QStringList> evidence;
    QMap<QString, double> raw;
    for (const DocumentSchema *s : schemas.schemas()) {
        if (s->name == QLatin1String("other"))
            continue;
        QStringList ev;
        raw.insert(s->name, score(features(index, *s, &ev)));
        evidence.insert(s->name, ev);
    }
    raw.insert(QStringLiteral("other"), kOtherScore);
    double maxS = -1e9;
    for (double v : raw)
        maxS = std::max(maxS, v);
    double sum = 0;
    for (auto it = raw.cbegin(); it != raw.cend(); ++it) {
        const double e = std::exp((it.value() - maxS) / kTemperature);
        out.scores.insert(it.key(), e);
        sum += e;
    }
    QString best;
    for (auto it = out.scores.begin(); it != out.scores.end(); ++it) {
        it.value() /= sum;
        if (best.isEmpty() || it.value() > out.scores.value(best))
            best = it.key();
    }
    out.documentType = best;
    out.confidence = std::clamp(out.scores.value(best), 0.0, 0.99);
    out.evidence = evidence.value(best);
    qCDebug(lcClassify) << "classified as" << best << out.confidence << raw;
    return out;
}

} // namespace docket
