#include "PartyFinder.h"

#include "AddressFinder.h"
#include "PartyCues.h"

#include <QLoggingCategory>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace docket {

Q_LOGGING_CATEGORY(lcParty, "docket.agents.party")

namespace {

// A word of a legal form or trade name, or a letter of a dotted one ("S.A.", "S/B").
bool suffixToken(const QString &t)
{
    return PartyCues::isFormToken(t) || t == QLatin1String("s") || t == QLatin1String("b") ||
           t == QLatin1String("v");
}

const QSet<QString> &addressTokens()
{
    return PartyCues::addressTokens();
}

} // namespace

PartyFinder::PartyFinder(const LayoutIndex &index, const QSet<int> &labelWords,
                         const QStringList &titles)
    : m_index(index), m_labelWords(labelWords)
{
    for (const QString &t : titles)
        m_titles.append(LayoutIndex::tokenize(t));
    // The recipient's blocks (bill-to, ship-to) never name the issuer, nor does their name
    // where it is printed again (the address window above "Nom de l'abonné: X").
    QHash<int, QList<int>> byRow;
    for (int w : PartyCues::recipientWords(index))
        byRow[index.words().at(w).row].append(w);
    for (const QList<int> &ws : std::as_const(byRow))
        exclude(ws);
    std::sort(m_titles.begin(), m_titles.end(),
              [](const QStringList &a, const QStringList &b) { return a.size() > b.size(); });
}

void PartyFinder::exclude(const QList<int> &words)
{
    for (int w : words)
        m_excluded.insert(w);
    // A name of two words or more (no numbers) is kept to recognise it elsewhere.
    const QStringList toks = LayoutIndex::tokenize(m_index.text(words));
    const bool name =
        toks.size() >= 2 && toks.size() <= 6 &&
        std::none_of(toks.cbegin(), toks.cend(), [](const QString &t) {
            return std::any_of(t.cbegin(), t.cend(), [](QChar c) { return c.isDigit(); });
        });
    if (name)
        m_otherNames.insert(toks.join(QLatin1Char(' ')));
}

bool PartyFinder::hasCompanySuffix(const QString &text)
{
    return PartyCues::companyForm(text, false) != PartyCues::Form::None;
}

bool PartyFinder::continuesAddress(const QList<int> &seg) const
{
    const int page = m_index.words().at(seg.first()).page;
    const QList<int> &rows = m_index.pageRows(page);
    const int row = m_index.words().at(seg.first()).row;
    const qsizetype at = rows.indexOf(row);
    if (at <= 0)
        return false;
    const LayoutRow &above = m_index.rows().at(rows.at(at - 1));
    const QRectF box = m_index.box(seg);
    if (box.top() - above.box.bottom() > 1.2 * std::max(m_index.lineHeight(page), above.height))
        return false;
    QList<int> words;
    for (int w : above.words) {
        const QRectF &b = m_index.words().at(w).box;
        if (b.right() > box.left() - box.height() && b.left() < box.right() + box.height())
            words.append(w);
    }
    if (words.isEmpty())
        return false;
    const QString text = m_index.text(words);
    if (text.trimmed().endsWith(QLatin1Char(',')))
        return true;
    for (const QString &t : LayoutIndex::tokenize(text)) {
        bool postcode = t.size() == 5;
        for (QChar c : t)
            postcode = postcode && c.isDigit();
        if (postcode || addressTokens().contains(t))
            return true;
    }
    return false;
}

bool PartyFinder::addressFollows(const QList<int> &seg) const
{
    const QRectF box = m_index.box(seg);
    const int page = m_index.words().at(seg.first()).page;
    const double lineH = m_index.lineHeight(page);
    const int below =
        m_index.rowBelow(m_index.words().at(seg.last()).row, box.left(), box.right(), 1.2 * lineH);
    if (below < 0)
        return false;
    QList<int> words;
    for (int w : m_index.rows().at(below).words) {
        const QRectF &b = m_index.words().at(w).box;
        if (b.right() > box.left() - lineH && b.left() < box.right() + lineH)
            words.append(w);
    }
    bool digits = false, street = false;
    for (int w : words)
        for (const QString &t : LayoutIndex::tokenize(m_index.words().at(w).text)) {
            bool number = !t.isEmpty();
            for (QChar c : t)
                if (!c.isDigit())
                    number = false;
            digits = digits || number;
            street = street || addressTokens().contains(t) || (number && t.size() >= 4);
        }
    return digits && street;
}

