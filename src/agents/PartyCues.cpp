#include "PartyCues.h"

#include <QRegularExpression>

#include <algorithm>

namespace docket {

namespace {

QSet<QString> setOf(std::initializer_list<const char *> words)
{
    QSet<QString> s;
    for (const char *w : words)
        s.insert(QString::fromUtf8(w));
    return s;
}

// Legal forms and registered-business words after a name ("SDN BHD", "GmbH", "ENTERPRISE").
const QSet<QString> &legalTokens()
{
    static const QSet<QString> s = setOf(
        {"sdn",         "bhd",          "berhad",      "inc",        "incorporated", "llc",
         "ltd",         "limited",      "gmbh",        "ag",         "bv",           "plc",
         "corp",        "corporation",  "company",     "co",         "enterprise",   "enterprises",
         "trading",     "pvt",          "llp",         "pte",        "kg",           "sarl",
         "sas",         "srl",          "spa",         "nv",         "oy",           "ab",
         "sa",          "lp",           "pty",         "industries", "group",        "holdings",
         "corporation", "incorporated", "gesellschaft"});
    return s;
}

// Words that make a text a shop's name without being a legal form.
const QSet<QString> &tradeTokens()
{
    static const QSet<QString> s = setOf({"restaurant", "store", "mart", "services", "restoran"});
    return s;
}

// Registered-business words that open a name ("PERNIAGAAN ZHENG HUI", "SYARIKAT ...").
const QSet<QString> &legalPrefixes()
{
    static const QSet<QString> s = setOf({"perniagaan", "syarikat"});
    return s;
}

bool fuzzyIn(const QString &t, const QSet<QString> &set, bool fuzzy)
{
    if (set.contains(t))
        return true;
    if (!fuzzy || t.size() < 7)
        return false;
    for (const QString &s : set)
        if (s.size() >= 7 && LayoutIndex::tokensMatch(s, t, true))
            return true;
    return false;
}

// Whether the short token is written with a capital in text ("Co.", "AG", "Oy", not "oy)").
bool capitalised(const QString &text, const QString &token)
{
    const QRegularExpression re(QStringLiteral("(?<![\\w])") + QRegularExpression::escape(token) +
                                    QStringLiteral("(?![\\w])"),
                                QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() && m.captured(0).at(0).isUpper();
}

// Words that mark a line as something other than a name or an address line.
const QSet<QString> &stopTokens()
{
    static const QSet<QString> s = {
        QStringLiteral("tel"),      QStringLiteral("telephone"),    QStringLiteral("phone"),
        QStringLiteral("fax"),      QStringLiteral("email"),        QStringLiteral("mail"),
        QStringLiteral("www"),      QStringLiteral("http"),         QStringLiteral("https"),
        QStringLiteral("gst"),      QStringLiteral("vat"),          QStringLiteral("tax"),
        QStringLiteral("invoice"),  QStringLiteral("receipt"),      QStringLiteral("date"),
        QStringLiteral("reg"),      QStringLiteral("registration"), QStringLiteral("page"),
        QStringLiteral("bill"),     QStringLiteral("ship"),         QStringLiteral("total"),
        QStringLiteral("cashier"),  QStringLiteral("tin"),          QStringLiteral("gstin"),
        QStringLiteral("no"),       QStringLiteral("hp"),           QStringLiteral("mobile"),
        QStringLiteral("company"),  QStringLiteral("roc"),          QStringLiteral("siret"),
        QStringLiteral("iban"),     QStringLiteral("account"),      QStringLiteral("order"),
        QStringLiteral("customer"), QStringLiteral("attn"),         QStringLiteral("dear")};
    return s;
}

} // namespace

const QSet<QString> &PartyCues::addressTokens()
{
    static const QSet<QString> s =
        setOf({"jalan",   "jln",       "taman",  "lot",   "street", "st",      "road",
               "rd",      "avenue",    "ave",    "blvd",  "suite",  "floor",   "flr",
               "box",     "strasse",   "straße", "rue",   "straat", "weg",     "bandar",
               "kawasan", "persiaran", "lorong", "drive", "lane",   "way",     "tmn",
               "jl",      "level",     "unit",   "block", "blok",   "seksyen", "avenida",
               "calle",   "via",       "platz",  "allee", "laan",   "plein",   "gasse"});
    return s;
}

PartyCues::Form PartyCues::companyForm(const QString &text, bool fuzzy)
{
    const QStringList toks = LayoutIndex::tokenize(text);
    Form form = Form::None;
    for (int i = 0; i < toks.size(); ++i) {
        const QString &t = toks.at(i);
        if (t.size() == 1)
            continue; // single letters only as part of "B.V.", "S.A."
        if (i == 0) {
            if (toks.size() > 1 && fuzzyIn(t, legalPrefixes(), fuzzy))
                return Form::Legal;
            continue;
        }
        if (fuzzyIn(t, legalTokens(), fuzzy) && (t.size() > 2 || capitalised(text, t)))
            return Form::Legal;
        if (tradeTokens().contains(t))
            form = Form::Trade;
    }
    // Dotted and slashed forms: "B.V.", "S.A.", "N.V.", "S/B" (Sendirian Berhad).
    static const QRegularExpression dotted(
        QStringLiteral("\\b[A-Z]\\.[A-Z]\\.?(?:\\s|$)|\\bS/B\\b|\\bS\\.A\\.S\\b"));
    if (toks.size() > 1 && dotted.match(text).hasMatch())
        return Form::Legal;
    return form;
}

bool PartyCues::isFormToken(const QString &token)
{
    return legalTokens().contains(token) || tradeTokens().contains(token);
}

bool PartyCues::isDescriptor(const QStringList &tokens)
{
    static const QSet<QString> kinds =
        setOf({"cafe",     "café",          "bistro",   "bar",        "grill",       "kitchen",
               "bakery",   "confectionery", "hardware", "electrical", "electronics", "stationery",
               "books",    "bookstore",     "mini",     "market",     "minimarket",  "supermarket",
               "pharmacy", "food",          "foods",    "beverage",   "beverages",   "catering",
               "coffee",   "tea",           "shop",     "and",        "dan",         "et",
               "und",      "restaurant",    "restoran", "pub",        "deli",        "bakeries",
               "cuisine",  "trading",       "general",  "goods",      "groceries",   "grocery"});
    if (tokens.isEmpty())
        return false;
    return std::all_of(tokens.cbegin(), tokens.cend(),
                       [](const QString &t) { return kinds.contains(t); });
}

bool PartyCues::isStopLine(const QString &text)
{
    if (text.contains(QLatin1Char('@')))
        return true;
    // Phone and fax lines: "T: 03-2093 7358", "(810) 233-3130".
    static const QRegularExpression phone(
        QStringLiteral(
            "(?:^|\\s)(?:t|f|p|ph|h/p)\\s?[:.]|\\(?\\b\\d{2,4}\\)?[-\\s]\\d{3,4}[-\\s]\\d{3,4}\\b"),
        QRegularExpression::CaseInsensitiveOption);
    if (phone.match(text).hasMatch())
        return true;
    // Registration numbers: "GST ID No", "Co. No", "Reg No", "ROC No".
    static const QRegularExpression regNo(QStringLiteral("\\b(?:id|co|reg|roc|ic)\\.?\\s*no\\b"),
                                          QRegularExpression::CaseInsensitiveOption);
    if (regNo.match(text).hasMatch())
        return true;
    const QStringList toks = LayoutIndex::tokenize(text);
    for (const QString &t : toks)
        if (stopTokens().contains(t) && t != QLatin1String("no") && t != QLatin1String("company"))
            return true;
    // "TEL:", "GST ID", "CO NO" style lines start with the keyword.
    return !toks.isEmpty() && stopTokens().contains(toks.first()) &&
           toks.first() != QLatin1String("no");
}

bool PartyCues::isTitleQualifier(const QStringList &tokens)
{
    static const QSet<QString> words = setOf(
        {"payment", "tax",     "sales",      "sale",       "cash",      "copy",       "kopie",
         "copie",   "copia",   "kopie",      "duplicate",  "duplicata", "original",   "proforma",
         "pro",     "forma",   "commercial", "simplified", "official",  "final",      "credit",
         "debit",   "retail",  "customer",   "merchant",   "e",         "electronic", "gst",
         "vat",     "your",    "de",         "du",         "der",       "la",         "the",
         "of",      "receipt", "invoice",    "bill",       "note",      "advice",     "statement"});
    return !tokens.isEmpty() && std::all_of(tokens.cbegin(), tokens.cend(),
                                            [](const QString &t) { return words.contains(t); });
}

bool PartyCues::isHeading(const QStringList &tokens)
{
    static const QSet<QString> words =
        setOf({"details", "detail", "information", "info", "summary", "particulars", "dates",
               "terms", "notes", "instructions", "comments", "remarks"});
    return !tokens.isEmpty() && words.contains(tokens.last());
}

bool PartyCues::isLabel(const QString &text)
{
    const QString t = text.trimmed();
    return t.endsWith(QLatin1Char(':')) || t.endsWith(QLatin1Char('#')) ||
           t.endsWith(QLatin1Char(';'));
}

bool PartyCues::isRegistrationLine(const QString &text)
{
    static const QRegularExpression longNumber(QStringLiteral("\\d{8,}"));
    if (!longNumber.match(text).hasMatch())
        return false;
    for (const QString &t : LayoutIndex::tokenize(text))
        if (addressTokens().contains(t))
            return false;
    return true;
}

bool PartyCues::isGreeting(const QString &text)
{
    static const QSet<QString> body = setOf({"thank", "thanks", "tq", "hours", "opening", "visit"});
    const QStringList toks = LayoutIndex::tokenize(text);
    return std::any_of(toks.cbegin(), toks.cend(),
                       [](const QString &t) { return body.contains(t); });
}

bool PartyCues::endsAddress(const QString &text)
{
    static const QRegularExpression web(
        QStringLiteral("\\b[\\w-]+\\.(?:com|net|org|biz|info|[a-z]{2})(?:\\.[a-z]{2})?\\b(?!\\.)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QSet<QString> body = setOf({"table", "member", "points", "counter", "terminal",
                                             "pos", "server", "pax", "cashier", "welcome"});
    // A date or an amount of money is the receipt's body ("24-01-18", "POINTS : 0.00").
    static const QRegularExpression dateOrMoney(QStringLiteral(
        "\\b\\d{1,2}[-/.]\\d{1,2}[-/.](?:\\d{4}|\\d{2})\\b|\\b\\d+[.,]\\d{2}\\b(?![.,/-]?\\d)"));
    // Opening hours: "10AM - 10PM", "Mon-Sun 08:00".
    static const QRegularExpression hours(
        QStringLiteral("\\b\\d{1,2}(?::\\d{2})?\\s*(?:am|pm)\\b|\\b\\d{1,2}:\\d{2}\\b"),
        QRegularExpression::CaseInsensitiveOption);
    if (isGreeting(text) || dateOrMoney.match(text).hasMatch() || hours.match(text).hasMatch())
        return true;
    const QStringList toks = LayoutIndex::tokenize(text);
    if (std::any_of(toks.cbegin(), toks.cend(), [](const QString &t) { return body.contains(t); }))
        return true;
    // A web address ("myNEWS.com"), but not an abbreviation ("No.1", "P.O.").
    const QRegularExpressionMatch m = web.match(text);
    return m.hasMatch() && m.captured(0).size() >= 6;
}

bool PartyCues::isNoise(const LayoutIndex &index, const QList<int> &words)
{
    if (words.isEmpty())
        return true;
    const QString text = index.text(words);
    int letters = 0, digits = 0, other = 0;
    for (QChar c : text) {
        if (c.isLetter())
            ++letters;
        else if (c.isDigit())
            ++digits;
        else if (!c.isSpace())
            ++other;
    }
    if (letters < 3 && digits < 3)
        return true;
    if (other > letters + digits)
        return true;
    const int page = index.words().at(words.first()).page;
    return index.isOcr(page) && index.confidence(words) < 0.4;
}

QList<int> PartyCues::recipientWords(const LayoutIndex &index)
{
    static const QList<QStringList> labels = [] {
        QList<QStringList> out;
        for (const char *l : {"bill to",
                              "billed to",
                              "ship to",
                              "shipped to",
                              "deliver to",
                              "delivered to",
                              "sold to",
                              "invoice to",
                              "shipping address",
                              "delivery address",
                              "billing address",
                              "invoice address",
                              "consignee",
                              "factuuradres",
                              "afleveradres",
                              "leveradres",
                              "rechnungsadresse",
                              "lieferadresse",
                              "lieferanschrift",
                              "adresse de facturation",
                              "adresse de livraison",
                              "nom de l abonné",
                              "destinataire",
                              "customer name",
                              "guest name"})
            out.append(LayoutIndex::tokenize(QString::fromUtf8(l)));
        return out;
    }();
    QList<PhraseHit> hits;
    for (const QStringList &l : labels)
        for (const PhraseHit &h : index.find(l))
            if (h.labelLike)
                hits.append(h);
    QList<int> out;
    for (const PhraseHit &h : std::as_const(hits)) {
        const LayoutRow &row = index.rows().at(h.row);
        const double pageW = index.pageSize(row.page).width();
        const double lineH = index.lineHeight(row.page);
        // The block reaches to the next recipient label on the same line.
        const double x0 = h.box.left() - lineH;
        double x1 = std::min(pageW, h.box.left() + 0.5 * pageW);
        for (const PhraseHit &o : std::as_const(hits))
            if (o.row == h.row && o.box.left() > h.box.right())
                x1 = std::min(x1, o.box.left() - 0.5 * lineH);
        auto take = [&](const LayoutRow &r) {
            for (int w : r.words) {
                const QRectF &b = index.words().at(w).box;
                if (b.center().x() >= x0 && b.center().x() < x1 &&
                    (r.box != row.box || b.left() > h.box.left() - 1))
                    out.append(w);
            }
        };
        take(row);
        const QList<int> &rows = index.pageRows(row.page);
        double lastBottom = row.box.bottom();
        for (qsizetype i = rows.indexOf(h.row) + 1, n = 0; i < rows.size() && n < 6; ++i, ++n) {
            const LayoutRow &r = index.rows().at(rows.at(i));
            if (r.box.top() - lastBottom > 1.8 * std::max(lineH, r.height))
                break;
            take(r);
            lastBottom = r.box.bottom();
        }
    }
    return out;
}

namespace {

// The words of a name: leading "For" and trailing ':' or ',' dropped; empty unless it has a
// legal form.
QList<int> legalName(const LayoutIndex &index, QList<int> words)
{
    auto text = [&](int w) { return index.words().at(w).text; };
    if (!words.isEmpty() &&
        text(words.first()).compare(QLatin1String("for"), Qt::CaseInsensitive) == 0)
        words.removeFirst();
    while (!words.isEmpty() && LayoutIndex::tokenize(text(words.last())).isEmpty())
        words.removeLast(); // a dangling ':' or '-'
    if (words.isEmpty() || words.size() > 8)
        return {};
    const int page = index.words().at(words.first()).page;
    if (PartyCues::companyForm(index.text(words), index.isOcr(page)) != PartyCues::Form::Legal)
        return {};
    return words;
}

// The words of row up to the first one that ends with or holds a comma (inclusive of the
// word, without its comma: kept whole, the value is trimmed later).
QList<int> untilComma(const LayoutIndex &index, const QList<int> &words)
{
    QList<int> out;
    for (int w : words) {
        out.append(w);
        if (index.words().at(w).text.contains(QLatin1Char(',')))
            break;
    }
    return out;
}

} // namespace

QList<int> PartyCues::footerName(const LayoutIndex &index)
{
    static const QRegularExpression signatory(
        QStringLiteral("\\bauthori[sz]ed\\s+(?:signatory|signature)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression office(
        QStringLiteral("\\b(?:regd\\.?|registered)\\s+office\\s*:|si[eè]ge\\s+social\\s*:"),
        QRegularExpression::CaseInsensitiveOption);
    static const QSet<QString> mentions =
        setOf({"au", "capital", "registered", "sitz", "rcs", "kvk", "hrb", "handelsregister",
               "amtsgericht", "registration", "siret", "company"});
    for (int r = 0; r < index.rows().size(); ++r) {
        const LayoutRow &row = index.rows().at(r);
        const QString text = index.text(row.words);
        // The signature block: "For Acme Ltd" over "Authorised Signatory".
        if (signatory.match(text).hasMatch()) {
            const QList<int> &rows = index.pageRows(row.page);
            const qsizetype at = rows.indexOf(r);
            for (qsizetype i = at - 1; i >= 0 && i >= at - 2; --i)
                for (const QList<int> &seg : index.segments(rows.at(i), 1.5)) {
                    const QList<int> name = legalName(index, seg);
                    if (!name.isEmpty())
                        return name;
                }
        }
        for (const QList<int> &seg : index.segments(r, 1.5)) {
            const QString segText = index.text(seg);
            if (segText.startsWith(QLatin1String("For "), Qt::CaseInsensitive) &&
                isLabel(segText)) {
                const QList<int> name = legalName(index, seg);
                if (!name.isEmpty())
                    return name;
            }
        }
        // The registered office: the name after the label, up to the first comma.
        const QRegularExpressionMatch m = office.match(text);
        if (m.hasMatch()) {
            QList<int> after;
            qsizetype pos = 0;
            for (int w : row.words) {
                pos = text.indexOf(index.words().at(w).text, pos) + index.words().at(w).text.size();
                if (pos > m.capturedEnd(0))
                    after.append(w);
            }
            const QList<int> name = legalName(index, untilComma(index, after));
            if (!name.isEmpty())
                return name;
        }
        // Legal mentions: "Free SAS au capital de ...", "Acme GmbH, Sitz Berlin".
        for (int i = 0; i + 1 < row.words.size() && i < 8; ++i) {
            const QString &w = index.words().at(row.words.at(i)).text;
            const QStringList next =
                LayoutIndex::tokenize(index.words().at(row.words.at(i + 1)).text);
            if (next.isEmpty() || !mentions.contains(next.first()) ||
                companyForm(QStringLiteral("x ") + w, false) != Form::Legal)
                continue;
            const QList<int> name = legalName(index, row.words.mid(0, i + 1));
            if (!name.isEmpty())
                return name;
        }
    }
    return {};
}

} // namespace docket
