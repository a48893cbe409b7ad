#include "RuleCurrencies.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace docket {

namespace {

// ISO 4217 list one (active codes), sorted.
constexpr std::array<const char *, 176> kActive = {
    "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN",
    "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUP", "CVE", "CZK",
    "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
    "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD",
    "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD",
    "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT",
    "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK",
    "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
    "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP",
    "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS",
    "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST",
    "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF",
    "XPT", "XSU", "XUA", "YER", "ZAR", "ZMW", "ZWG"};

// Withdrawn since about 2000 and still seen on archived documents, sorted.
constexpr std::array<const char *, 24> kWithdrawn = {
    "ANG", "ATS", "BEF", "BYR", "CUC", "CYP", "DEM", "EEK", "ESP", "FIM", "FRF", "GRD",
    "HRK", "IEP", "ITL", "LTL", "LVL", "MRO", "MTL", "NLG", "SLL", "STD", "VEF", "ZWL"};

struct RoughValue
{
    const char *code;
    const char *usd; // USD per unit, order of magnitude (late 2020s)
};

constexpr RoughValue kRough[] = {
    {"AED", "0.27"},    {"ARS", "0.001"},   {"AUD", "0.65"},   {"BGN", "0.55"},    {"BHD", "2.65"},
    {"BRL", "0.18"},    {"CAD", "0.72"},    {"CHF", "1.15"},   {"CLP", "0.001"},   {"CNY", "0.14"},
    {"COP", "0.00025"}, {"CZK", "0.044"},   {"DKK", "0.15"},   {"EGP", "0.02"},    {"EUR", "1.1"},
    {"GBP", "1.3"},     {"HKD", "0.13"},    {"HUF", "0.0028"}, {"IDR", "0.00006"}, {"ILS", "0.27"},
    {"INR", "0.012"},   {"JPY", "0.0067"},  {"KES", "0.0077"}, {"KRW", "0.00072"}, {"KWD", "3.25"},
    {"MAD", "0.1"},     {"MXN", "0.055"},   {"MYR", "0.23"},   {"NGN", "0.00065"}, {"NOK", "0.093"},
    {"NZD", "0.59"},    {"OMR", "2.6"},     {"PHP", "0.017"},  {"PKR", "0.0036"},  {"PLN", "0.26"},
    {"QAR", "0.27"},    {"RON", "0.22"},    {"RUB", "0.011"},  {"SAR", "0.27"},    {"SEK", "0.095"},
    {"SGD", "0.76"},    {"THB", "0.029"},   {"TRY", "0.025"},  {"TWD", "0.031"},   {"UAH", "0.024"},
    {"USD", "1"},       {"VND", "0.00004"}, {"ZAR", "0.055"},
};

template <std::size_t N> bool contains(const std::array<const char *, N> &list, QStringView code)
{
    if (code.size() != 3)
        return false;
    const QByteArray latin = code.toLatin1();
    return std::binary_search(list.begin(), list.end(), latin.constData(),
                              [](const char *a, const char *b) { return std::strcmp(a, b) < 0; });
}

} // namespace

bool RuleCurrencies::isActive(QStringView code)
{
    return contains(kActive, code);
}

bool RuleCurrencies::isWithdrawn(QStringView code)
{
    return contains(kWithdrawn, code);
}

std::optional<RuleDecimal> RuleCurrencies::roughUsdValue(QStringView code)
{
    for (const RoughValue &v : kRough)
        if (code == QLatin1String(v.code))
            return RuleDecimal::parse(QString::fromLatin1(v.usd));
    return std::nullopt;
}

} // namespace docket