QList<int> PartyFinder::stripAffixes(const QList<int> &seg) const
{
    QList<int> out = seg;
    auto digits = [&](int w) {
        int n = 0;
        for (QChar c : m_index.words().at(w).text)
            n += c.isDigit() ? 1 : 0;
        return n;
    };
    // A bracketed registration number after the name, even split by OCR: "(519537: X)".
    for (qsizetype i = out.size() - 1; i >= 1; --i) {
        if (!m_index.words().at(out.at(i)).text.startsWith(QLatin1Char('(')))
            continue;
        int n = 0;
        for (qsizetype k = i; k < out.size(); ++k)
            n += digits(out.at(k));
        if (n >= 4)
            out = out.mid(0, i);
        break;
    }
    // A registration number after the name is not part of it: "AEON CO. (M) BHD (126926-H)",
    // "SDN BHD 1110644-V", nor a bracket or dash left dangling before it.
    while (out.size() > 1) {
        const QString last = m_index.words().at(out.last()).text;
        // Five digits or more: years and street numbers are shorter.
        const bool reg = digits(out.last()) >= 5 ||
                         (digits(out.last()) > 0 &&
                          (last.endsWith(QLatin1Char(')')) || last.startsWith(QLatin1Char('('))));
        const bool dangling = last == QLatin1String("(") || last == QLatin1String("-");
        if (!reg && !dangling)
            break;
        out.removeLast();
    }
    // A label before the name ("Dimiliki: BANH MI CAFE", "Sold by: ...") and numbers before
    // it (a store code) are not part of it either.
    for (int i = 0; i + 1 < out.size() && i < 3; ++i) {
        const QString t = m_index.words().at(out.at(i)).text;
        if (t.endsWith(QLatin1Char(':'))) {
            out = out.mid(i + 1);
            break;
        }
    }
    while (out.size() > 1 && digits(out.first()) >= 5)
        out.removeFirst();
    return out;
}

QList<int> PartyFinder::stripTitles(const QList<int> &seg) const
{
    // Remove a document title at the end or start of the line ("Amazon Web Services Invoice").
    QList<int> out = seg;
    for (const QStringList &title : m_titles) {
        if (title.isEmpty() || out.size() <= title.size())
            continue;
        auto matchesAt = [&](qsizetype from) {
            for (qsizetype k = 0; k < title.size(); ++k) {
                const QStringList t =
                    LayoutIndex::tokenize(m_index.words().at(out.at(from + k)).text);
                if (t.size() != 1 || t.first() != title.at(k))
                    return false;
            }
            return true;
        };
        if (matchesAt(out.size() - title.size())) {
            out = out.mid(0, out.size() - title.size());
        } else if (matchesAt(0)) {
            out = out.mid(title.size());
        } else {
            continue;
        }
        // What is left of "PAYMENT RECEIPT", "Kopie factuur" qualifies the title.
        if (PartyCues::isTitleQualifier(LayoutIndex::tokenize(m_index.text(out))))
            out.clear();
        break;
    }
    return out;
}

