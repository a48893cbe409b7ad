#include "SumReader.h"

#include "AmountParser.h"
#include "LayoutIndex.h"

#include <QLoggingCategory>
#include <QSet>

#include <algorithm>

namespace docket {

Q_LOGGING_CATEGORY(lcSums, "docket.agents.sums")

namespace {

// Labels of the sums a receipt prints around its total; not fields of any schema.
const QList<FieldSpec> &paymentSpecs()
{
    static const QList<FieldSpec> specs = [] {
        auto spec = [](const char *name, QStringList anchors) {
            FieldSpec f;
            f.name = QString::fromLatin1(name);
            f.kind = FieldKind::Amount;
            f.anchors = std::move(anchors);
            return f;
        };
        return QList<FieldSpec>{
            spec("rounding", {QStringLiteral("rounding"), QStringLiteral("rounding adjustment"),
                              QStringLiteral("rounding adj"), QStringLiteral("round adj"),
                              QStringLiteral("rounding amt")}),
            spec("tendered", {QStringLiteral("cash"), QStringLiteral("tendered"),
                              QStringLiteral("cash tendered"), QStringLiteral("amount tendered"),
                              QStringLiteral("paid amount"), QStringLiteral("amount paid"),
                              QStringLiteral("cash received"), QStringLiteral("tender")}),
            spec("change", {QStringLiteral("change"), QStringLiteral("change due"),
                            QStringLiteral("cash change")}),
            spec("charge", {QStringLiteral("service charge"), QStringLiteral("svc charge"),
                            QStringLiteral("serv charge"), QStringLiteral("service chg"),
                            QStringLiteral("svc chg")})};
    }();
    return specs;
}

} // namespace

SumReader::SumReader(const LayoutIndex &index, const ValueReader &reader)
    : m_index(index), m_reader(reader)
{}

// A total label right after "Sub" ("Sub Total(RM)" read as "Sub" + "Total(RM)") or on a
// line that says the tax is left out is the subtotal's.
void SumReader::rerouteSubtotals(const LayoutIndex &index, const DocumentSchema &schema,
                                 QHash<QString, QList<AnchorHit>> &hits)
{
    const QString total = QStringLiteral("total_amount");
    const QString sub = QStringLiteral("subtotal");
    if (!schema.field(total) || !schema.field(sub))
        return;
    static const QSet<QString> excl = {QStringLiteral("excl"),      QStringLiteral("excluding"),
                                       QStringLiteral("exclusive"), QStringLiteral("excluded"),
                                       QStringLiteral("exkl"),      QStringLiteral("ht"),
                                       QStringLiteral("exc"),       QStringLiteral("before")};
    QList<AnchorHit> &totals = hits[total];
    for (qsizetype i = totals.size() - 1; i >= 0; --i) {
        const AnchorHit &h = totals.at(i);
        const int before = h.hit.lastToken - h.tokenCount;
        const QList<LayoutToken> &tokens = index.rows().at(h.hit.row).tokens;
        bool excluding =
            before >= 0 && before < tokens.size() && tokens.at(before).norm == QLatin1String("sub");
        // "Total Sales (Excluding GST)", "Total excl. VAT", "(Excl. GST) Total": the sum
        // before tax; the qualifier stands around the label, before its amount.
        for (int t = std::max(0, before - 2); t < tokens.size(); ++t) {
            const QString &norm = tokens.at(t).norm;
            if (t > h.hit.lastToken &&
                std::any_of(norm.cbegin(), norm.cend(), [](QChar ch) { return ch.isDigit(); }))
                break;
            excluding = excluding || excl.contains(norm);
        }
        if (!excluding)
            continue;
        AnchorHit moved = totals.takeAt(i);
        moved.field = sub;
        hits[sub].append(moved);
    }
}

// Top of the first tax summary table of a page ("GST SUMMARY", "VAT summary"), below which
// totals are the table's, not the document's; -1 when the page has none.
double SumReader::taxSummaryTop(const LayoutIndex &index, int page)
{
    static const QSet<QString> taxes = {QStringLiteral("gst"),  QStringLiteral("vat"),
                                        QStringLiteral("tax"),  QStringLiteral("sst"),
                                        QStringLiteral("mwst"), QStringLiteral("tva"),
                                        QStringLiteral("iva"),  QStringLiteral("btw")};
    for (int r : index.pageRows(page)) {
        bool summary = false, tax = false;
        for (const LayoutToken &t : index.rows().at(r).tokens) {
            summary = summary || t.norm == QLatin1String("summary");
            tax = tax || taxes.contains(t.norm);
        }
        if (summary && tax)
            return index.rows().at(r).box.top();
    }
    return -1;
}

QList<FieldCandidate> SumReader::byScore(QList<FieldCandidate> list)
{
    std::stable_sort(
        list.begin(), list.end(),
        [](const FieldCandidate &a, const FieldCandidate &b) { return a.score > b.score; });
    return list;
}

// Amounts with decimals printed on rows none of the given candidates was read from.
QList<double>
SumReader::printedElsewhere(const QList<const QList<FieldCandidate> *> &readings) const
{
    QSet<int> rows;
    for (const QList<FieldCandidate> *list : readings)
        for (const FieldCandidate &c : *list)
            for (int w : c.words)
                rows.insert(m_index.words().at(w).row);
    QList<double> out;
    for (int r = 0; r < m_index.rows().size(); ++r) {
        if (rows.contains(r))
            continue;
        for (int w : m_index.rows().at(r).words) {
            const AmountMatch m = AmountParser::parse(m_index.words().at(w).text);
            if (m.valid && m.hasDecimals && m.value > 0)
                out.append(m.value);
        }
    }
    return out;
}

FieldCandidate SumReader::grossBeforeDeduction(const QList<FieldCandidate> &totals,
                                               double net) const
{
    const qint64 netCents = SumReconciler::cents(net);
    if (netCents <= 0)
        return {};
    const QList<double> printed = printedElsewhere({});
    for (const FieldCandidate &g : byScore(totals)) {
        const qint64 gross = SumReconciler::cents(g.number);
        if (!g.hasDecimals || gross - netCents < 10) // a few cents are a rounding, no deduction
            continue;
        for (double p : printed)
            if (SumReconciler::cents(p) == gross - netCents)
                return g;
    }
    return {};
}

SumReconciler::Input SumReader::input(const QHash<QString, QList<FieldCandidate>> &cands) const
{
    SumReconciler::Input in;
    in.totals = byScore(cands.value(QStringLiteral("total_amount")));
    in.subtotals = byScore(cands.value(QStringLiteral("subtotal")));
    in.taxes = byScore(cands.value(QStringLiteral("tax_amount")));
    AnchorMatcher matcher(m_index);
    const QHash<QString, QList<AnchorHit>> hits = matcher.match(paymentSpecs());
    for (auto it = hits.cbegin(); it != hits.cend(); ++it)
        for (const AnchorHit &h : it.value())
            qCDebug(lcSums) << "payment label" << it.key()
                            << m_index.text(m_index.rows().at(h.hit.row).words);
    auto read = [&](const QString &name) {
        QList<FieldCandidate> out;
        for (const AnchorHit &hit : hits.value(name))
            out.append(m_reader.readAt(hit, FieldKind::Amount, 1));
        return byScore(out);
    };
    // "SERVICE CHARGE 10% 29.50": the last amount with decimals on the line is the charge.
    for (const AnchorHit &hit : hits.value(QStringLiteral("charge"))) {
        const LayoutRow &row = m_index.rows().at(hit.hit.row);
        FieldCandidate last;
        for (int p = m_index.words().at(hit.hit.lastWord).pos + 1; p < row.words.size(); ++p) {
            const FieldCandidate a = m_reader.parse(FieldKind::Amount, {row.words.at(p)});
            if (a.valid() && a.hasDecimals)
                last = a;
        }
        if (last.valid())
            in.charges.append(last);
    }
    in.roundings = read(QStringLiteral("rounding"));
    in.roundingPrinted = !hits.value(QStringLiteral("rounding")).isEmpty();
    in.tendered = read(QStringLiteral("tendered"));
    in.change = read(QStringLiteral("change"));
    in.printed = printedElsewhere({&in.totals, &in.subtotals, &in.taxes, &in.roundings,
                                   &in.tendered, &in.change, &in.charges});
    return in;
}

} // namespace docket
