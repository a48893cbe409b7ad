#include "SettingsBudgetsPage.h"

#include "cost/BudgetLimits.h"
#include "storage/SharedSettings.h"

#include <QCoreApplication>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSettings>

namespace docket {

namespace {

QLineEdit *amountEdit(const QString &name, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(QCoreApplication::translate("SettingsBudgetsPage", "Unlimited"));
    edit->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("\\d{0,9}([.]\\d{0,6})?")), edit));
    edit->setMaximumWidth(160);
    return edit;
}

QString text(const std::optional<UsdAmount> &amount)
{
    return amount ? amount->toString() : QString();
}

} // namespace

SettingsBudgetsPage::SettingsBudgetsPage(QWidget *parent) : SettingsPage(tr("Budgets"), parent)
{
    setObjectName(QStringLiteral("budgetsPage"));
    QFormLayout *form = addForm(tr("Spending on AI providers"));
    m_daily = amountEdit(QStringLiteral("dailyBudget"), body());
    m_monthly = amountEdit(QStringLiteral("monthlyBudget"), body());
    form->addRow(tr("Daily budget (USD):"), m_daily);
    form->addRow(tr("Monthly budget (USD):"), m_monthly);
    addHint(tr("Docket warns when 80 % of a budget is spent and sends no request that would "
               "go past 100 %; the reviewer sees why. Leave a field empty for no limit; 0 "
               "allows nothing that costs."));
    m_source = addHint(QString());
    m_source->setObjectName(QStringLiteral("budgetSource"));
    QStringList env;
    for (const char *name : {"DOCKET_DAILY_BUDGET_USD", "DOCKET_MONTHLY_BUDGET_USD"})
        if (!qEnvironmentVariable(name).trimmed().isEmpty())
            env.append(QLatin1String(name));
    if (!env.isEmpty())
        addHint(tr("Set in the environment, and taking precedence over this page: %1.")
                    .arg(env.join(QStringLiteral(", "))));
}

void SettingsBudgetsPage::load()
{
    const BudgetLimits limits = BudgetLimits::fromSettings(QSettings());
    m_daily->setText(text(limits.daily));
    m_monthly->setText(text(limits.monthly));
    m_source->setText(tr("Reading the budgets the database shares…"));
}

void SettingsBudgetsPage::setShared(const QHash<QString, QString> &values)
{
    if (values.contains(SharedSettings::dailyBudgetKey()))
        m_daily->setText(values.value(SharedSettings::dailyBudgetKey()));
    if (values.contains(SharedSettings::monthlyBudgetKey()))
        m_monthly->setText(values.value(SharedSettings::monthlyBudgetKey()));
    m_source->setText(tr("These budgets are kept in the database: every workstation and "
                         "worker using it obeys them."));
}

QString SettingsBudgetsPage::dailyText() const
{
    return m_daily->text().trimmed();
}

QString SettingsBudgetsPage::monthlyText() const
{
    return m_monthly->text().trimmed();
}

QString SettingsBudgetsPage::problem() const
{
    for (const QString &t : {dailyText(), monthlyText()})
        if (!t.isEmpty() && !UsdAmount::parse(t))
            return tr("\"%1\" is not an amount of US dollars.").arg(t);
    return {};
}

void SettingsBudgetsPage::apply()
{
    BudgetLimits limits;
    if (!dailyText().isEmpty())
        limits.daily = UsdAmount::parse(dailyText());
    if (!monthlyText().isEmpty())
        limits.monthly = UsdAmount::parse(monthlyText());
    QSettings settings;
    limits.save(settings);
}

} // namespace docket