double PartyFinder::segmentScore(const QList<int> &seg, int rowRank) const
{
    const QString text = m_index.text(seg);
    int letters = 0, digits = 0, upper = 0;
    for (QChar c : text) {
        if (c.isLetter()) {
            ++letters;
            if (c.isUpper())
                ++upper;
        } else if (c.isDigit()) {
            ++digits;
        }
    }
    if (letters < 3)
        return -10;
    const int page = m_index.words().at(seg.first()).page;
    double labelled = 0;
    for (int w : seg) {
        if (m_excluded.contains(w))
            return -10;
        if (!m_labelWords.contains(w))
            continue;
        // On scans labels are found with one letter of tolerance ("REST" for "RESIT"): a
        // word inside a name is a label only where labels stand, first or before a colon.
        if (!m_index.isOcr(page) || w == seg.first() ||
            m_index.words().at(w).text.endsWith(QLatin1Char(':')))
            return -10;
        labelled = 1.0;
    }
    if (PartyCues::isStopLine(text) || PartyCues::isGreeting(text))
        return -10;
    const QStringList toks = LayoutIndex::tokenize(text);
    if (m_otherNames.contains(toks.join(QLatin1Char(' '))))
        return -10; // the customer's name, printed again
    for (const QStringList &title : m_titles)
        if (toks == title || (toks.size() == 1 && title.size() == 1 &&
                              toks.first() == title.first() + QLatin1Char('s')))
            return -10; // the document title itself, or its plural ("Orders")
    // "Company No:", "Receipt#": labels of the lines under a name, never the name.
    if (PartyCues::isLabel(text) || PartyCues::isHeading(toks))
        return -10;
    double h = 0;
    for (int w : seg)
        h = std::max(h, m_index.words().at(w).box.height());
    const double rel = h / m_index.lineHeight(page);
    double s = -labelled;
    // A legal form or registered business outranks a trade name ("TRI SHAAS SDN BHD" over
    // "MYDIN MART SRI MUDA"); OCR may misread one letter of a long one ("ENIERPRISE").
    switch (PartyCues::companyForm(text, m_index.isOcr(page))) {
    case PartyCues::Form::Legal:
        s += 1.6;
        break;
    case PartyCues::Form::Trade:
        s += 1.0;
        break;
    case PartyCues::Form::None:
        break;
    }
    s += std::clamp(rel - 1.0, 0.0, 1.5);
    s += 0.9 * std::max(0.0, 1.0 - rowRank / 10.0);
    if (upper > 0.7 * letters)
        s += 0.2;
    else if (upper == 0)
        s -= 1.2; // names in a letterhead are capitalised; lower case is handwriting or prose
    if (digits > 0.25 * (letters + digits))
        s -= 1.5;
    for (const QString &t : toks) {
        bool postcode = t.size() >= 4 && t.size() <= 6;
        for (QChar c : t)
            if (!c.isDigit())
                postcode = false;
        if (addressTokens().contains(t) || postcode) {
            s -= 1.0; // a street or town line, not a name
            break;
        }
    }
    if (seg.size() > 8)
        s -= 0.8;
    // Words of a receipt's or invoice's body standing alone are not names ("CASH", "COPY").
    static const QSet<QString> bodyWords = {
        QStringLiteral("cash"),     QStringLiteral("credit"),   QStringLiteral("sales"),
        QStringLiteral("copy"),     QStringLiteral("original"), QStringLiteral("duplicate"),
        QStringLiteral("customer"), QStringLiteral("welcome"),  QStringLiteral("member"),
        QStringLiteral("shopping"), QStringLiteral("hours"),    QStringLiteral("counter"),
        QStringLiteral("table"),    QStringLiteral("bill"),     QStringLiteral("summary")};
    if (std::all_of(toks.cbegin(), toks.cend(),
                    [](const QString &t) { return bodyWords.contains(t); }))
        return -10;
    // Commas separate the parts of an address ("TAMAN DAYA, JOHOR"), seldom those of a name.
    static const QRegularExpression comma(
        QStringLiteral(",\\s*(?!(?:inc|llc|ltd|s\\.?a|b\\.?v)\\b)\\S"),
        QRegularExpression::CaseInsensitiveOption);
    if (text.trimmed().endsWith(QLatin1Char(',')) || comma.match(text).hasMatch())
        s -= 0.7;
    // A line right under a street or town line continues the address.
    if (continuesAddress(seg))
        s -= 1.0;
    // Short single words on scans are mostly logos read as letters ("Mons", "SUN").
    if (seg.size() == 1 && text.size() <= 4 && m_index.isOcr(page))
        s -= 0.6;
    // A line naming only a kind of business ("BISTRO & CAFE") is a tagline under the name.
    if (PartyCues::isDescriptor(toks))
        s -= 0.8;
    // Words the OCR engine was unsure of are mostly a logo read as letters.
    const double conf = m_index.confidence(seg);
    s += 0.4 * conf;
    if (m_index.isOcr(page))
        s -= 2.5 * std::max(0.0, 0.45 - conf);
    return s;
}

