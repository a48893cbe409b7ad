#include "RuleDecimal.h"

#include <algorithm>

namespace docket {

namespace {

__extension__ using Int128 = __int128;

qint64 pow10(int n)
{
    qint64 v = 1;
    for (int i = 0; i < n; ++i)
        v *= 10;
    return v;
}

qint64 clampUnits(Int128 v)
{
    return qint64(
        std::clamp<Int128>(v, -Int128(RuleDecimal::kMaxUnits), Int128(RuleDecimal::kMaxUnits)));
}

} // namespace

std::optional<RuleDecimal> RuleDecimal::parse(QStringView text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool negative = false;
    qsizetype i = 0;
    if (text.at(0) == QLatin1Char('-')) {
        negative = true;
        ++i;
    }
    qint64 integer = 0;
    int integerDigits = 0;
    for (; i < text.size() && text.at(i).isDigit() && text.at(i).unicode() < 128; ++i) {
        integer = integer * 10 + (text.at(i).unicode() - '0');
        if (integer > 999999999999LL)
            return std::nullopt;
        ++integerDigits;
    }
    if (integerDigits == 0)
        return std::nullopt; // ".5" and "-" are not normalised decimals
    qint64 fraction = 0;
    int decimals = 0;
    bool roundUp = false;
    if (i < text.size() && text.at(i) == QLatin1Char('.')) {
        ++i;
        const qsizetype start = i;
        for (; i < text.size() && text.at(i).isDigit() && text.at(i).unicode() < 128; ++i) {
            const int digit = text.at(i).unicode() - '0';
            if (decimals < kScale)
                fraction = fraction * 10 + digit;
            else if (decimals == kScale)
                roundUp = digit >= 5;
            ++decimals;
        }
        if (i == start)
            return std::nullopt; // "12." is not normalised
    }
    if (i != text.size())
        return std::nullopt;
    const int kept = std::min(decimals, kScale);
    qint64 units = integer * kOne + fraction * pow10(kScale - kept) + (roundUp ? 1 : 0);
    RuleDecimal d;
    d.m_units = negative ? -units : units;
    d.m_decimals = std::min(decimals, kScale);
    return d;
}

RuleDecimal RuleDecimal::fromUnits(qint64 units, int decimals)
{
    RuleDecimal d;
    d.m_units = clampUnits(units);
    d.m_decimals = std::clamp(decimals, 0, kScale);
    return d;
}

RuleDecimal RuleDecimal::fromInteger(qint64 value)
{
    return fromUnits(clampUnits(Int128(value) * kOne), 0);
}

RuleDecimal RuleDecimal::halfUlp(int minDecimals) const
{
    const int d = std::clamp(std::max(m_decimals, minDecimals), 0, kScale);
    return fromUnits(pow10(kScale - d) / 2, kScale);
}

RuleDecimal RuleDecimal::abs() const
{
    return fromUnits(m_units < 0 ? -m_units : m_units, m_decimals);
}

std::optional<RuleDecimal> RuleDecimal::multiplied(const RuleDecimal &other) const
{
    const Int128 product = Int128(m_units) * Int128(other.m_units);
    const Int128 half = kOne / 2;
    const Int128 rounded = product >= 0 ? (product + half) / kOne : -((-product + half) / kOne);
    if (rounded > Int128(kMaxUnits) || rounded < -Int128(kMaxUnits))
        return std::nullopt;
    return fromUnits(qint64(rounded), std::min(kScale, m_decimals + other.m_decimals));
}

RuleDecimal operator+(const RuleDecimal &a, const RuleDecimal &b)
{
    return RuleDecimal::fromUnits(clampUnits(Int128(a.m_units) + b.m_units),
                                  std::max(a.m_decimals, b.m_decimals));
}

RuleDecimal operator-(const RuleDecimal &a, const RuleDecimal &b)
{
    return RuleDecimal::fromUnits(clampUnits(Int128(a.m_units) - b.m_units),
                                  std::max(a.m_decimals, b.m_decimals));
}

QString RuleDecimal::toString(int minDecimals) const
{
    const qint64 magnitude = m_units < 0 ? -m_units : m_units;
    QString out = QString::number(magnitude / kOne);
    QString fraction = QString::number(magnitude % kOne).rightJustified(kScale, QLatin1Char('0'));
    const int keep = std::clamp(minDecimals, 0, kScale);
    while (fraction.size() > keep && fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    if (!fraction.isEmpty())
        out += QLatin1Char('.') + fraction;
    return m_units < 0 ? QLatin1Char('-') + out : out;
}

} // namespace docket
