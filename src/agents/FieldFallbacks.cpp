#include "FieldFallbacks.h"

#include "AmountParser.h"
#include "LayoutIndex.h"

#include <QRegularExpression>

#include <algorithm>

namespace docket {

FieldFallbacks::FieldFallbacks(const LayoutIndex &index, const DocumentSchema &schema,
                               const ValueReader &reader)
    : m_index(index), m_schema(schema), m_reader(reader)
{}

bool FieldFallbacks::isTotalField(const QString &name)
{
    return name == QLatin1String("total_amount") || name.startsWith(QLatin1String("total_"));
}

FieldCandidate FieldFallbacks::numberAtTitle() const
{
    FieldCandidate out;
    for (const QString &title : m_schema.titles) {
        for (const PhraseHit &h : m_index.find(title)) {
            const LayoutRow &row = m_index.rows().at(h.row);
            if (row.page != 0)
                continue;
            QList<int> words =
                m_index.runAfter(h.row, m_index.words().at(h.lastWord).pos, 3 * row.height, 1.5);
            const int below =
                m_index.rowBelow(h.row, h.box.left() - 2 * row.height,
                                 h.box.right() + 6 * row.height, 2.5 * m_index.lineHeight(0));
            if (below >= 0)
                words += m_index.rows().at(below).words;
            for (int i = 0; i < words.size(); ++i) {
                const QString t = m_index.words().at(words.at(i)).text;
                if (!t.startsWith(QLatin1Char('#')))
                    continue;
                QList<int> ws = {words.at(i)};
                QString value = t.mid(1);
                if (value.isEmpty() && i + 1 < words.size()) {
                    ws.append(words.at(i + 1));
                    value = m_index.words().at(words.at(i + 1)).text;
                }
                const bool digit = std::any_of(value.cbegin(), value.cend(),
                                               [](QChar ch) { return ch.isDigit(); });
                if (value.size() >= 3 && digit) {
                    out.value = value;
                    out.raw = m_index.text(ws);
                    out.words = ws;
                    out.how = QStringLiteral("title");
                    return out;
                }
            }
        }
    }
    return out;
}

FieldCandidate FieldFallbacks::firstDate(const QSet<int> &taken) const
{
    // A date printed with a time ("12-01-19 21:13") is the moment of the document and wins.
    static const QRegularExpression time(QStringLiteral("\\b\\d{1,2}:\\d{2}\\b"));
    FieldCandidate first, timed;
    for (int r : m_index.pageCount() ? m_index.pageRows(0) : QList<int>{}) {
        // Any date on the line, not only at its start ("Invoice 12 du 02 juillet 2015").
        const QList<int> &ws = m_index.rows().at(r).words;
        FieldCandidate cand;
        for (int p = 0; p < ws.size() && !cand.valid(); ++p)
            cand = m_reader.parse(FieldKind::Date, ws.mid(p, 6));
        if (!cand.valid())
            continue;
        bool free = true;
        for (int w : cand.words)
            if (taken.contains(w))
                free = false;
        if (!free)
            continue;
        if (!first.valid())
            first = cand;
        if (time.match(m_index.text(ws)).hasMatch()) {
            timed = cand;
            break;
        }
    }
    return timed.valid() ? timed : first;
}

FieldCandidate FieldFallbacks::largestAmount() const
{
    const int page = m_index.pageCount() - 1;
    FieldCandidate best;
    static const QSet<QString> payment = {
        QStringLiteral("cash"),       QStringLiteral("change"),   QStringLiteral("tendered"),
        QStringLiteral("tender"),     QStringLiteral("paid"),     QStringLiteral("card"),
        QStringLiteral("visa"),       QStringLiteral("received"), QStringLiteral("balance"),
        QStringLiteral("mastercard"), QStringLiteral("payment")};
    if (page < 0)
        return best;
    for (int r : m_index.pageRows(page)) {
        const QList<int> &ws = m_index.rows().at(r).words;
        bool paymentRow = false;
        for (const LayoutToken &t : m_index.rows().at(r).tokens)
            if (payment.contains(t.norm))
                paymentRow = true;
        if (paymentRow)
            continue;
        for (int p = 0; p < ws.size(); ++p) {
            const FieldCandidate cand = m_reader.parse(FieldKind::Amount, ws.mid(p, 2));
            if (cand.valid() && cand.hasDecimals && cand.words.contains(ws.at(p)) &&
                (!best.valid() || cand.number > best.number))
                best = cand;
        }
    }
    return best;
}

FieldCandidate FieldFallbacks::title() const
{
    FieldCandidate best;
    double bestH = 0;
    for (const QString &t : m_schema.titles) {
        const QList<PhraseHit> found = m_index.find(t);
        for (const PhraseHit &h : found)
            if (m_index.rows().at(h.row).page == 0 &&
                LayoutIndex::tokenize(t).size() > LayoutIndex::tokenize(best.value).size()) {
                const LayoutRow &row = m_index.rows().at(h.row);
                const int p0 = m_index.words().at(h.firstWord).pos;
                const int p1 = m_index.words().at(h.lastWord).pos;
                best.words = row.words.mid(p0, p1 - p0 + 1);
                best.raw = m_index.text(best.words);
                best.value = t;
            }
    }
    if (!best.valid() && m_index.pageCount() > 0) {
        int rank = 0;
        for (int r : m_index.pageRows(0)) {
            if (++rank > 12)
                break;
            for (const QList<int> &seg : m_index.segments(r, 1.5)) {
                const double h = m_index.box(seg).height();
                const QString t = m_index.text(seg);
                if (h > bestH && t.size() >= 4) {
                    bestH = h;
                    best.words = seg;
                    best.raw = t;
                    best.value = t;
                }
            }
        }
    }
    return best;
}

FieldFallbacks::Outcome FieldFallbacks::apply(Extraction &out, const CurrencyGuess &currency,
                                              bool orderProven,
                                              const QHash<QString, QList<int>> &fieldWords,
                                              const Setter &set) const
{
    Outcome result;
    for (const FieldSpec &spec : m_schema.fields) {
        if (out.has(spec.name))
            continue;
        if (spec.kind == FieldKind::Currency && !currency.code.isEmpty()) {
            FieldCandidate cand;
            cand.value = currency.code;
            cand.raw = currency.raw;
            for (int w = 0; w < m_index.words().size() && !currency.raw.isEmpty(); ++w)
                if (m_index.words().at(w).text.contains(currency.raw)) {
                    cand.words = {w};
                    break;
                }
            set(spec.name, cand, currency.confidence);
        } else if (spec.kind == FieldKind::Date && spec.required) {
            // Words another date or a number was read from; an amount or a name read from a
            // date's words (a tax label above "2703/2018", an address running into the date
            // line) yields to it.
            QSet<int> taken;
            for (auto it = fieldWords.cbegin(); it != fieldWords.cend(); ++it) {
                const FieldSpec *other = m_schema.field(it.key());
                if (other && other->kind != FieldKind::Date && other->kind != FieldKind::Identifier)
                    continue;
                for (int w : it.value())
                    taken.insert(w);
            }
            const FieldCandidate f = firstDate(taken);
            if (f.valid())
                set(spec.name, f,
                    (f.ambiguous && !orderProven ? 0.45 : 0.7) * m_index.confidence(f.words));
            if (f.valid() && ((f.ambiguous && !orderProven) || f.doubtful))
                result.guessedOrder.insert(spec.name);
        } else if (spec.kind == FieldKind::Identifier && spec.required) {
            // The number printed with '#' beside or under the title ("INVOICE" / "# 1042").
            const FieldCandidate cand = numberAtTitle();
            if (cand.valid())
                set(spec.name, cand, 0.55 * m_index.confidence(cand.words));
        } else if (spec.kind == FieldKind::Amount && spec.name == QLatin1String("subtotal") &&
                   out.has(QStringLiteral("total_amount"))) {
            // No subtotal printed: the total less its tax (all of it when there is none).
            Field f = out.fields.value(QStringLiteral("total_amount"));
            const double tax = out.value(QStringLiteral("tax_amount")).toDouble();
            const double total = f.value.toDouble();
            if (tax < 0 || tax >= total)
                continue;
            f.name = spec.name;
            f.value = AmountParser::money(total - tax);
            result.derivedSubtotal = true;
            f.confidence *= 0.85;
            if (out.has(QStringLiteral("tax_amount")))
                f.confidence = std::min(f.confidence,
                                        out.fields.value(QStringLiteral("tax_amount")).confidence);
            out.fields.insert(spec.name, f);
        } else if (spec.kind == FieldKind::Amount && spec.name == QLatin1String("total_amount") &&
                   out.has(QStringLiteral("subtotal")) &&
                   out.value(QStringLiteral("tax_amount")).toDouble() == 0.0) {
            // Only a subtotal and no tax on top: it is what is paid.
            Field f = out.fields.value(QStringLiteral("subtotal"));
            f.name = spec.name;
            f.confidence *= 0.7;
            out.fields.insert(spec.name, f);
        } else if (spec.kind == FieldKind::Amount && isTotalField(spec.name) && spec.required) {
            // The largest amount with decimals on the last page, but not what was tendered.
            const FieldCandidate best = largestAmount();
            if (best.valid())
                set(spec.name, best, 0.3 * m_index.confidence(best.words));
        } else if (spec.kind == FieldKind::Text && spec.anchors.isEmpty() &&
                   (spec.name == QLatin1String("title") ||
                    spec.name.endsWith(QLatin1String("_type")))) {
            const FieldCandidate best = title();
            if (best.valid())
                set(spec.name, best, 0.6);
        }
    }
    return result;
}

} // namespace docket