PartyFinder::Name PartyFinder::letterhead() const
{
    Name best;
    if (m_index.pageCount() == 0)
        return best;
    const QList<int> &rows = m_index.pageRows(0);
    const double pageH = m_index.pageSize(0).height();
    double bestScore = 0.5;
    int rank = 0;
    bool headerEnded = false;
    for (int r : rows) {
        const LayoutRow &row = m_index.rows().at(r);
        if (row.box.top() > 0.4 * pageH || rank > 14)
            break;
        // Segments of the line, and the parts of a sender line ("Acme AG - Street 4 - City").
        QList<QList<int>> parts;
        QSet<int> senderParts; // indices into parts of the first part of a split sender line
        for (const QList<int> &seg0 : m_index.segments(r, 1.5)) {
            parts.append(seg0);
            QList<int> cur;
            bool split = false;
            for (int w : seg0) {
                const QString &t = m_index.words().at(w).text;
                if (t == QLatin1String("-") || t == QStringLiteral("–") ||
                    t == QLatin1String("|") || t == QStringLiteral("·") ||
                    t == QStringLiteral("•")) {
                    if (!cur.isEmpty())
                        parts.append(cur);
                    cur.clear();
                    split = true;
                } else {
                    cur.append(w);
                }
            }
            if (split && !cur.isEmpty())
                parts.append(cur);
            if (split && parts.size() > 1 && parts.at(parts.size() - 1) != seg0)
                for (qsizetype i = parts.size() - 1; i > 0; --i)
                    if (parts.at(i - 1) == seg0) {
                        senderParts.insert(int(i));
                        break;
                    }
        }
        for (int pi = 0; pi < parts.size(); ++pi) {
            const QList<int> titled = stripTitles(parts.at(pi));
            const QList<int> seg = stripAffixes(titled);
            if (seg.isEmpty())
                continue;
            // The name in a sender line above the address window ("Acme AG - Street 4 - City").
            // A legal form alone on its line ("Sdn Bhd") ends the name on the line above:
            // the two are scored as one.
            const QList<int> above = suffixOnly(seg) ? lineBeside(seg, true) : QList<int>();
            double s = above.isEmpty() ? segmentScore(seg, rank)
                                       : segmentScore(above + seg, std::max(0, rank - 1));
            s += (senderParts.contains(pi) ? 0.8 : 0.0) + (addressFollows(seg) ? 0.5 : 0.0);
            // A registration number printed with it marks the registered name
            // ("TRI SHAAS SDN BHD (728515-M)").
            if (s > -5 && seg.size() < titled.size()) {
                int digits = 0;
                for (int w : titled.mid(seg.size()))
                    for (QChar c : m_index.words().at(w).text)
                        digits += c.isDigit() ? 1 : 0;
                if (digits >= 4)
                    s += 0.4;
            }
            // The header ends at the first phone, tax-id or title line under a name: a name
            // further down is the customer's or a line of the body.
            if (headerEnded)
                s -= 1.5;
            qCDebug(lcParty) << m_index.text(seg) << s;
            if (s > bestScore) {
                bestScore = s;
                best.words = seg;
            }
        }
        if (!best.words.isEmpty() && !headerEnded) {
            const QString rowText = m_index.text(row.words);
            const QStringList rowToks = LayoutIndex::tokenize(rowText);
            headerEnded = PartyCues::isStopLine(rowText) ||
                          PartyCues::isRegistrationLine(rowText) ||
                          std::any_of(m_titles.cbegin(), m_titles.cend(),
                                      [&](const QStringList &t) { return t == rowToks; });
        }
        ++rank;
    }
    if (best.words.isEmpty())
        return best;
    // A name broken over two lines: "HARDWARE &" / "ELECTRICAL", "NANDO'S MALAYSIA" /
    // "Sdn Bhd", or a name whose legal suffix is on the next line.
    auto neighbour = [&](bool above) { return lineBeside(best.words, above); };
    const QString text = m_index.text(best.words);
    const QStringList toks = LayoutIndex::tokenize(text);
    const bool onlySuffix = suffixOnly(best.words);
    const QList<int> above = neighbour(true);
    qCDebug(lcParty) << "best" << text << "above" << m_index.text(above);
    const QString aboveText = m_index.text(above);
    const bool startsWithSuffix =
        !toks.isEmpty() && (suffixToken(toks.first()) || toks.first() == QLatin1String("m"));
    if ((onlySuffix || startsWithSuffix || aboveText.endsWith(QLatin1Char('&'))) &&
        !above.isEmpty() && segmentScore(above, 0) > -5) {
        best.words = above + best.words;
    } else if (onlySuffix) {
        const QList<int> prev = neighbour(true);
        if (!prev.isEmpty())
            best.words = prev + best.words;
    } else if (text.endsWith(QLatin1Char('&')) || text.endsWith(QLatin1Char(',')) ||
               text.endsWith(QLatin1Char('-'))) {
        best.words.append(neighbour(false));
    } else if (!hasCompanySuffix(text)) {
        const QList<int> next = neighbour(false);
        const QString nt = m_index.text(next);
        if (!next.isEmpty() && next.size() <= 4 &&
            (hasCompanySuffix(text + QLatin1Char(' ') + nt) || nt.startsWith(QLatin1Char('&'))))
            best.words.append(next);
    }
    best.words = stripAffixes(best.words);
    // How sure the name is, from its score and whether it carries a legal form (a fit of the
    // right/wrong letterheads of one half of the development set, checked on the other).
    const bool legal = PartyCues::companyForm(m_index.text(best.words), m_index.isOcr(0)) ==
                       PartyCues::Form::Legal;
    best.score = std::clamp(0.45 + 0.12 * bestScore + (legal ? 0.1 : 0.0), 0.0, 0.95);
    return best;
}

