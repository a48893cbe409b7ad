#include "AddressFinder.h"

#include "PartyCues.h"

#include <QRegularExpression>

#include <algorithm>

namespace docket {

AddressFinder::AddressFinder(const LayoutIndex &index, const QSet<int> &blocked)
    : m_index(index), m_blocked(blocked)
{}

QList<int> AddressFinder::senderRest(const QList<int> &nameWords) const
{
    const int row = m_index.words().at(nameWords.last()).row;
    const int pos = m_index.words().at(nameWords.last()).pos;
    QList<int> seg;
    for (const QList<int> &s : m_index.segments(row, 1.5))
        if (s.contains(nameWords.last()))
            seg = s;
    QList<int> rest;
    bool separated = false;
    for (int w : std::as_const(seg)) {
        if (m_index.words().at(w).pos <= pos)
            continue;
        const QString &t = m_index.words().at(w).text;
        const bool separator = t == QLatin1String("-") || t == QStringLiteral("–") ||
                               t == QLatin1String("|") || t == QStringLiteral("·") ||
                               t == QStringLiteral("•");
        if (rest.isEmpty() && !separated && !separator)
            return {}; // the name goes on: no sender line
        separated = separated || separator;
        if (!separator)
            rest.append(w);
    }
    static const QRegularExpression digit(QStringLiteral("\\d"));
    return digit.match(m_index.text(rest)).hasMatch() ? rest : QList<int>();
}

QList<int> AddressFinder::stripLabel(const QList<int> &words) const
{
    // "Warehouse Address: NO. 42/1 ...", "Adresse : 12 rue ...": the label goes, the line stays.
    static const QRegularExpression label(
        QStringLiteral("(?:address|adresse|adres|anschrift|direcci[oó]n|indirizzo)\\s*:$"),
        QRegularExpression::CaseInsensitiveOption);
    for (int i = 0; i < std::min<qsizetype>(3, words.size() - 1); ++i)
        if (label.match(m_index.text(words.mid(0, i + 1))).hasMatch())
            return words.mid(i + 1);
    return words;
}

bool AddressFinder::labelledDetail(const QList<int> &words) const
{
    for (int i = 0; i < std::min<qsizetype>(2, words.size()); ++i)
        if (m_index.words().at(words.at(i)).text.endsWith(QLatin1Char(':'))) {
            for (const QString &t : LayoutIndex::tokenize(m_index.text(words)))
                if (PartyCues::addressTokens().contains(t))
                    return false;
            return true;
        }
    return false;
}

QList<int> AddressFinder::below(const QList<int> &nameWords, int maxRows) const
{
    QList<int> out;
    if (nameWords.isEmpty())
        return out;
    const LayoutWord &first = m_index.words().at(nameWords.first());
    const int page = first.page;
    const QRectF nameBox = m_index.box(nameWords);
    const double lineH = m_index.lineHeight(page);
    const QList<int> &rows = m_index.pageRows(page);
    int lastRow = m_index.words().at(nameWords.last()).row;
    qsizetype at = rows.indexOf(lastRow);
    double lastBottom = m_index.rows().at(lastRow).box.bottom();
    double x0 = nameBox.left() - 2 * lineH, x1 = nameBox.right() + 2 * lineH;
    // A sender line above the address window: "Acme AG - Uferweg 40 - D-63571 Gelnhausen".
    const QList<int> sender = senderRest(nameWords);
    if (!sender.isEmpty())
        return sender;
    int taken = 0;
    for (qsizetype i = at + 1; i < rows.size() && taken < maxRows; ++i) {
        const LayoutRow &row = m_index.rows().at(rows.at(i));
        // On a receipt a blank line may part the name from its address; never the lines of
        // the address.
        const double gap = out.isEmpty() && m_index.isOcr(page) ? 3.0 : 1.6;
        if (row.box.top() - lastBottom > gap * std::max(lineH, row.height))
            break;
        QList<int> words;
        for (const QList<int> &seg : m_index.segments(rows.at(i), 1.5)) {
            const QRectF b = m_index.box(seg);
            if (b.right() > x0 && b.left() < x1)
                words.append(seg);
        }
        if (words.isEmpty())
            continue;
        words = stripLabel(words);
        const QString text = m_index.text(words);
        // OCR noise between the lines is skipped; a registration number, a web address or
        // a greeting ends the address.
        if (PartyCues::isNoise(m_index, words)) {
            lastBottom = row.box.bottom();
            continue;
        }
        if (PartyCues::endsAddress(text) && (taken > 0 || !m_index.isOcr(page)))
            break;
        if (taken > 0 && PartyCues::isRegistrationLine(text))
            break;
        // On a receipt a date, time or greeting between the name and the street is passed over.
        if (PartyCues::endsAddress(text)) {
            lastBottom = row.box.bottom();
            continue;
        }
        // The registered name under a trade name ("Golden Arches Restaurants Sdn Bhd") is the
        // name's second line, not the address's first: the address starts below it.
        static const QRegularExpression anyDigit(QStringLiteral("\\d"));
        if (taken <= 2 && !anyDigit.match(text).hasMatch() &&
            PartyCues::companyForm(text, m_index.isOcr(page)) == PartyCues::Form::Legal) {
            out.clear();
            taken = 0;
            lastBottom = row.box.bottom();
            continue;
        }
        // Under the name, before the street: a tagline ("BISTRO & CAFE"), the shop's trade
        // name ("MYDIN MART SRI MUDA") or a labelled line of the company's details
        // ("Company No: ...", "Site: 2395").
        if (taken == 0 && !anyDigit.match(text).hasMatch() &&
            (PartyCues::isDescriptor(LayoutIndex::tokenize(text)) ||
             PartyCues::companyForm(text, m_index.isOcr(page)) == PartyCues::Form::Trade)) {
            lastBottom = row.box.bottom();
            continue;
        }
        if (taken == 0 && labelledDetail(words)) {
            lastBottom = row.box.bottom();
            continue;
        }
        if (PartyCues::isStopLine(text) || PartyCues::isRegistrationLine(text)) {
            if (taken == 0 && !out.isEmpty())
                break;
            if (taken > 0)
                break;
            // A registration line right under the name: skip it.
            lastBottom = row.box.bottom();
            continue;
        }
        // A date or time line ends the address; prose lines ("formerly known as ...") and
        // registration numbers ("(867388-U)", "Company No 002643278-A") are skipped.
        static const QRegularExpression regToken(
            QStringLiteral("\\b\\d{5,}-?[A-Z]\\b|\\b\\d{1,2}:\\d{2}\\b"));
        static const QRegularExpression lowerWords(
            QStringLiteral("\\b[a-z]{3,}\\b.*\\b[a-z]{3,}\\b"));
        // A street line ("LOT 1851-A & 1851-B, JALAN KPB 6") is never a registration line.
        bool street = false;
        for (const QString &t : LayoutIndex::tokenize(text))
            street = street || PartyCues::addressTokens().contains(t);
        if ((!street && regToken.match(text).hasMatch()) || lowerWords.match(text).hasMatch()) {
            if (taken > 0 && !lowerWords.match(text).hasMatch())
                break;
            lastBottom = row.box.bottom();
            continue;
        }
        // "(123456-X)" registration numbers right under a name are not address lines.
        static const QRegularExpression regNo(
            QStringLiteral("^\\(?[0-9A-Z]{3,}[-\\s]?[A-Z0-9]?\\)?$"));
        if (taken == 0 && regNo.match(text.trimmed()).hasMatch()) {
            lastBottom = row.box.bottom();
            continue;
        }
        bool excluded = false;
        for (int w : words)
            if (m_blocked.contains(w))
                excluded = true;
        if (excluded)
            break;
        out.append(words);
        ++taken;
        lastBottom = row.box.bottom();
        const QRectF wb = m_index.box(words);
        x0 = std::min(x0, wb.left());
        x1 = std::max(x1, wb.right());
    }
    return out;
}

double AddressFinder::confidence(const QList<int> &words) const
{
    if (words.isEmpty())
        return 0;
    bool street = false, postcode = false;
    for (const QString &t : LayoutIndex::tokenize(m_index.text(words))) {
        street = street || PartyCues::addressTokens().contains(t);
        bool digits = t.size() >= 4 && t.size() <= 6;
        for (QChar c : t)
            digits = digits && c.isDigit();
        postcode = postcode || digits;
    }
    const double p = street ? (postcode ? 0.98 : 0.9) : (postcode ? 0.5 : 0.3);
    return p * (0.85 + 0.15 * m_index.confidence(words));
}

} // namespace docket
