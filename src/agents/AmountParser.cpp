#include "AmountParser.h"

#include "CurrencyParser.h"

#include <QRegularExpression>

#include <cmath>

namespace docket {

namespace {

const QRegularExpression &amountPattern()
{
    // Optional sign or bracket, optional currency, digits with optional grouping and decimals,
    // optional trailing currency.
    static const QRegularExpression re(
        QStringLiteral(
            "(?<![\\w.,])(\\(|-\\s?)?"
            "((?:US\\$|HK\\$|S\\$|A\\$|C\\$|RM|Rs\\.?|[$€£¥₹]|[A-Z]{3}(?=\\s?\\d))\\s?)?"
            "(-\\s?)?"
            "(\\d{1,3}(?:[,.'\\x{2019}]\\d{3})+(?:[.,]\\d{1,2})?"
            "|\\d{1,3}(?:[\\x{00a0}\\x{202f} ]\\d{3})+,\\d{1,2}|\\d+(?:[.,]\\d{1,3})?)"
            "(?![\\d])(\\s?(?:[€£$]|EUR|USD|GBP|INR|MYR|SGD|CHF|zł)(?![A-Za-z\\d]))?(\\))?"),
        QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

// Decides which separator is the decimal point and returns the plain decimal string.
QString plainNumber(QString digits, bool *hasDecimals)
{
    digits.remove(QChar(0x00a0));
    digits.remove(QChar(0x202f));
    digits.remove(QLatin1Char(' '));
    digits.remove(QLatin1Char('\''));
    digits.remove(QChar(0x2019));
    const qsizetype lastDot = digits.lastIndexOf(QLatin1Char('.'));
    const qsizetype lastComma = digits.lastIndexOf(QLatin1Char(','));
    *hasDecimals = false;
    qsizetype decimalAt = -1;
    if (lastDot >= 0 && lastComma >= 0) {
        decimalAt = std::max(lastDot, lastComma);
    } else if (lastDot >= 0 || lastComma >= 0) {
        const QChar sep = lastDot >= 0 ? QLatin1Char('.') : QLatin1Char(',');
        const qsizetype pos = std::max(lastDot, lastComma);
        const qsizetype count = digits.count(sep);
        const qsizetype tail = digits.size() - pos - 1;
        // One separator followed by 1-2 digits is a decimal point; 3 digits mean grouping
        // ("1,041" or "1.041"), unless the number starts with "0" ("0.125").
        if (count == 1 && (tail != 3 || digits.startsWith(QLatin1String("0"))))
            decimalAt = pos;
    }
    QString out;
    for (qsizetype i = 0; i < digits.size(); ++i) {
        const QChar c = digits.at(i);
        if (c.isDigit())
            out += c;
        else if (i == decimalAt)
            out += QLatin1Char('.');
    }
    *hasDecimals = decimalAt >= 0;
    return out;
}

} // namespace

QString AmountParser::money(double value)
{
    return QString::number(value, 'f', 2);
}

QString AmountParser::number(double value)
{
    QString s = QString::number(value, 'f', 6);
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    return s;
}

QList<AmountMatch> AmountParser::findAll(const QString &text)
{
    QList<AmountMatch> out;
    for (auto it = amountPattern().globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        AmountMatch a;
        bool dec = false;
        const QString plain = plainNumber(m.captured(4), &dec);
        bool ok = false;
        double v = plain.toDouble(&ok);
        if (!ok)
            continue;
        const bool negative = !m.captured(3).isEmpty() ||
                              (m.captured(1).startsWith(QLatin1Char('-'))) ||
                              (m.captured(1) == QLatin1String("(") && !m.captured(6).isEmpty());
        if (negative)
            v = -v;
        QString cur = m.captured(2).trimmed();
        if (cur.isEmpty())
            cur = m.captured(5).trimmed();
        if (!cur.isEmpty())
            a.currency = CurrencyParser::fromToken(cur);
        a.value = v;
        a.hasDecimals = dec;
        a.normalized = dec ? money(v) : number(v);
        a.start = m.capturedStart(m.captured(1).isEmpty() ? 2 : 1);
        if (m.captured(1).isEmpty() && m.captured(2).isEmpty())
            a.start = m.capturedStart(m.captured(3).isEmpty() ? 4 : 3);
        a.length = m.capturedEnd() - a.start;
        a.valid = true;
        out.append(a);
    }
    return out;
}

AmountMatch AmountParser::parse(const QString &text)
{
    const QList<AmountMatch> all = findAll(text);
    if (all.isEmpty())
        return {};
    // Prefer the amount with decimals, then the last one ("Total 2 items 12.50").
    AmountMatch best = all.first();
    for (const AmountMatch &a : all)
        if (a.hasDecimals && !best.hasDecimals)
            best = a;
    return best;
}

} // namespace docket