QList<int> PartyFinder::lineBeside(const QList<int> &words, bool above) const
{
    QList<int> out;
    const QRectF box = m_index.box(words);
    const int page = m_index.words().at(words.first()).page;
    const double lineH = m_index.lineHeight(page);
    const QList<int> &rows = m_index.pageRows(page);
    const int row = m_index.words().at(above ? words.first() : words.last()).row;
    const qsizetype at = rows.indexOf(row) + (above ? -1 : 1);
    if (at < 0 || at >= rows.size())
        return out;
    const LayoutRow &r = m_index.rows().at(rows.at(at));
    const double gap = above ? box.top() - r.box.bottom() : r.box.top() - box.bottom();
    if (gap > 1.2 * std::max(lineH, r.height))
        return out;
    // Whole text segments that reach into the name's column ("HARDWARE &" ends far right).
    for (const QList<int> &seg : m_index.segments(rows.at(at), 1.5)) {
        const QRectF b = m_index.box(seg);
        if (b.right() > box.left() - 2 * lineH && b.left() < box.right() + 2 * lineH)
            out.append(seg);
    }
    if (out.size() > 6 || PartyCues::isStopLine(m_index.text(out)))
        out.clear();
    return out;
}

bool PartyFinder::suffixOnly(const QList<int> &words) const
{
    const QStringList toks = LayoutIndex::tokenize(m_index.text(words));
    return !toks.isEmpty() &&
           std::all_of(toks.cbegin(), toks.cend(), [](const QString &t) { return suffixToken(t); });
}

QList<int> PartyFinder::nameOnly(const QList<int> &words) const
{
    static const QSet<QString> details = {
        QStringLiteral("iban"),    QStringLiteral("bic"),   QStringLiteral("swift"),
        QStringLiteral("account"), QStringLiteral("acct"),  QStringLiteral("konto"),
        QStringLiteral("kto"),     QStringLiteral("bank"),  QStringLiteral("blz"),
        QStringLiteral("rib"),     QStringLiteral("tel"),   QStringLiteral("phone"),
        QStringLiteral("fax"),     QStringLiteral("email"), QStringLiteral("vat"),
        QStringLiteral("tax"),     QStringLiteral("ust"),   QStringLiteral("tva"),
        QStringLiteral("gst"),     QStringLiteral("gstin"), QStringLiteral("siret")};
    for (int i = 1; i < words.size(); ++i) {
        const QStringList t = LayoutIndex::tokenize(m_index.words().at(words.at(i)).text);
        if (!t.isEmpty() && details.contains(t.first())) {
            QList<int> out = words.mid(0, i);
            while (!out.isEmpty() &&
                   LayoutIndex::tokenize(m_index.words().at(out.last()).text).isEmpty())
                out.removeLast(); // a dangling '-' or '|'
            return out;
        }
    }
    return words;
}

PartyFinder::Name PartyFinder::issuer() const
{
    Name head = letterhead();
    if (!head.words.isEmpty() && PartyCues::companyForm(m_index.text(head.words),
                                                        m_index.isOcr(0)) == PartyCues::Form::Legal)
        return head;
    QList<int> foot = PartyCues::footerName(m_index);
    for (int w : std::as_const(foot))
        if (m_excluded.contains(w))
            foot.clear();
    if (foot.isEmpty())
        return head;
    qCDebug(lcParty) << "footer name" << m_index.text(foot) << "over" << m_index.text(head.words);
    // A name from the small print is a weaker cue than a letterhead with a legal form.
    return Name{foot, 0.5};
}

QList<int> PartyFinder::addressBelow(const QList<int> &nameWords, int maxRows) const
{
    return AddressFinder(m_index, m_labelWords + m_excluded).below(nameWords, maxRows);
}

double PartyFinder::addressConfidence(const QList<int> &words) const
{
    return AddressFinder(m_index, {}).confidence(words);
}

} // namespace docket
