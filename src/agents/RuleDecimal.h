#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace docket {

// An exact fixed-point decimal for the validator's arithmetic on money, quantities and
// weights: an integer count of millionths (6 decimals), never binary floating point.
// It also remembers how many decimals its source text printed, so the rules can bound the
// rounding a document's author may have applied to it.
class RuleDecimal
{
public:
    static constexpr int kScale = 6;
    static constexpr qint64 kOne = 1000000;
    // Largest magnitude accepted: 12 integer digits (a trillion), far beyond any document.
    static constexpr qint64 kMaxUnits = 999999999999LL * kOne + (kOne - 1);

    RuleDecimal() = default;

    // Parses a normalised decimal: optional '-', digits, optional '.' and digits
    // ("1041.25", "-3", "0.125"). Surrounding blanks are ignored. No grouping, no exponent.
    // More than 6 decimals are rounded half away from zero.
    static std::optional<RuleDecimal> parse(QStringView text);
    static RuleDecimal fromUnits(qint64 units, int decimals = kScale);
    static RuleDecimal fromInteger(qint64 value);

    qint64 units() const { return m_units; } // millionths
    int decimals() const { return m_decimals; }
    bool isNegative() const { return m_units < 0; }
    bool isZero() const { return m_units == 0; }

    // Half a unit in the last printed decimal, but no coarser than half of 10^-minDecimals:
    // the largest rounding error the printed value can carry.
    RuleDecimal halfUlp(int minDecimals) const;

    RuleDecimal abs() const;
    // Exact product rounded half away from zero to 6 decimals; nullopt on overflow.
    std::optional<RuleDecimal> multiplied(const RuleDecimal &other) const;

    friend RuleDecimal operator+(const RuleDecimal &a, const RuleDecimal &b);
    friend RuleDecimal operator-(const RuleDecimal &a, const RuleDecimal &b);
    friend bool operator==(const RuleDecimal &a, const RuleDecimal &b)
    {
        return a.m_units == b.m_units;
    }
    friend auto operator<=>(const RuleDecimal &a, const RuleDecimal &b)
    {
        return a.m_units <=> b.m_units;
    }

    // Plain text with at least minDecimals decimals and at most 6, trailing zeros beyond
    // minDecimals dropped: "875.00", "12.5", "0.125".
    QString toString(int minDecimals = 2) const;

private:
    qint64 m_units = 0;
    int m_decimals = 0;
};

} // namespace docket
