#pragma once

#include <QString>
#include <QStringView>
#include <QtGlobal>

#include <compare>
#include <optional>

namespace docket {

// An amount of US dollars as an exact integer count of nanodollars (1e-9 USD): fine enough
// for the price of a single token (the cheapest, 0.005 USD per million, is 5 nanodollars) and
// wide enough for any budget (up to about 9.2 billion USD). Never binary floating point.
class UsdAmount
{
public:
    static constexpr qint64 kNanosPerUsd = 1000000000LL;

    constexpr UsdAmount() = default;
    static constexpr UsdAmount fromNanos(qint64 nanos)
    {
        UsdAmount a;
        a.m_nanos = nanos;
        return a;
    }
    static constexpr UsdAmount fromCents(qint64 cents) { return fromNanos(cents * 10000000LL); }
    // "12", "12.5", "0.000000005"; optional leading '-'; more than 9 decimals are rounded.
    static std::optional<UsdAmount> parse(QStringView text);
    // For values read from settings or JSON numbers: rounded to the nanodollar.
    static UsdAmount fromDouble(double usd);

    constexpr qint64 nanos() const { return m_nanos; }
    double toDouble() const { return double(m_nanos) / double(kNanosPerUsd); }
    constexpr bool isZero() const { return m_nanos == 0; }
    constexpr bool isNegative() const { return m_nanos < 0; }

    // "$12.50", "$0.0042": cents, or more decimals for amounts below ten cents.
    QString toDisplayString() const;
    // Plain decimal without grouping, all significant decimals ("12.5", "0.000005").
    QString toString() const;

    // percent of this amount that `part` is, rounded down (0 when this is not positive).
    int percentOf(const UsdAmount &part) const;
    // this x percent / 100, exact to the nanodollar (rounded down).
    UsdAmount percent(int percent) const;

    constexpr UsdAmount &operator+=(const UsdAmount &o)
    {
        m_nanos += o.m_nanos;
        return *this;
    }
    constexpr UsdAmount &operator-=(const UsdAmount &o)
    {
        m_nanos -= o.m_nanos;
        return *this;
    }
    friend constexpr UsdAmount operator+(UsdAmount a, const UsdAmount &b) { return a += b; }
    friend constexpr UsdAmount operator-(UsdAmount a, const UsdAmount &b) { return a -= b; }
    friend constexpr bool operator==(const UsdAmount &a, const UsdAmount &b) = default;
    friend constexpr auto operator<=>(const UsdAmount &a, const UsdAmount &b) = default;

private:
    qint64 m_nanos = 0;
};

} // namespace docket
