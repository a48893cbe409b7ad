#include "BudgetLimits.h"

#include <QLoggingCategory>

namespace docket {

namespace {

Q_LOGGING_CATEGORY(lcBudget, "docket.cost")

const QString kDailyKey = QStringLiteral("budget/daily_usd");
const QString kMonthlyKey = QStringLiteral("budget/monthly_usd");

std::optional<UsdAmount> parseBudget(const QString &text, const char *origin)
{
    if (text.trimmed().isEmpty())
        return std::nullopt;
    const auto amount = UsdAmount::parse(text);
    if (!amount || amount->isNegative()) {
        qCWarning(lcBudget) << "ignoring budget" << origin << "=" << text
                            << ": not a non-negative amount of USD";
        return std::nullopt;
    }
    return amount;
}

std::optional<UsdAmount> fromSetting(const QSettings &settings, const QString &key)
{
    const QVariant v = settings.value(key);
    if (!v.isValid() || v.isNull())
        return std::nullopt;
    return parseBudget(v.toString(), "setting");
}

} // namespace

BudgetLimits BudgetLimits::fromSettings(const QSettings &settings)
{
    return {fromSetting(settings, kDailyKey), fromSetting(settings, kMonthlyKey)};
}

void BudgetLimits::save(QSettings &settings) const
{
    if (daily)
        settings.setValue(kDailyKey, daily->toString());
    else
        settings.remove(kDailyKey);
    if (monthly)
        settings.setValue(kMonthlyKey, monthly->toString());
    else
        settings.remove(kMonthlyKey);
}

BudgetLimits BudgetLimits::withEnvironment() const
{
    BudgetLimits out = *this;
    const QString daily = qEnvironmentVariable("DOCKET_DAILY_BUDGET_USD");
    const QString monthly = qEnvironmentVariable("DOCKET_MONTHLY_BUDGET_USD");
    if (const auto d = parseBudget(daily, "DOCKET_DAILY_BUDGET_USD"))
        out.daily = d;
    if (const auto m = parseBudget(monthly, "DOCKET_MONTHLY_BUDGET_USD"))
        out.monthly = m;
    return out;
}

BudgetLimits BudgetLimits::load(const QSettings &settings)
{
    return fromSettings(settings).withEnvironment();
}

} // namespace docket
