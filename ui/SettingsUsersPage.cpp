#include "SettingsUsersPage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace docket {

SettingsUsersPage::SettingsUsersPage(QWidget *parent) : SettingsPage(tr("Users and Roles"), parent)
{
    setObjectName(QStringLiteral("usersPage"));
    auto *caption = new QLabel(tr("Supervisors of this database:"), body());
    bodyLayout()->addWidget(caption);
    m_list = new QListWidget(body());
    m_list->setObjectName(QStringLiteral("supervisorList"));
    m_list->setMaximumHeight(160);
    bodyLayout()->addWidget(m_list);
    auto *row = new QHBoxLayout;
    m_name = new QLineEdit(body());
    m_name->setObjectName(QStringLiteral("supervisorName"));
    m_name->setPlaceholderText(tr("Reviewer name"));
    m_add = new QPushButton(tr("Make Supervisor"), body());
    m_add->setObjectName(QStringLiteral("addSupervisor"));
    m_remove = new QPushButton(tr("Remove Supervisor"), body());
    m_remove->setObjectName(QStringLiteral("removeSupervisor"));
    m_remove->setEnabled(false);
    row->addWidget(m_name, 1);
    row->addWidget(m_add);
    row->addWidget(m_remove);
    bodyLayout()->addLayout(row);
    m_status = new QLabel(body());
    m_status->setObjectName(QStringLiteral("rolesStatus"));
    m_status->setWordWrap(true);
    bodyLayout()->addWidget(m_status);
    addHint(tr("Supervisors set the budgets, models and API keys and see the dashboard; "
               "everyone else reviews. While nobody is named here, everyone is a supervisor. "
               "Roles are kept in the database, so every workstation using it agrees."));

    connect(m_list, &QListWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_list->selectedItems().isEmpty()); });
    connect(m_add, &QPushButton::clicked, this, [this] {
        const QString name = m_name->text().trimmed();
        if (name.isEmpty())
            return;
        Q_EMIT roleChangeRequested(name, true);
    });
    connect(m_name, &QLineEdit::returnPressed, m_add, &QPushButton::click);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const auto items = m_list->selectedItems();
        if (!items.isEmpty())
            Q_EMIT roleChangeRequested(items.first()->data(Qt::UserRole).toString(), false);
    });
}

void SettingsUsersPage::setSupervisors(const QStringList &names, const QString &you)
{
    m_list->clear();
    for (const QString &name : names) {
        auto *item = new QListWidgetItem(
            name.compare(you, Qt::CaseInsensitive) == 0 ? tr("%1 (you)").arg(name) : name, m_list);
        item->setData(Qt::UserRole, name);
    }
    if (names.isEmpty()) {
        auto *item = new QListWidgetItem(tr("Nobody: everyone is a supervisor"), m_list);
        item->setFlags(Qt::NoItemFlags);
    }
    m_name->clear();
    m_remove->setEnabled(false);
}

void SettingsUsersPage::showStatus(const QString &text, bool error)
{
    showOutcome(m_status, text, error ? Outcome::Failure : Outcome::Neutral);
}

} // namespace docket
