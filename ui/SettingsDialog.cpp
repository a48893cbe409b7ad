#include "SettingsDialog.h"

#include "ReviewSettings.h"
#include "SettingsBudgetsPage.h"
#include "SettingsDatabasePage.h"
#include "SettingsEnginesPage.h"
#include "SettingsPage.h"
#include "SettingsProviderBox.h"
#include "SettingsReviewPage.h"
#include "SettingsSharedStore.h"
#include "SettingsUsersPage.h"
#include "llm/KeychainKeyStore.h"
#include "storage/Database.h"

#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace docket {

namespace {

struct SharedOutcome
{
    bool ok = false;
    QString error;
    SettingsSharedState state;
};

} // namespace

SettingsDialog::SettingsDialog(const QString &databaseUrl, QWidget *parent)
    : SettingsDialog(databaseUrl, std::make_shared<KeychainKeyStore>(), parent)
{}

SettingsDialog::SettingsDialog(const QString &databaseUrl, std::shared_ptr<KeyStore> keys,
                               QWidget *parent)
    : QDialog(parent), m_databaseUrl(databaseUrl.isEmpty() ? Database::defaultUrl() : databaseUrl),
      m_user(ReviewSettings::reviewerName()), m_keys(std::move(keys))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("pageList"));
    m_list->setFixedWidth(170);
    m_list->setIconSize(QSize(20, 20));
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("pageStack"));

    m_review = new SettingsReviewPage(this);
    m_engines = new SettingsEnginesPage(m_keys, this);
    // A provider's key is stored or removed asynchronously, after settingsChanged().
    for (auto *box : m_engines->findChildren<SettingsProviderBox *>())
        connect(box, &SettingsProviderBox::keyApplied, this, [this](bool ok) {
            if (ok)
                Q_EMIT keysChanged();
        });
    m_budgets = new SettingsBudgetsPage(this);
    m_database = new SettingsDatabasePage(m_keys, this);
    m_users = new SettingsUsersPage(this);
    for (SettingsPage *page :
         std::initializer_list<SettingsPage *>{m_review, m_engines, m_budgets, m_database, m_users})
        addPage(page);
    m_list->item(0)->setIcon(QIcon::fromTheme(QStringLiteral("document-edit")));
    m_list->item(1)->setIcon(QIcon::fromTheme(QStringLiteral("system-run")));
    m_list->item(2)->setIcon(QIcon::fromTheme(QStringLiteral("wallet-open")));
    m_list->item(3)->setIcon(QIcon::fromTheme(QStringLiteral("network-server-database")));
    m_list->item(4)->setIcon(QIcon::fromTheme(QStringLiteral("system-users")));
    connect(m_list, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_list->setCurrentRow(0);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("settingsStatus"));
    m_status->setWordWrap(true);
    m_buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (applyChanges())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &SettingsDialog::applyChanges);
    connect(m_users, &SettingsUsersPage::roleChangeRequested, this, &SettingsDialog::changeRole);

    auto *pages = new QHBoxLayout;
    pages->addWidget(m_list);
    pages->addWidget(m_stack, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(pages, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(780, 620);

    m_review->load();
    m_engines->load();
    m_budgets->load();
    m_database->load();
    const QString checking = tr("Checking your role in the database…");
    for (SettingsPage *page : std::initializer_list<SettingsPage *>{m_engines, m_budgets, m_users})
        page->setLocked(true, checking);
    reloadShared();
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::addPage(SettingsPage *page)
{
    auto *scroll = new QScrollArea(m_stack);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);
    m_stack->addWidget(scroll);
    auto *item = new QListWidgetItem(page->title(), m_list);
    item->setData(Qt::UserRole, page->objectName());
}

void SettingsDialog::showPage(const QString &objectName)
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(Qt::UserRole).toString() == objectName)
            m_list->setCurrentRow(i);
}

