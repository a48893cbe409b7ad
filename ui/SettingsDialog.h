#pragma once

#include <QDialog>

#include <memory>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace docket {

class KeyStore;
class SettingsBudgetsPage;
class SettingsDatabasePage;
class SettingsEnginesPage;
class SettingsPage;
class SettingsReviewPage;
class SettingsUsersPage;
struct SettingsSharedState;

// Edit > Settings (Ctrl+,): the reviewer (name, Tab behaviour, confidence colours), the
// database (SQLite file or PostgreSQL host, port, database, user, TLS; password in the OS
// keychain), the engines (providers, base URLs, models per agent step, API keys in the OS
// keychain, "Test connection") and the budgets. Budgets, models and keys are the
// supervisor's: a reviewer sees them read-only.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // databaseUrl: the database the workstation uses (roles and shared settings live there).
    explicit SettingsDialog(const QString &databaseUrl, QWidget *parent = nullptr);
    // With another key store than the OS keychain (tests, a session without one).
    SettingsDialog(const QString &databaseUrl, std::shared_ptr<KeyStore> keys,
                   QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // Whether the reviewer of this workstation is a supervisor (known once
    // sharedStateLoaded() was emitted; false until then).
    bool isSupervisor() const { return m_supervisor; }
    bool isSharedStateLoaded() const { return m_sharedLoaded; }
    // Shows the page with this objectName ("reviewPage", "enginesPage", "budgetsPage",
    // "databasePage", "usersPage").
    void showPage(const QString &objectName);
    // Stores every page's values (as Apply does); false, with the reason shown, when a field
    // is invalid.
    bool applyChanges();

Q_SIGNALS:
    // Emitted after OK/Apply stored changed settings.
    void settingsChanged();
    // A provider's API key was stored in or removed from the keychain.
    void keysChanged();
    // The database connection changed: it takes effect after a restart.
    void databaseChanged(const QString &url);
    // The role and the database's shared settings were read (or failed to be).
    void sharedStateLoaded();
    // The budgets were written to the database (or not: the message says why).
    void sharedBudgetsSaved(bool ok, const QString &message);

private:
    void addPage(SettingsPage *page);
    void reloadShared();
    void applyShared(const SettingsSharedState *state, const QString &error);
    void changeRole(const QString &user, bool supervisor);
    void showStatus(const QString &text, bool error = false);

    QString m_databaseUrl;
    QString m_user;
    std::shared_ptr<KeyStore> m_keys;
    bool m_supervisor = false;
    bool m_sharedLoaded = false;
    QListWidget *m_list = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    SettingsReviewPage *m_review = nullptr;
    SettingsEnginesPage *m_engines = nullptr;
    SettingsBudgetsPage *m_budgets = nullptr;
    SettingsDatabasePage *m_database = nullptr;
    SettingsUsersPage *m_users = nullptr;
};

} // namespace docket
