#include "AnchorMatcher.h"

#include <QSet>

#include <algorithm>

namespace docket {

namespace {

// Words that, written right before a label, make it name a secondary number.
bool qualifiesAsSecondary(const LayoutIndex &index, const PhraseHit &h)
{
    static const QSet<QString> words = {
        QStringLiteral("alt"),     QStringLiteral("alternate"), QStringLiteral("alternative"),
        QStringLiteral("old"),     QStringLiteral("previous"),  QStringLiteral("prior"),
        QStringLiteral("former"),  QStringLiteral("related"),   QStringLiteral("ancienne"),
        QStringLiteral("ancien"),  QStringLiteral("vorherige"), QStringLiteral("alte"),
        QStringLiteral("frühere"), QStringLiteral("oude"),      QStringLiteral("vorige")};
    const LayoutWord &first = index.words().at(h.firstWord);
    if (first.pos == 0)
        return false;
    const LayoutRow &row = index.rows().at(h.row);
    const LayoutWord &before = index.words().at(row.words.at(first.pos - 1));
    // A wider gap separates two cells (text layers often stretch the spaces of a label).
    if (first.box.left() - before.box.right() > 3.0 * std::max(row.height, first.box.height()))
        return false;
    const QStringList tokens = LayoutIndex::tokenize(before.text);
    return !tokens.isEmpty() && words.contains(tokens.last());
}

} // namespace

AnchorMatcher::AnchorMatcher(const LayoutIndex &index) : m_index(index) {}

QHash<QString, QList<AnchorHit>> AnchorMatcher::match(const QList<FieldSpec> &specs)
{
    // Row -> hits on it, to resolve overlaps.
    QHash<int, QList<AnchorHit>> byRow;
    for (const FieldSpec &spec : specs) {
        for (int a = 0; a < spec.anchors.size(); ++a) {
            const QStringList tokens = LayoutIndex::tokenize(spec.anchors.at(a));
            if (tokens.isEmpty())
                continue;
            for (const PhraseHit &h : m_index.find(tokens)) {
                AnchorHit hit;
                hit.field = spec.name;
                hit.anchorIndex = a;
                hit.tokenCount = int(tokens.size());
                hit.secondary = qualifiesAsSecondary(m_index, h);
                hit.hit = h;
                byRow[h.row].append(hit);
            }
        }
    }
    QHash<QString, QList<AnchorHit>> out;
    m_labelWords.clear();
    m_labelStarts.clear();
    // Rows in page order, so that results never depend on hash order.
    QList<int> rowOrder = byRow.keys();
    std::sort(rowOrder.begin(), rowOrder.end());
    for (int rowIndex : std::as_const(rowOrder)) {
        const QList<AnchorHit> &hits = byRow[rowIndex];
        auto span = [&](const AnchorHit &h) {
            const int last = h.hit.lastToken;
            return qMakePair(last - h.tokenCount + 1, last);
        };
        for (int i = 0; i < hits.size(); ++i) {
            const auto si = span(hits.at(i));
            bool dominated = false;
            for (int j = 0; j < hits.size() && !dominated; ++j) {
                if (i == j)
                    continue;
                const auto sj = span(hits.at(j));
                const bool contains = sj.first <= si.first && sj.second >= si.second;
                const bool longer = (sj.second - sj.first) > (si.second - si.first);
                // Same span for two fields: the earlier anchor in its own list wins.
                const bool sameBetter =
                    sj == si && (hits.at(j).anchorIndex < hits.at(i).anchorIndex ||
                                 (hits.at(j).anchorIndex == hits.at(i).anchorIndex && j < i));
                if ((contains && longer) || sameBetter)
                    dominated = true;
                // Overlapping but not nested ("total amount" / "amount due"): keep the one
                // that starts first.
                if (!contains && sj.first < si.first && sj.second >= si.first &&
                    sj.second < si.second)
                    dominated = true;
            }
            if (dominated)
                continue;
            const AnchorHit &h = hits.at(i);
            out[h.field].append(h);
            // Only a word written as a label (first of its segment, or followed by ':') ends
            // the value of another label: "Total incl. GST 9.00" reads on past "GST".
            if (h.hit.labelLike)
                m_labelStarts.insert(h.hit.firstWord);
            const LayoutRow &r = m_index.rows().at(h.hit.row);
            const int p0 = m_index.words().at(h.hit.firstWord).pos;
            const int p1 = m_index.words().at(h.hit.lastWord).pos;
            for (int p = p0; p <= p1; ++p)
                m_labelWords.insert(r.words.at(p));
        }
    }
    return out;
}

} // namespace docket
