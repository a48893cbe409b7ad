#pragma once

#include "SettingsPage.h"

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace docket {

// Users and roles (supervisors only): who is a supervisor of this database. Everyone else
// is a reviewer; while nobody is named, everyone is a supervisor.
class SettingsUsersPage : public SettingsPage
{
    Q_OBJECT
public:
    explicit SettingsUsersPage(QWidget *parent = nullptr);

    void setSupervisors(const QStringList &names, const QString &you);
    void showStatus(const QString &text, bool error);

Q_SIGNALS:
    void roleChangeRequested(const QString &user, bool supervisor);

private:
    QListWidget *m_list = nullptr;
    QLineEdit *m_name = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace docket
