#pragma once

#include "SettingsPage.h"

#include <QHash>

class QLabel;
class QLineEdit;

namespace docket {

// The daily and monthly budgets in USD (empty: unlimited). Docket warns at 80 % and sends no
// request past 100 %. Stored in the settings file and in the database's shared settings, so
// that every workstation and worker of a shared database obeys the same limits.
class SettingsBudgetsPage : public SettingsPage
{
    Q_OBJECT
public:
    explicit SettingsBudgetsPage(QWidget *parent = nullptr);

    void load();                                           // from the settings file
    void setShared(const QHash<QString, QString> &values); // the database's, where set
    void apply();                                          // to the settings file

    QString dailyText() const;
    QString monthlyText() const;
    // Empty when both fields hold an amount or nothing; else what is wrong (translated).
    QString problem() const;

private:
    QLineEdit *m_daily = nullptr;
    QLineEdit *m_monthly = nullptr;
    QLabel *m_source = nullptr;
};

} // namespace docket
