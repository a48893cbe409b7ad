#include "ValueReader.h"

#include "AmountParser.h"
#include "CurrencyParser.h"

#include <QRegularExpression>

#include <algorithm>

namespace docket {

namespace {

// Joins words with single spaces and records where each word starts.
QString joined(const LayoutIndex &index, const QList<int> &words, const QString &prefix,
               QList<qsizetype> *starts)
{
    QString text = prefix;
    starts->clear();
    for (int w : words) {
        const QString &t = index.words().at(w).text;
        // OCR splits "68.87" into "68." and "87": glue a two-digit tail back on.
        const bool tail = text.size() >= 2 && t.size() == 2 && t.at(0).isDigit() &&
                          t.at(1).isDigit() &&
                          (text.back() == QLatin1Char('.') || text.back() == QLatin1Char(',')) &&
                          text.at(text.size() - 2).isDigit();
        if (!text.isEmpty() && !tail)
            text += QLatin1Char(' ');
        starts->append(text.size());
        text += index.words().at(w).text;
    }
    return text;
}

// Words overlapping [from, from + length) of a joined text.
QList<int> wordsIn(const QList<int> &words, const QList<qsizetype> &starts, const QString &text,
                   qsizetype from, qsizetype length)
{
    QList<int> out;
    for (int i = 0; i < words.size(); ++i) {
        const qsizetype s = starts.at(i);
        const qsizetype e = i + 1 < starts.size() ? starts.at(i + 1) - 1 : text.size();
        if (s < from + length && from < e)
            out.append(words.at(i));
    }
    return out;
}

bool isFiller(const QString &word)
{
    static const QRegularExpression re(
        QStringLiteral("^(?:[:#\\-–.=]+|no\\.?:?|nr\\.?:?|n[°º]\\.?:?|number:?|num\\.?:?|"
                       "#:?|\\(?s\\)?:?|id:?)$"),
        QRegularExpression::CaseInsensitiveOption);
    return re.match(word).hasMatch();
}

// Bracket depth before each word of a row: a label inside brackets after other words
// ("Total Sales (Inclusive of GST)") qualifies them and is no label of its own.
QList<int> bracketDepths(const LayoutIndex &index, const LayoutRow &row)
{
    QList<int> out;
    int depth = 0;
    for (int w : row.words) {
        out.append(depth);
        for (QChar ch : index.words().at(w).text) {
            if (ch == QLatin1Char('('))
                ++depth;
            else if (ch == QLatin1Char(')') && depth > 0)
                --depth;
        }
    }
    return out;
}

QString trimValue(QString s)
{
    static const QString junk = QStringLiteral(":;,.|-–_=*#/\\()[]");
    while (!s.isEmpty() && (junk.contains(s.at(0)) || s.at(0).isSpace()))
        s.remove(0, 1);
    while (!s.isEmpty() &&
           (QStringLiteral(":;,|-–_=*/\\(").contains(s.back()) || s.back().isSpace()))
        s.chop(1);
    return s;
}

} // namespace

ValueReader::ValueReader(const LayoutIndex &index, DateOrder order, const QSet<int> &labelStarts,
                         const QSet<int> &labelWords)
    : m_index(index), m_order(order), m_labelStarts(labelStarts), m_labelWords(labelWords)
{}

FieldCandidate ValueReader::parse(FieldKind kind, const QList<int> &words,
                                  const QString &prefix) const
{
    switch (kind) {
    case FieldKind::Date:
        return parseDate(words, prefix);
    case FieldKind::Amount:
    case FieldKind::Number:
    case FieldKind::Weight:
        return parseAmount(kind, words, prefix);
    case FieldKind::Identifier:
        return parseIdentifier(words, prefix);
    case FieldKind::Currency:
        return parseCurrency(words);
    case FieldKind::Text:
    case FieldKind::Country:
    case FieldKind::Address:
        return parseText(words, prefix);
    }
    return {};
}

FieldCandidate ValueReader::parseDate(const QList<int> &words, const QString &prefix) const
{
    FieldCandidate c;
    const QList<int> head = words.mid(0, 8);
    QList<qsizetype> starts;
    QString text = joined(m_index, head, prefix, &starts);
    const QString printed = text;
    QList<DateMatch> dates = DateParser::findAll(text, m_order);
    if (dates.isEmpty() && !head.isEmpty() &&
        m_index.isOcr(m_index.words().at(head.first()).page)) {
        const QString fixed = DateParser::repairOcr(text); // same length: word offsets hold
        if (fixed != text) {
            dates = DateParser::findAll(fixed, m_order);
            text = fixed;
            c.repaired = true;
        }
        if (dates.isEmpty()) {
            dates = DateParser::findCompact(text, m_order);
            c.repaired = !dates.isEmpty();
        }
    }
    if (dates.isEmpty())
        return {};
    const DateMatch &d = dates.first();
    // The date must come first (a label's value), allowing a filler word before it.
    if (d.start > std::max<qsizetype>(prefix.size(), 0) + 12)
        return c;
    c.value = d.iso();
    c.raw = printed.mid(d.start, d.length);
    c.words = wordsIn(head, starts, text, d.start, d.length);
    c.ambiguous = d.ambiguous;
    c.doubtful = c.repaired;
    static const QRegularExpression numeric(QStringLiteral("^(\\d{1,2})\\D{1,3}(\\d{1,2})\\D"));
    const QRegularExpressionMatch m = numeric.match(c.raw);
    if (!d.textual && !d.ambiguous && m.hasMatch()) {
        const int a = m.captured(1).toInt(), b = m.captured(2).toInt();
        if ((m_order == DateOrder::DayMonth && b > 12) ||
            (m_order == DateOrder::MonthDay && a > 12))
            c.doubtful = true;
    }
    return c;
}

FieldCandidate ValueReader::parseAmount(FieldKind kind, const QList<int> &words,
                                        const QString &prefix) const
{
    FieldCandidate c;
    QList<qsizetype> starts;
    const QList<int> head = words.mid(0, 12);
    QString text = joined(m_index, head, prefix, &starts);
    // OCR lost the decimal point of a money value after a label: "GRAND TOTAL 92 80".
    static const QRegularExpression lostPoint(QStringLiteral("^(\\d{1,6}) (\\d{2})$"));
    if (kind == FieldKind::Amount && prefix.isEmpty() && head.size() == 2) {
        const auto m = lostPoint.match(text);
        if (m.hasMatch())
            text[m.capturedStart(2) - 1] = QLatin1Char('.');
    }
    const QList<DateMatch> dates = DateParser::findAll(text, m_order);
    auto inDate = [&](const AmountMatch &a) {
        for (const DateMatch &d : dates)
            if (a.start < d.start + d.length && d.start < a.start + a.length)
                return true;
        return false;
    };
    const QList<AmountMatch> all = AmountParser::findAll(text);
    // Prefer an amount written as money (decimals or a currency) anywhere in the run; a bare
    // integer counts only right at the label ("Total 42"), never after other words
    // ("Total Spots 31").
    const AmountMatch *pick = nullptr;
    const AmountMatch *bare = nullptr;
    bool sawPercent = false;
    qsizetype firstEnd = prefix.size();
    if (prefix.isEmpty()) {
        int first = 0;
        while (first < head.size() && isFiller(m_index.words().at(head.at(first)).text))
            ++first;
        firstEnd = first + 1 < starts.size() ? starts.at(first + 1) : text.size() + 1;
    }
    for (int i = 0; i < all.size(); ++i) {
        const AmountMatch &a = all.at(i);
        if (inDate(a))
            continue;
        // A time ("10:30") or a percentage ("21 %") is not an amount.
        const qsizetype end = a.start + a.length;
        qsizetype next = end;
        while (next < text.size() && text.at(next) == QLatin1Char(' '))
            ++next;
        if (next < text.size() && text.at(next) == QLatin1Char('%')) {
            sawPercent = true;
            continue;
        }
        if (end < text.size() && text.at(end) == QLatin1Char(':'))
            continue;
        // "Tax 15% on $ 112.90  $ 16.94": after a rate, the base is followed by the value.
        if (sawPercent && kind == FieldKind::Amount && i + 1 < all.size() &&
            (all.at(i + 1).hasDecimals || !all.at(i + 1).currency.isEmpty())) {
            sawPercent = false;
            continue;
        }
        if (a.start > 0 && text.at(a.start - 1) == QLatin1Char(':') && a.start >= 2 &&
            text.at(a.start - 2).isDigit())
            continue;
        if (kind != FieldKind::Amount) {
            pick = &a;
            break;
        }
        if (a.hasDecimals || !a.currency.isEmpty()) {
            pick = &a;
            break;
        }
        if (!bare && a.start < firstEnd)
            bare = &a;
    }
    if (!pick)
        pick = bare;
    if (!pick)
        return c;
    c.number = pick->value;
    c.hasDecimals = pick->hasDecimals;
    c.unit = pick->currency;
    c.value = kind == FieldKind::Amount ? AmountParser::money(pick->value)
                                        : AmountParser::number(pick->value);
    c.raw = text.mid(pick->start, pick->length).trimmed();
    c.words = wordsIn(head, starts, text, pick->start, pick->length);
    if (kind == FieldKind::Weight) {
        static const QRegularExpression unit(
            QStringLiteral("^\\s*(kgs?|kilograms?|lbs?|pounds?|mt|tons?|tonnes?|g)\\b"),
            QRegularExpression::CaseInsensitiveOption);
        const auto m = unit.match(text.mid(pick->start + pick->length));
        if (m.hasMatch()) {
            const QString u = m.captured(1).toLower();
            c.unit = u.startsWith(QLatin1Char('k')) ? QStringLiteral("KG")
                     : u.startsWith(QLatin1Char('l')) || u.startsWith(QLatin1Char('p'))
                         ? QStringLiteral("LB")
                     : u == QLatin1String("g") ? QStringLiteral("G")
                                               : QStringLiteral("T");
        } else {
            c.unit.clear();
        }
    }
    return c;
}

FieldCandidate ValueReader::parseIdentifier(const QList<int> &words, const QString &prefix) const
{
    FieldCandidate c;
    QString text = prefix;
    QList<int> used;
    if (text.isEmpty()) {
        for (int i = 0; i < words.size() && i < 4; ++i) {
            const QString t = m_index.words().at(words.at(i)).text;
            if (isFiller(t))
                continue;
            text = t;
            used.append(words.at(i));
            // "1475302 /" or "2006411 - 1": a short continuation glued by a separator.
            break;
        }
    } else if (!words.isEmpty() && prefix.size() < 3) {
        text += m_index.words().at(words.first()).text;
        used.append(words.first());
    }
    // A leading "#" or "No." glued to the value.
    static const QRegularExpression lead(QStringLiteral("^(?:#|no\\.?|nr\\.?|n°)\\s*"),
                                         QRegularExpression::CaseInsensitiveOption);
    text.remove(lead);
    text = trimValue(text);
    bool digit = false;
    for (QChar ch : text)
        if (ch.isDigit())
            digit = true;
    if (!digit || text.size() < 2 || text.size() > 40)
        return c;
    // Dates and amounts are not identifiers.
    if (DateParser::parse(text, m_order).date.isValid() &&
        DateParser::parse(text, m_order).length >= text.size() - 1)
        return c;
    static const QRegularExpression money(QStringLiteral("^[$€£]?\\d{1,3}(,\\d{3})*\\.\\d{2}$"));
    if (money.match(text).hasMatch())
        return c;
    c.value = text;
    c.raw = used.isEmpty() ? text : m_index.text(used);
    c.words = used;
    return c;
}

FieldCandidate ValueReader::parseText(const QList<int> &words, const QString &prefix) const
{
    FieldCandidate c;
    QList<int> used;
    for (int w : words) {
        if (used.isEmpty() && isFiller(m_index.words().at(w).text))
            continue;
        used.append(w);
    }
    QString text =
        trimValue((prefix.isEmpty() ? QString() : prefix + QLatin1Char(' ')) + m_index.text(used));
    int letters = 0;
    for (QChar ch : text)
        if (ch.isLetter())
            ++letters;
    if (letters < 2)
        return c;
    c.value = text;
    c.raw = m_index.text(used);
    c.words = used;
    return c;
}

FieldCandidate ValueReader::parseCurrency(const QList<int> &words) const
{
    FieldCandidate c;
    for (int i = 0; i < words.size() && i < 3; ++i) {
        const QString t = m_index.words().at(words.at(i)).text;
        const QString code = CurrencyParser::fromToken(t);
        if (!code.isEmpty()) {
            c.value = code;
            c.raw = t;
            c.words = {words.at(i)};
            return c;
        }
    }
    return c;
}

QList<FieldCandidate> ValueReader::readAt(const AnchorHit &hit, FieldKind kind,
                                          int anchorCount) const
{
    QList<FieldCandidate> out;
    const PhraseHit &h = hit.hit;
    auto finish = [&](QList<FieldCandidate> &cands) {
        return finishCandidates(cands, kind, h.lastWord);
    };
    const bool generic = hit.tokenCount == 1;
    if (generic && !h.labelLike)
        return out;
    const LayoutRow &row = m_index.rows().at(h.row);
    const double pageW = m_index.pageSize(row.page).width();
    const bool numeric =
        kind == FieldKind::Amount || kind == FieldKind::Number || kind == FieldKind::Weight;
    double base = 0.55 + 0.12 * std::min(hit.tokenCount - 1, 3) + (h.labelLike ? 0.12 : -0.2) -
                  0.12 * double(hit.anchorIndex) / std::max(1, anchorCount) +
                  (h.segmentStart ? 0.06 : 0.0) - (hit.secondary ? 0.15 : 0.0);
    const bool wide = numeric || kind == FieldKind::Date || kind == FieldKind::Identifier ||
                      kind == FieldKind::Currency;
    // Labels of other fields stop a value, but not the label itself nor the words of a
    // bracketed qualifier right after it ("Total (incl. GST) 12.00").
    QSet<int> stop = m_labelStarts;
    stop.remove(h.firstWord);
    const QList<int> depths = bracketDepths(m_index, row);
    const int firstPos = m_index.words().at(h.firstWord).pos;
    const bool opens = m_index.words().at(h.firstWord).text.startsWith(QLatin1Char('('));
    if (numeric && firstPos > 0 && (depths.at(firstPos) > 0 || opens))
        return out;
    for (int p = m_index.words().at(h.lastWord).pos + 1;
         p < row.words.size() &&
         (depths.at(p) > 0 ||
          m_index.words().at(row.words.at(p)).text.startsWith(QLatin1Char('(')));
         ++p)
        stop.remove(row.words.at(p));

    // Right of the label, on the same line.
    const int pos = m_index.words().at(h.lastWord).pos;
    const QList<int> right = m_index.runAfter(h.row, pos,
                                              numeric ? pageW
                                              : wide  ? 0.5 * pageW
                                                      : 3.0 * row.height,
                                              numeric ? pageW / row.height
                                              : wide  ? 4.0
                                                      : 1.5,
                                              stop);
    // "Total Qty 2", "Total Spots 31", "Total Discount": a count or another quantity, not
    // the money the label would announce on its own.
    bool countLabel = false;
    if (kind == FieldKind::Amount && h.remainder.isEmpty()) {
        static const QSet<QString> counts = {
            QStringLiteral("qty"),      QStringLiteral("quantity"), QStringLiteral("items"),
            QStringLiteral("item"),     QStringLiteral("spots"),    QStringLiteral("pcs"),
            QStringLiteral("pieces"),   QStringLiteral("units"),    QStringLiteral("weight"),
            QStringLiteral("pages"),    QStringLiteral("lines"),    QStringLiteral("count"),
            QStringLiteral("discount"), QStringLiteral("disc"),     QStringLiteral("savings"),
            QStringLiteral("points"),   QStringLiteral("cartons"),  QStringLiteral("packages")};
        for (int w : right) {
            const QString t = m_index.words().at(w).text;
            if (isFiller(t))
                continue;
            const QStringList toks = LayoutIndex::tokenize(t);
            countLabel = !toks.isEmpty() && counts.contains(toks.first());
            break;
        }
    }
    if (!countLabel && (!right.isEmpty() || !h.remainder.isEmpty())) {
        FieldCandidate c = parse(kind, right, h.remainder);
        // Several sums after one label ("TOTAL: 26.00 1.56") are a row of a summary table,
        // not the single value the label announces.
        int sums = 0;
        if (kind == FieldKind::Amount)
            for (const AmountMatch &a : AmountParser::findAll(m_index.text(right)))
                sums += a.hasDecimals ? 1 : 0;
        if (sums >= 2)
            base -= 0.2;
        if (c.valid()) {
            c.score = base + 0.1;
            c.how = QStringLiteral("right");
            out.append(c);
        }
    }
    // Below the label, in the same column; a numeric label with words to its right has its
    // value on its own line.
    const double lineH = row.height;
    bool rightHasNumber = false;
    for (int w : right)
        for (QChar ch : m_index.words().at(w).text)
            if (ch.isDigit())
                rightHasNumber = true;
    if (numeric && rightHasNumber)
        return finish(out);
    const int below = m_index.rowBelow(h.row, h.box.left() - 0.5 * lineH,
                                       h.box.right() + 0.5 * lineH, 2.8 * lineH);
    if (below >= 0) {
        const LayoutRow &b = m_index.rows().at(below);
        for (int p = 0; p < b.words.size(); ++p) {
            const QRectF &wb = m_index.words().at(b.words.at(p)).box;
            if (wb.right() <= h.box.left() - 0.5 * lineH ||
                wb.left() >= h.box.right() + 0.5 * lineH)
                continue;
            QList<int> seg = m_index.segmentAt(below, p, wide ? 2.5 : 1.5);
            // Start at the first word under the label.
            while (!seg.isEmpty() &&
                   m_index.words().at(seg.first()).box.right() <= h.box.left() - 0.5 * lineH)
                seg.removeFirst();
            bool isLabel = false;
            for (int w : seg)
                if (m_labelWords.contains(w))
                    isLabel = true;
            if (seg.isEmpty() || (isLabel && m_labelStarts.contains(seg.first())))
                break;
            // An amount comes first under its label; a line that starts with a word is a line
            // of its own ("CASH : 40.00" under "Total Sales (Inclusive of GST)").
            if (numeric && startsWithWord(seg.first()))
                break;
            const QString segText = m_index.text(seg);
            if (segText.startsWith(QLatin1Char('(')) && segText.endsWith(QLatin1Char(')')) &&
                !numeric) {
                // A note in brackets under a label ("(not for remittance)"): look below it.
                const int next = m_index.rowBelow(below, h.box.left() - 0.5 * lineH,
                                                  h.box.right() + 0.5 * lineH, 1.8 * lineH);
                if (next < 0)
                    break;
                seg.clear();
                const LayoutRow &n = m_index.rows().at(next);
                for (int q = 0; q < n.words.size() && seg.isEmpty(); ++q) {
                    const QRectF &nb = m_index.words().at(n.words.at(q)).box;
                    if (nb.right() > h.box.left() - 0.5 * lineH &&
                        nb.left() < h.box.right() + 0.5 * lineH)
                        seg = m_index.segmentAt(next, q, 1.5);
                }
                if (seg.isEmpty())
                    break;
            }
            FieldCandidate c = parse(kind, seg);
            // Under a column header ("MwSt." over the lines) the line below is an item of a
            // table, with its description and several amounts: a cell, not the label's value.
            if (c.valid() && numeric && isItemLine(below)) {
                // The column's sum on the table's total line is the document's value.
                FieldCandidate sum = columnTotal(below, h.box.left() - 0.5 * lineH,
                                                 h.box.right() + 0.5 * lineH, kind);
                if (sum.valid()) {
                    sum.score = base - 0.1;
                    sum.how = QStringLiteral("column");
                    out.append(sum);
                }
                break;
            }
            if (c.valid()) {
                c.score = base - 0.05;
                c.how = QStringLiteral("below");
                out.append(c);
            }
            break;
        }
    }
    // A label alone on its line with its amount alone on the next one, right of it (the
    // printer or the OCR broke the line: "Total" / "5.00").
    if (numeric && out.isEmpty()) {
        const int next = m_index.rowBelow(h.row, h.box.right(), pageW, 1.6 * lineH);
        const QList<int> ws = next >= 0 ? m_index.rows().at(next).words : QList<int>{};
        const bool rightOnly = !ws.isEmpty() && std::all_of(ws.cbegin(), ws.cend(), [&](int w) {
            return m_index.words().at(w).box.left() >= h.box.right();
        });
        if (rightOnly) {
            FieldCandidate c = parse(kind, ws);
            if (c.valid() && c.hasDecimals && c.words.size() == ws.size()) {
                c.score = base - 0.1;
                c.how = QStringLiteral("next line");
                out.append(c);
            }
        }
    }
    return finish(out);
}

bool ValueReader::startsWithWord(int word) const
{
    const QString &t = m_index.words().at(word).text;
    if (!CurrencyParser::fromToken(t).isEmpty() || isFiller(t))
        return false;
    return std::count_if(t.cbegin(), t.cend(), [](QChar ch) { return ch.isLetter(); }) >= 2;
}

bool ValueReader::isItemLine(int row) const
{
    int amounts = 0, words = 0;
    for (int w : m_index.rows().at(row).words) {
        const QString &t = m_index.words().at(w).text;
        const AmountMatch a = AmountParser::parse(t);
        if (a.valid && a.hasDecimals)
            ++amounts;
        else if (std::count_if(t.cbegin(), t.cend(), [](QChar ch) { return ch.isLetter(); }) >= 3)
            ++words;
    }
    return amounts >= 2 && words >= 2;
}

FieldCandidate ValueReader::columnTotal(int row, double x0, double x1, FieldKind kind) const
{
    static const QSet<QString> totals = {QStringLiteral("total"),  QStringLiteral("totals"),
                                         QStringLiteral("summe"),  QStringLiteral("gesamt"),
                                         QStringLiteral("totaal"), QStringLiteral("totale"),
                                         QStringLiteral("sum")};
    const LayoutRow &r = m_index.rows().at(row);
    const QList<int> &rows = m_index.pageRows(r.page);
    for (qsizetype i = rows.indexOf(row) + 1; i > 0 && i < rows.size(); ++i) {
        const LayoutRow &o = m_index.rows().at(rows.at(i));
        if (o.tokens.isEmpty() || !totals.contains(o.tokens.first().norm))
            continue;
        // A line of column sums has several; a lone amount is the document's total.
        int sums = 0;
        for (int w : o.words) {
            const AmountMatch a = AmountParser::parse(m_index.words().at(w).text);
            sums += a.valid && a.hasDecimals ? 1 : 0;
        }
        if (sums < 2)
            break;
        for (int w : o.words) {
            const QRectF &b = m_index.words().at(w).box;
            if (b.right() <= x0 || b.left() >= x1)
                continue;
            const FieldCandidate c = parse(kind, {w});
            if (c.valid() && c.hasDecimals)
                return c;
        }
        break; // the first total line of the table only
    }
    return {};
}

QList<FieldCandidate> ValueReader::finishCandidates(QList<FieldCandidate> out, FieldKind kind,
                                                    int labelWord) const
{
    const bool numeric =
        kind == FieldKind::Amount || kind == FieldKind::Number || kind == FieldKind::Weight;
    for (FieldCandidate &c : out) {
        if (numeric && c.hasDecimals)
            c.score += 0.12;
        if (c.ambiguous)
            c.score -= 0.05;
        c.score *=
            0.7 + 0.3 * m_index.confidence(c.words.isEmpty() ? QList<int>{labelWord} : c.words);
    }
    return out;
}

} // namespace docket
