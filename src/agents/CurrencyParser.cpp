#include "CurrencyParser.h"

#include <QHash>
#include <QSet>

namespace docket {

namespace {

const QSet<QString> &isoCodes()
{
    static const QSet<QString> codes = {
        QStringLiteral("USD"), QStringLiteral("EUR"), QStringLiteral("GBP"), QStringLiteral("INR"),
        QStringLiteral("MYR"), QStringLiteral("SGD"), QStringLiteral("AUD"), QStringLiteral("CAD"),
        QStringLiteral("JPY"), QStringLiteral("CNY"), QStringLiteral("RMB"), QStringLiteral("CHF"),
        QStringLiteral("HKD"), QStringLiteral("NZD"), QStringLiteral("SEK"), QStringLiteral("NOK"),
        QStringLiteral("DKK"), QStringLiteral("PLN"), QStringLiteral("CZK"), QStringLiteral("HUF"),
        QStringLiteral("ZAR"), QStringLiteral("BRL"), QStringLiteral("MXN"), QStringLiteral("IDR"),
        QStringLiteral("THB"), QStringLiteral("PHP"), QStringLiteral("VND"), QStringLiteral("KRW"),
        QStringLiteral("AED"), QStringLiteral("SAR"), QStringLiteral("TRY"), QStringLiteral("ILS"),
        QStringLiteral("TWD"), QStringLiteral("RON"), QStringLiteral("BGN"), QStringLiteral("EGP"),
        QStringLiteral("NGN"), QStringLiteral("KES"), QStringLiteral("PKR"), QStringLiteral("BDT"),
        QStringLiteral("LKR"), QStringLiteral("QAR"), QStringLiteral("KWD"), QStringLiteral("CLP"),
        QStringLiteral("COP"), QStringLiteral("ARS"), QStringLiteral("PEN"), QStringLiteral("UAH")};
    return codes;
}

// Symbols and local abbreviations, lower case, with their weight.
struct Symbol
{
    QString code;
    int weight;
};

const QHash<QString, Symbol> &symbols()
{
    static const QHash<QString, Symbol> s = {
        {QStringLiteral("€"), {QStringLiteral("EUR"), 2}},
        {QStringLiteral("£"), {QStringLiteral("GBP"), 2}},
        {QStringLiteral("¥"), {QStringLiteral("JPY"), 2}},
        {QStringLiteral("₹"), {QStringLiteral("INR"), 2}},
        {QStringLiteral("rs"), {QStringLiteral("INR"), 2}},
        {QStringLiteral("rs."), {QStringLiteral("INR"), 2}},
        {QStringLiteral("inr"), {QStringLiteral("INR"), 3}},
        {QStringLiteral("rm"), {QStringLiteral("MYR"), 2}},
        {QStringLiteral("us$"), {QStringLiteral("USD"), 3}},
        {QStringLiteral("s$"), {QStringLiteral("SGD"), 3}},
        {QStringLiteral("a$"), {QStringLiteral("AUD"), 3}},
        {QStringLiteral("au$"), {QStringLiteral("AUD"), 3}},
        {QStringLiteral("c$"), {QStringLiteral("CAD"), 3}},
        {QStringLiteral("ca$"), {QStringLiteral("CAD"), 3}},
        {QStringLiteral("hk$"), {QStringLiteral("HKD"), 3}},
        {QStringLiteral("nz$"), {QStringLiteral("NZD"), 3}},
        {QStringLiteral("₩"), {QStringLiteral("KRW"), 2}},
        {QStringLiteral("₱"), {QStringLiteral("PHP"), 2}},
        {QStringLiteral("฿"), {QStringLiteral("THB"), 2}},
        {QStringLiteral("₺"), {QStringLiteral("TRY"), 2}},
        {QStringLiteral("₽"), {QStringLiteral("RUB"), 2}},
        {QStringLiteral("zł"), {QStringLiteral("PLN"), 2}},
        {QStringLiteral("kč"), {QStringLiteral("CZK"), 2}},
        {QStringLiteral("fr."), {QStringLiteral("CHF"), 1}},
        {QStringLiteral("euro"), {QStringLiteral("EUR"), 3}},
        {QStringLiteral("euros"), {QStringLiteral("EUR"), 3}},
        {QStringLiteral("ringgit"), {QStringLiteral("MYR"), 3}},
        {QStringLiteral("rupees"), {QStringLiteral("INR"), 3}},
        {QStringLiteral("dollars"), {QStringLiteral("USD"), 1}},
        {QStringLiteral("$"), {QStringLiteral("USD"), 1}},
    };
    return s;
}

// Countries named on a document hint at its currency (weak evidence).
const QHash<QString, QString> &countries()
{
    static const QHash<QString, QString> c = {
        {QStringLiteral("malaysia"), QStringLiteral("MYR")},
        {QStringLiteral("india"), QStringLiteral("INR")},
        {QStringLiteral("singapore"), QStringLiteral("SGD")},
        {QStringLiteral("australia"), QStringLiteral("AUD")},
        {QStringLiteral("canada"), QStringLiteral("CAD")},
        {QStringLiteral("usa"), QStringLiteral("USD")},
        {QStringLiteral("u.s.a."), QStringLiteral("USD")},
        {QStringLiteral("germany"), QStringLiteral("EUR")},
        {QStringLiteral("deutschland"), QStringLiteral("EUR")},
        {QStringLiteral("france"), QStringLiteral("EUR")},
        {QStringLiteral("nederland"), QStringLiteral("EUR")},
        {QStringLiteral("netherlands"), QStringLiteral("EUR")},
        {QStringLiteral("italia"), QStringLiteral("EUR")},
        {QStringLiteral("italy"), QStringLiteral("EUR")},
        {QStringLiteral("españa"), QStringLiteral("EUR")},
        {QStringLiteral("spain"), QStringLiteral("EUR")},
        {QStringLiteral("österreich"), QStringLiteral("EUR")},
        {QStringLiteral("austria"), QStringLiteral("EUR")},
        {QStringLiteral("belgique"), QStringLiteral("EUR")},
        {QStringLiteral("belgium"), QStringLiteral("EUR")},
        {QStringLiteral("ireland"), QStringLiteral("EUR")},
        {QStringLiteral("uk"), QStringLiteral("GBP")},
        {QStringLiteral("japan"), QStringLiteral("JPY")},
        {QStringLiteral("china"), QStringLiteral("CNY")},
        {QStringLiteral("switzerland"), QStringLiteral("CHF")},
        {QStringLiteral("schweiz"), QStringLiteral("CHF")},
    };
    return c;
}

QString trimPunct(const QString &token)
{
    qsizetype b = 0, e = token.size();
    auto junk = [](QChar c) {
        return c == QLatin1Char(':') || c == QLatin1Char(',') || c == QLatin1Char('(') ||
               c == QLatin1Char(')') || c == QLatin1Char(';') || c == QLatin1Char('*');
    };
    while (b < e && junk(token.at(b)))
        ++b;
    while (e > b && junk(token.at(e - 1)))
        --e;
    return token.mid(b, e - b);
}

} // namespace

bool CurrencyParser::isIsoCode(const QString &code)
{
    return code.size() == 3 && isoCodes().contains(code.toUpper());
}

QString CurrencyParser::fromToken(const QString &token)
{
    const QString t = trimPunct(token);
    if (t.isEmpty())
        return {};
    // ISO codes count only when written in capitals ("EUR", not "eur" inside prose).
    if (t.size() == 3 && t == t.toUpper() && isoCodes().contains(t))
        return t == QLatin1String("RMB") ? QStringLiteral("CNY") : t;
    const auto it = symbols().constFind(t.toLower());
    if (it != symbols().cend())
        return it->code;
    return {};
}

int CurrencyParser::tokenWeight(const QString &token)
{
    const QString t = trimPunct(token);
    if (t.size() == 3 && t == t.toUpper() && isoCodes().contains(t))
        return 3;
    const auto it = symbols().constFind(t.toLower());
    return it == symbols().cend() ? 0 : it->weight;
}

QString CurrencyParser::stripAffix(QString &text)
{
    QString t = text.trimmed();
    // Longest symbols first so that "US$" wins over "$".
    static const QStringList prefixes = {
        QStringLiteral("US$"), QStringLiteral("HK$"), QStringLiteral("S$"),  QStringLiteral("A$"),
        QStringLiteral("C$"),  QStringLiteral("RM"),  QStringLiteral("Rs."), QStringLiteral("Rs"),
        QStringLiteral("$"),   QStringLiteral("€"),   QStringLiteral("£"),   QStringLiteral("¥"),
        QStringLiteral("₹")};
    for (const QString &p : prefixes) {
        if (t.startsWith(p, Qt::CaseInsensitive) && t.size() > p.size() &&
            (t.at(p.size()).isDigit() || t.at(p.size()).isSpace() ||
             t.at(p.size()) == QLatin1Char('-'))) {
            text = t.mid(p.size()).trimmed();
            return fromToken(p);
        }
    }
    if (t.size() > 3 && isIsoCode(t.left(3)) && t.left(3) == t.left(3).toUpper() &&
        (t.at(3).isDigit() || t.at(3).isSpace())) {
        const QString code = t.left(3);
        text = t.mid(3).trimmed();
        return fromToken(code);
    }
    static const QStringList suffixes = {QStringLiteral("€"), QStringLiteral("£"),
                                         QStringLiteral("$"), QStringLiteral("zł")};
    for (const QString &s : suffixes) {
        if (t.endsWith(s) && t.size() > s.size()) {
            text = t.left(t.size() - s.size()).trimmed();
            return fromToken(s);
        }
    }
    if (t.size() > 4 && isIsoCode(t.right(3)) && t.right(3) == t.right(3).toUpper() &&
        (t.at(t.size() - 4).isDigit() || t.at(t.size() - 4).isSpace())) {
        const QString code = t.right(3);
        text = t.left(t.size() - 3).trimmed();
        return fromToken(code);
    }
    text = t;
    return {};
}

CurrencyGuess CurrencyParser::detect(const QStringList &tokens)
{
    QHash<QString, double> votes;
    QHash<QString, QString> raws;
    double bareDollar = 0;
    QString bareRaw;
    for (const QString &token : tokens) {
        QString t = token;
        QString code = fromToken(t);
        int weight = tokenWeight(t);
        if (code.isEmpty()) {
            // Glued to an amount: "RM9.00", "$4.11", "45,93€".
            if (!t.isEmpty() && (t.at(t.size() - 1).isDigit() || t.at(0).isDigit() ||
                                 t.at(0) == QLatin1Char('$'))) {
                QString rest = t;
                code = stripAffix(rest);
                if (!code.isEmpty() && !rest.isEmpty() && rest.at(0).isDigit())
                    weight = code == QLatin1String("USD") && t.contains(QLatin1String("$")) &&
                                     !t.contains(QLatin1String("US"))
                                 ? 1
                                 : 2;
                else
                    code.clear();
            }
        }
        if (code.isEmpty())
            continue;
        if (code == QLatin1String("USD") && weight == 1) {
            bareDollar += 1;
            if (bareRaw.isEmpty())
                bareRaw = trimPunct(token);
            continue;
        }
        votes[code] += weight;
        if (!raws.contains(code))
            raws.insert(code, trimPunct(token));
    }
    if (bareDollar > 0) {
        // A bare "$" belongs to the dollar the document names elsewhere (S$, AUD ...).
        QString dollar = QStringLiteral("USD");
        for (const QString &c :
             {QStringLiteral("SGD"), QStringLiteral("AUD"), QStringLiteral("CAD"),
              QStringLiteral("HKD"), QStringLiteral("NZD")})
            if (votes.contains(c))
                dollar = c;
        votes[dollar] += bareDollar;
        if (!raws.contains(dollar))
            raws.insert(dollar, bareRaw);
    }
    CurrencyGuess g;
    if (votes.isEmpty()) {
        for (const QString &token : tokens) {
            const QString c = countries().value(trimPunct(token).toLower());
            if (!c.isEmpty())
                votes[c] += 0.5;
        }
        for (auto it = votes.cbegin(); it != votes.cend(); ++it)
            if (it.value() > votes.value(g.code, 0) ||
                (it.value() == votes.value(g.code, 0) && it.key() < g.code))
                g.code = it.key();
        if (!g.code.isEmpty())
            g.confidence = 0.55;
        return g;
    }
    double best = 0, total = 0;
    for (auto it = votes.cbegin(); it != votes.cend(); ++it) {
        total += it.value();
        // A specific "$" (US$, S$) beats bare "$" counted as USD.
        if (it.value() > best || (it.value() == best && it.key() < g.code)) {
            best = it.value();
            g.code = it.key();
        }
    }
    g.raw = raws.value(g.code);
    const double share = best / total;
    g.confidence = std::min(0.97, 0.55 + 0.3 * share + 0.04 * std::min(best, 4.0));
    return g;
}

} // namespace docket