void SettingsDialog::reloadShared()
{
    auto *watcher = new QFutureWatcher<SharedOutcome>(this);
    connect(watcher, &QFutureWatcher<SharedOutcome>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const SharedOutcome out = watcher->result();
        applyShared(out.ok ? &out.state : nullptr, out.error);
    });
    watcher->setFuture(QtConcurrent::run([url = m_databaseUrl, user = m_user] {
        SharedOutcome out;
        auto state = SettingsSharedStore::load(url, user);
        out.ok = state.ok();
        if (state)
            out.state = state.value();
        else
            out.error = state.error().message;
        return out;
    }));
}

void SettingsDialog::applyShared(const SettingsSharedState *state, const QString &error)
{
    m_sharedLoaded = true;
    m_supervisor = state && state->supervisor;
    QString why;
    if (!state)
        why = tr("The roles could not be read from the database, so the supervisor's settings "
                 "are read-only: %1")
                  .arg(error);
    else if (!m_supervisor)
        why = tr("Only a supervisor can change this. You are signed in as %1, a reviewer; the "
                 "supervisors are %2.")
                  .arg(m_user, state->supervisors.join(QStringLiteral(", ")));
    for (SettingsPage *page : std::initializer_list<SettingsPage *>{m_engines, m_budgets, m_users})
        page->setLocked(!m_supervisor, why);
    if (state) {
        m_budgets->setShared(state->budgets);
        m_users->setSupervisors(state->supervisors, m_user);
    }
    Q_EMIT sharedStateLoaded();
}

void SettingsDialog::changeRole(const QString &user, bool supervisor)
{
    m_users->showStatus(tr("Saving…"), false);
    auto *watcher = new QFutureWatcher<Status>(this);
    connect(watcher, &QFutureWatcher<Status>::finished, this, [this, watcher, user, supervisor] {
        watcher->deleteLater();
        const Status s = watcher->result();
        if (!s.ok())
            m_users->showStatus(s.error().message, true);
        else
            m_users->showStatus(supervisor ? tr("%1 is now a supervisor.").arg(user)
                                           : tr("%1 is now a reviewer.").arg(user),
                                false);
        reloadShared();
    });
    watcher->setFuture(QtConcurrent::run([url = m_databaseUrl, actor = m_user, user, supervisor] {
        return SettingsSharedStore::setSupervisor(url, actor, user, supervisor);
    }));
}

bool SettingsDialog::applyChanges()
{
    const std::pair<SettingsPage *, QString> problems[] = {
        {m_budgets, m_supervisor ? m_budgets->problem() : QString()},
        {m_database, m_database->problem()}};
    for (const auto &[page, problem] : problems) {
        if (!problem.isEmpty()) {
            showPage(page->objectName());
            showStatus(problem, true);
            return false;
        }
    }
    m_review->apply();
    showStatus(QString());
    if (m_supervisor) {
        m_engines->apply();
        m_budgets->apply();
        auto *watcher = new QFutureWatcher<Status>(this);
        connect(watcher, &QFutureWatcher<Status>::finished, this, [this, watcher] {
            watcher->deleteLater();
            const Status s = watcher->result();
            if (!s.ok())
                showStatus(tr("The budgets could not be shared through the database: %1")
                               .arg(s.error().message),
                           true);
            Q_EMIT sharedBudgetsSaved(s.ok(), s.ok() ? QString() : s.error().message);
        });
        watcher->setFuture(
            QtConcurrent::run([url = m_databaseUrl, actor = m_user, daily = m_budgets->dailyText(),
                               monthly = m_budgets->monthlyText()] {
                return SettingsSharedStore::saveBudgets(url, actor, daily, monthly);
            }));
    }
    const QString warning = m_supervisor ? m_engines->warning() : QString();
    if (!warning.isEmpty())
        showStatus(warning, true);
    if (m_database->apply()) {
        const QString restart = tr("The new database is used when Docket restarts.");
        showStatus(warning.isEmpty() ? restart : warning + QLatin1Char('\n') + restart,
                   !warning.isEmpty());
        Q_EMIT databaseChanged(m_database->profile().displayUrl());
    }
    Q_EMIT settingsChanged();
    return true;
}

void SettingsDialog::showStatus(const QString &text, bool error)
{
    SettingsPage::showOutcome(
        m_status, text, error ? SettingsPage::Outcome::Failure : SettingsPage::Outcome::Neutral);
}

} // namespace docket
