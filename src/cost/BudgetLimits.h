#pragma once

#include "UsdAmount.h"

#include <QSettings>

#include <optional>

namespace docket {

// The daily and monthly budgets in USD; an unset budget is unlimited, a zero budget allows
// nothing that costs. From the settings ("budget/daily_usd", "budget/monthly_usd"), which the
// environment variables DOCKET_DAILY_BUDGET_USD / DOCKET_MONTHLY_BUDGET_USD override for
// headless use.
struct BudgetLimits
{
    std::optional<UsdAmount> daily;
    std::optional<UsdAmount> monthly;

    static BudgetLimits fromSettings(const QSettings &settings);
    void save(QSettings &settings) const;
    // These limits with any set and valid environment variable taking precedence. A
    // malformed or negative value is ignored with a log line.
    BudgetLimits withEnvironment() const;
    // fromSettings(settings).withEnvironment()
    static BudgetLimits load(const QSettings &settings);

    friend bool operator==(const BudgetLimits &, const BudgetLimits &) = default;
};

} // namespace docket
