#include "UsdAmount.h"

#include <algorithm>
#include <cmath>

namespace docket {

std::optional<UsdAmount> UsdAmount::parse(QStringView text)
{
    text = text.trimmed();
    if (text.startsWith(QLatin1Char('$')))
        text = text.mid(1);
    bool negative = false;
    if (text.startsWith(QLatin1Char('-'))) {
        negative = true;
        text = text.mid(1);
    }
    qint64 whole = 0;
    qsizetype i = 0;
    for (; i < text.size() && text.at(i) >= QLatin1Char('0') && text.at(i) <= QLatin1Char('9');
         ++i) {
        whole = whole * 10 + (text.at(i).unicode() - '0');
        if (whole > 9000000000LL)
            return std::nullopt;
    }
    if (i == 0)
        return std::nullopt;
    qint64 fraction = 0;
    int decimals = 0;
    bool roundUp = false;
    if (i < text.size() && text.at(i) == QLatin1Char('.')) {
        ++i;
        const qsizetype start = i;
        for (; i < text.size() && text.at(i) >= QLatin1Char('0') && text.at(i) <= QLatin1Char('9');
             ++i) {
            const int digit = text.at(i).unicode() - '0';
            if (decimals < 9)
                fraction = fraction * 10 + digit;
            else if (decimals == 9)
                roundUp = digit >= 5;
            ++decimals;
        }
        if (i == start)
            return std::nullopt;
    }
    if (i != text.size())
        return std::nullopt;
    for (int d = std::min(decimals, 9); d < 9; ++d)
        fraction *= 10;
    const qint64 nanos = whole * kNanosPerUsd + fraction + (roundUp ? 1 : 0);
    return fromNanos(negative ? -nanos : nanos);
}

UsdAmount UsdAmount::fromDouble(double usd)
{
    if (!std::isfinite(usd))
        return {};
    const double nanos = std::round(usd * double(kNanosPerUsd));
    if (nanos >= 9.2e18 || nanos <= -9.2e18)
        return fromNanos(nanos > 0 ? 9200000000000000000LL : -9200000000000000000LL);
    return fromNanos(qint64(nanos));
}

QString UsdAmount::toString() const
{
    const qint64 magnitude = m_nanos < 0 ? -m_nanos : m_nanos;
    QString out = QString::number(magnitude / kNanosPerUsd);
    QString fraction =
        QString::number(magnitude % kNanosPerUsd).rightJustified(9, QLatin1Char('0'));
    while (fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    if (!fraction.isEmpty())
        out += QLatin1Char('.') + fraction;
    return m_nanos < 0 ? QLatin1Char('-') + out : out;
}

QString UsdAmount::toDisplayString() const
{
    const qint64 magnitude = m_nanos < 0 ? -m_nanos : m_nanos;
    const QString sign = m_nanos < 0 ? QStringLiteral("-") : QString();
    // Cents for ten cents and more; below, four decimals (at least), so that the cost of a
    // single request is not shown as $0.00.
    int decimals = 2;
    if (magnitude != 0 && magnitude < kNanosPerUsd / 10) {
        decimals = 4;
        // two significant digits: 0.0042, 0.00042
        qint64 bound = 1000000; // 10^(10 - decimals)
        while (decimals < 9 && magnitude < bound) {
            ++decimals;
            bound /= 10;
        }
    }
    qint64 unit = 1;
    for (int d = decimals; d < 9; ++d)
        unit *= 10;
    const qint64 rounded = (magnitude + unit / 2) / unit; // half up at the shown decimal
    qint64 scale = 1;
    for (int d = 0; d < decimals; ++d)
        scale *= 10;
    const QString fraction =
        QString::number(rounded % scale).rightJustified(decimals, QLatin1Char('0'));
    return sign + QLatin1Char('$') + QString::number(rounded / scale) + QLatin1Char('.') + fraction;
}

int UsdAmount::percentOf(const UsdAmount &part) const
{
    if (m_nanos <= 0)
        return 0;
    __extension__ using Int128 = __int128;
    const Int128 percent = Int128(part.m_nanos) * 100 / m_nanos;
    return int(std::clamp<Int128>(percent, -1000000, 1000000));
}

UsdAmount UsdAmount::percent(int percent) const
{
    __extension__ using Int128 = __int128;
    return fromNanos(qint64(Int128(m_nanos) * percent / 100));
}

} // namespace docket
