#include "LocalExtractor.h"

#include "AmountParser.h"
#include "AnchorMatcher.h"
#include "CurrencyParser.h"
#include "DateParser.h"
#include "FieldFallbacks.h"
#include "LayoutIndex.h"
#include "PartyFinder.h"
#include "SumReader.h"
#include "SumReconciler.h"
#include "TableDetector.h"
#include "ValueReader.h"
#include "VendorMemory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>

#include <algorithm>
#include <cmath>

namespace docket {

Q_LOGGING_CATEGORY(lcExtract, "docket.agents.extract")

namespace {

// Maps a ranking score and evidence to a probability that the value is right. The curve was
// fitted on a development set (bench/accuracy prints the reliability table).
double calibrated(double score, double ocr, int agreeing, bool ambiguous)
{
    double z = -3.2 + 4.6 * score + 0.5 * std::min(agreeing, 3);
    double p = 1.0 / (1.0 + std::exp(-z));
    p *= 0.75 + 0.25 * ocr;
    if (ambiguous)
        p *= 0.85;
    return std::clamp(p, 0.02, 0.99);
}

// Final mapping of the evidence-based confidence to the share of values found right at that
// confidence on a development set (isotonic fit per text source; bench/accuracy prints the
// reliability table). Knots are (raw, calibrated) pairs.
double recalibrated(double raw, bool ocr)
{
    static const double text[][2] = {{0.0, 0.2},  {0.3, 0.5},  {0.5, 0.72}, {0.6, 0.8},
                                     {0.7, 0.88}, {0.8, 0.92}, {0.9, 0.96}, {1.0, 0.99}};
    static const double scan[][2] = {{0.0, 0.2},  {0.2, 0.4},   {0.4, 0.62}, {0.6, 0.7},
                                     {0.8, 0.75}, {0.85, 0.85}, {0.9, 0.9},  {1.0, 0.97}};
    const auto &k = ocr ? scan : text;
    const int n = 8;
    raw = std::clamp(raw, 0.0, 1.0);
    for (int i = 1; i < n; ++i)
        if (raw <= k[i][0]) {
            const double t = (raw - k[i - 1][0]) / (k[i][0] - k[i - 1][0]);
            return k[i - 1][1] + t * (k[i][1] - k[i - 1][1]);
        }
    return k[n - 1][1];
}

// Per role (text source, field kind) a shift of the log-odds, fitted by maximum likelihood on
// the development set where it lowered the calibration error on the half of the documents it
// was not fitted on (bench/accuracy/fit_calibration.py --shift-only): OCR'd dates and
// addresses, text-layer amounts and identifiers were right more often than their confidence
// said, letterhead names on text layers less often.
double byRole(double p, bool ocr, FieldKind kind, bool issuer)
{
    double a = 1.0, b = 0.0;
    if (kind == FieldKind::Date)
        b = ocr ? 3.0 : 1.5;
    else if (kind == FieldKind::Amount && !ocr)
        b = 1.1;
    else if (kind == FieldKind::Identifier && !ocr)
        b = 0.6;
    else if (kind == FieldKind::Address && ocr)
        b = 0.75;
    else if (issuer && ocr)
        a = 3.0, b = -2.7;
    else if (issuer)
        b = -2.3;
    if (a == 1.0 && b == 0.0)
        return p;
    const double x = std::clamp(p, 0.001, 0.999);
    const double z = a * std::log(x / (1 - x)) + b;
    return std::clamp(1.0 / (1.0 + std::exp(-z)), 0.02, 0.99);
}

// The party a schema's document is issued by: the first name-like field
// ("seller_name", "shipper_name", "issuer" ...). Its value defaults to the letterhead.
QString issuerField(const DocumentSchema &schema)
{
    for (const FieldSpec &f : schema.fields)
        if (f.kind == FieldKind::Text &&
            (f.name.endsWith(QLatin1String("_name")) || f.name == QLatin1String("issuer")))
            return f.name;
    return {};
}

struct Context
{
    const LayoutIndex &index;
    const DocumentSchema &schema;
    Extraction &out;
    QHash<QString, QList<int>> fieldWords; // words a field was read from
    int totalSupport = 0;                  // readings that agree on the total (SumReconciler)
    bool derivedSubtotal = false;          // the subtotal was computed, not read
    QSet<QString> guessedOrder;            // dates whose day/month order (or a digit) was a guess
};

Field makeField(const Context &c, const QString &name, const FieldCandidate &cand,
                double confidence)
{
    Field f;
    f.name = name;
    f.value = cand.value;
    f.raw = cand.raw;
    f.confidence = confidence;
    if (!cand.words.isEmpty()) {
        const int page = c.index.words().at(cand.words.first()).page;
        f.page = page + 1;
        QList<int> samePage;
        for (int w : cand.words)
            if (c.index.words().at(w).page == page)
                samePage.append(w);
        f.bbox = c.index.box(samePage);
        f.source = c.index.sourceName(page);
    } else {
        f.source = c.index.pageCount() > 0 ? c.index.sourceName(0) : QStringLiteral("none");
    }
    f.engine = QStringLiteral("local");
    f.promptVersion = LocalExtractor::rulesVersion();
    return f;
}

// Best candidate with the number of others that agree with its value.
const FieldCandidate *pickBest(const LayoutIndex &index, QList<FieldCandidate> &cands,
                               const QString &field, FieldKind kind, int *agreeing)
{
    if (cands.isEmpty())
        return nullptr;
    if (kind == FieldKind::Amount) {
        // Of labelled sums the largest is the overall one (section subtotals, net after
        // commission, a total is never below its parts): a small bonus, so that a clearly
        // better label still wins.
        double maxV = -1e300;
        for (const FieldCandidate &c : cands)
            maxV = std::max(maxV, c.number);
        for (FieldCandidate &c : cands)
            if (c.number == maxV)
                c.score += 0.05;
    }
    if (FieldFallbacks::isTotalField(field)) {
        // The last total of the document comes after rounding and charges ("TOTAL ROUNDED").
        auto place = [&](const FieldCandidate &c) {
            const LayoutWord &w = index.words().at(c.words.first());
            return w.page * 1e5 + w.box.top();
        };
        double lowest = -1;
        for (const FieldCandidate &c : cands)
            if (!c.words.isEmpty())
                lowest = std::max(lowest, place(c));
        for (FieldCandidate &c : cands)
            if (!c.words.isEmpty() && place(c) == lowest)
                c.score += 0.06;
    }
    if (FieldFallbacks::isTotalField(field))
        for (FieldCandidate &c : cands) {
            if (c.number <= 0)
                c.score -= 0.3; // a total of nothing is a blank line of a form
            if (c.words.isEmpty())
                continue;
            // The totals of a tax summary under the receipt's sums are the table's.
            const LayoutWord &w = index.words().at(c.words.first());
            const double summary = SumReader::taxSummaryTop(index, w.page);
            if (summary >= 0 && w.box.top() > summary)
                c.score -= 0.3;
        }
    QHash<QString, int> votes;
    for (const FieldCandidate &c : cands)
        votes[c.value] += 1;
    const FieldCandidate *best = nullptr;
    for (const FieldCandidate &c : cands) {
        const double s = c.score + 0.04 * (votes.value(c.value) - 1);
        if (!best || s > best->score + 0.04 * (votes.value(best->value) - 1))
            best = &c;
    }
    *agreeing = votes.value(best->value) - 1;
    return best;
}

// No subtotal printed, but a larger total label less a deduction printed on the page makes
// the total: that gross sum is the subtotal.
bool grossBeforeDeduction(Context &c, const SumReader &sums, const QList<FieldCandidate> &totals)
{
    const Field total = c.out.fields.value(QStringLiteral("total_amount"));
    const FieldCandidate g = sums.grossBeforeDeduction(totals, total.value.toDouble());
    if (!g.valid())
        return false;
    Field &sub = c.out.fields[QStringLiteral("subtotal")];
    sub = makeField(c, QStringLiteral("subtotal"), g, std::min(sub.confidence, total.confidence));
    c.fieldWords.insert(QStringLiteral("subtotal"), g.words);
    return true;
}

template <typename Set>
void reconcileTotal(Context &c, const SumReader &sums,
                    const QHash<QString, QList<FieldCandidate>> &cands, Set set)
{
    const SumReconciler::Input in = sums.input(cands);
    const Field current = c.out.fields.value(QStringLiteral("total_amount"));
    FieldCandidate best;
    for (const FieldCandidate &t : std::as_const(in.totals))
        if (!current.value.isEmpty() && t.value == current.value) {
            best = t;
            break;
        }
    const SumReconciler::Outcome r = SumReconciler::reconcile(in, best);
    // A rounding that agrees confirms the parts less than another reading would.
    c.totalSupport = r.support - (r.byRounding ? 1 : 0);
    if (!r.total.valid() || (best.valid() && r.total.value == best.value))
        return;
    qCDebug(lcExtract) << "total" << current.value << "->" << r.total.value << "support"
                       << r.support << (r.computed ? "computed" : "read");
    // Without a total label the agreeing readings alone make the confidence.
    set(r.total,
        current.value.isEmpty() ? std::min(0.3 + 0.15 * r.support, 0.75) : current.confidence);
}

} // namespace

QString LocalExtractor::rulesVersion()
{
    return QStringLiteral("local-rules-1");
}

Result<Extraction> LocalExtractor::extract(const DocumentContent &content,
                                           const DocumentSchema &schema, AgentContext &ctx)
{
    if (!schema.isValid())
        return Result<Extraction>::failure(
            QStringLiteral("schema_invalid"),
            QCoreApplication::translate("LocalExtractor", "No document type to extract."));
    if (ctx.cancel.isCancelled())
        return Result<Extraction>::failure(
            QStringLiteral("cancelled"),
            QCoreApplication::translate("LocalExtractor", "Extraction was cancelled."));
    return extract(*LayoutIndex::shared(content, ctx.layout), schema, ctx);
}

Extraction LocalExtractor::extract(const LayoutIndex &index, const DocumentSchema &schema,
                                   const AgentContext &ctx) const
{
    Extraction out;
    out.documentType = schema.name;
    out.engine = QStringLiteral("local");
    out.promptVersion = rulesVersion();
    out.created = QDateTime::currentDateTimeUtc();
    out.tableName = schema.tableName.isEmpty() ? QStringLiteral("line_items") : schema.tableName;
    Context c{index, schema, out, {}};

    // Document-wide cues: currency, then the day/month order of numeric dates.
    QStringList allTokens;
    QStringList rowTexts;
    allTokens.reserve(index.words().size());
    for (const LayoutWord &w : index.words())
        allTokens.append(w.text);
    for (int r = 0; r < index.rows().size(); ++r)
        rowTexts.append(index.text(index.rows().at(r).words));
    const CurrencyGuess currency = CurrencyParser::detect(allTokens);
    DateOrder order = DateParser::inferOrder(rowTexts);
    // Outside the dollar countries numeric dates put the day first: a document in such a
    // currency is as good as proof (the dev receipts and invoices never broke it).
    static const QSet<QString> dollars = {QStringLiteral("USD"), QStringLiteral("CAD"),
                                          QStringLiteral("PHP")};
    const bool orderProven =
        order != DateOrder::Unknown || (currency.confidence >= 0.5 && !currency.code.isEmpty() &&
                                        !dollars.contains(currency.code));
    if (order == DateOrder::Unknown)
        order = currency.code == QLatin1String("USD") ? DateOrder::MonthDay : DateOrder::DayMonth;

    AnchorMatcher matcher(index);
    QHash<QString, QList<AnchorHit>> hits = matcher.match(schema.fields);
    SumReader::rerouteSubtotals(index, schema, hits);
    const ValueReader reader(index, order, matcher.labelStarts(), matcher.labelWords());
    const SumReader sums(index, reader);

    auto setField = [&](const QString &name, const FieldCandidate &cand, double conf) {
        out.fields.insert(name, makeField(c, name, cand, conf));
        c.fieldWords.insert(name, cand.words);
    };

    // 1. Label anchors.
    QHash<QString, QList<FieldCandidate>> allCands;
    for (const FieldSpec &spec : schema.fields) {
        if (ctx.cancel.isCancelled())
            break;
        QList<FieldCandidate> &cands = allCands[spec.name];
        for (const AnchorHit &hit : hits.value(spec.name))
            cands.append(reader.readAt(hit, spec.kind, int(spec.anchors.size())));
        int agreeing = 0;
        const FieldCandidate *best = pickBest(index, cands, spec.name, spec.kind, &agreeing);
        for (const FieldCandidate &cand : std::as_const(cands))
            qCDebug(lcExtract) << spec.name << cand.value << cand.score << cand.how << cand.raw;
        if (!best)
            continue;
        FieldCandidate b = *best;
        if (FieldFallbacks::isTotalField(spec.name) && b.number < 0) {
            // A dash read before a total is a rule on the receipt, not a minus sign.
            b.number = -b.number;
            b.value = AmountParser::money(b.number);
        }
        const double ocr = index.confidence(b.words);
        if (spec.kind == FieldKind::Date && b.ambiguous && orderProven)
            b.ambiguous = false;
        setField(spec.name, b, calibrated(b.score, ocr, agreeing, b.ambiguous));
        // A repaired date, or one against the document's order, is a guess as well.
        if (b.ambiguous || b.doubtful)
            c.guessedOrder.insert(spec.name);
        if (spec.kind == FieldKind::Weight && !b.unit.isEmpty() &&
            schema.field(QStringLiteral("weight_unit")) &&
            !out.has(QStringLiteral("weight_unit"))) {
            FieldCandidate u = b;
            u.value = b.unit;
            setField(QStringLiteral("weight_unit"), u, calibrated(b.score, ocr, agreeing, false));
        }
    }

    // 1b. The sums must agree: total = subtotal + tax (+ rounding) = tendered - change.
    if (schema.field(QStringLiteral("total_amount")))
        reconcileTotal(c, sums, allCands, [&](const FieldCandidate &cand, double conf) {
            setField(QStringLiteral("total_amount"), cand, conf);
        });

    // 2. Layout: the issuing party from the letterhead, addresses under names.
    QStringList titles = schema.titles;
    PartyFinder parties(index, matcher.labelWords(), titles);
    for (auto it = c.fieldWords.cbegin(); it != c.fieldWords.cend(); ++it)
        if (it.key() != issuerField(schema))
            parties.exclude(it.value());
    // Table headers are never a letterhead.
    if (!schema.columns.isEmpty()) {
        AnchorMatcher columns(index);
        QHash<int, QSet<QString>> perRow;
        const auto colHits = columns.match(schema.columns);
        for (auto it = colHits.cbegin(); it != colHits.cend(); ++it)
            for (const AnchorHit &h : it.value())
                perRow[h.hit.row].insert(it.key());
        for (auto it = perRow.cbegin(); it != perRow.cend(); ++it)
            if (it.value().size() >= 2)
                parties.exclude(index.rows().at(it.key()).words);
    }
    const QString issuer = issuerField(schema);
    if (!issuer.isEmpty()) {
        const PartyFinder::Name head = parties.issuer();
        const bool anchored = out.has(issuer);
        // A labelled name read on into the next detail ("X GmbH IBAN DE89 ...") ends there.
        const QList<int> labelled = c.fieldWords.value(issuer);
        const QList<int> nameOnly = parties.nameOnly(labelled);
        // The letterhead naming the same party is where it is read from (its address is under
        // it, not under the bank details).
        const bool sameAsHead =
            !head.words.isEmpty() && LayoutIndex::tokenize(index.text(head.words)) ==
                                         LayoutIndex::tokenize(index.text(nameOnly));
        if (anchored && !nameOnly.isEmpty() && (nameOnly != labelled || sameAsHead)) {
            FieldCandidate cand;
            cand.words = sameAsHead ? head.words : nameOnly;
            cand.raw = cand.value = index.text(cand.words);
            while (cand.value.endsWith(QLatin1Char(',')) || cand.value.endsWith(QLatin1Char(':')))
                cand.value.chop(1);
            setField(issuer, cand, out.fields.value(issuer).confidence);
        }
        if (!head.words.isEmpty() && !anchored) {
            FieldCandidate cand;
            cand.words = head.words;
            cand.raw = index.text(head.words);
            cand.value = cand.raw.trimmed();
            while (cand.value.endsWith(QLatin1Char(',')) || cand.value.endsWith(QLatin1Char(':')))
                cand.value.chop(1);
            setField(issuer, cand, head.score * (0.7 + 0.3 * index.confidence(head.words)));
        }
    }
    for (const FieldSpec &spec : schema.fields) {
        if (spec.kind != FieldKind::Address || out.has(spec.name))
            continue;
        QString owner = spec.name;
        owner.replace(QLatin1String("_address"), QLatin1String("_name"));
        const QList<int> nameWords = c.fieldWords.value(owner);
        if (nameWords.isEmpty())
            continue;
        const QList<int> addr = parties.addressBelow(nameWords);
        if (addr.isEmpty())
            continue;
        FieldCandidate cand;
        cand.words = addr;
        QStringList lines;
        int lastRow = -1;
        for (int w : addr) {
            const LayoutWord &lw = index.words().at(w);
            if (lw.row != lastRow)
                lines.append(lw.text);
            else
                lines.last() += QLatin1Char(' ') + lw.text;
            lastRow = lw.row;
        }
        cand.raw = lines.join(QLatin1Char('\n'));
        cand.value = lines.join(QLatin1Char(' '));
        setField(spec.name, cand, parties.addressConfidence(addr));
    }

    // 3. Fallbacks by kind: the currency of the document, the first date, the largest amount,
    //    the document's title.
    const FieldFallbacks::Outcome fallback =
        FieldFallbacks(index, schema, reader)
            .apply(out, currency, orderProven, c.fieldWords, setField);
    c.derivedSubtotal = fallback.derivedSubtotal;
    c.guessedOrder.unite(fallback.guessedOrder);
    if (c.derivedSubtotal &&
        grossBeforeDeduction(c, sums, allCands.value(QStringLiteral("total_amount"))))
        c.derivedSubtotal = false;

    for (Field &f : out.fields) {
        const FieldSpec *spec = schema.field(f.name);
        const bool ocr = f.source == QLatin1String("ocr");
        // A date whose day/month order was guessed keeps its doubt.
        const FieldKind kind = spec ? spec->kind : FieldKind::Text;
        f.confidence = byRole(
            recalibrated(f.confidence, ocr), ocr,
            kind == FieldKind::Date && c.guessedOrder.contains(f.name) ? FieldKind::Text : kind,
            f.name == issuerField(schema));
    }
    // A total that independent readings agree on (label, subtotal + tax, tendered - change)
    // was right every time on the development receipts and invoices.
    if (c.totalSupport >= 2 && out.has(QStringLiteral("total_amount"))) {
        Field &t = out.fields[QStringLiteral("total_amount")];
        t.confidence = std::max(t.confidence, c.totalSupport >= 3 ? 0.985 : 0.97);
    }

    // 4. Vendor layout memory: remembered places of this vendor's fields come first.
    if (ctx.memory)
        ctx.memory->apply(index, schema, reader, out);

    // 5. Table rows.
    if (!schema.tableName.isEmpty() && !schema.columns.isEmpty()) {
        TableDetector tables(index, reader);
        out.lineItems = tables.detect(schema);
    }
    // 6. A subtotal that was not printed: the line amounts say whether the tax is inside the
    //    total ("Total EUR 34,73" over lines summing to 34,73 has no tax to take off).
    if (c.derivedSubtotal && !out.lineItems.isEmpty()) {
        double lines = 0;
        for (const LineItem &li : std::as_const(out.lineItems))
            lines += li.value(QStringLiteral("amount")).toDouble();
        const Field total = out.fields.value(QStringLiteral("total_amount"));
        const double tax = out.value(QStringLiteral("tax_amount")).toDouble();
        const qint64 sum = SumReconciler::cents(lines);
        Field &sub = out.fields[QStringLiteral("subtotal")];
        if (sum == SumReconciler::cents(total.value.toDouble())) {
            sub.value = total.value;
            sub.confidence = total.confidence;
        } else if (tax > 0 && sum == SumReconciler::cents(total.value.toDouble() - tax)) {
            sub.confidence = std::max(sub.confidence, 0.9 * total.confidence);
        }
    }
    qCDebug(lcExtract) << "extracted" << out.fields.size() << "fields," << out.lineItems.size()
                       << "rows for" << schema.name;
    return out;
}

} // namespace docket
