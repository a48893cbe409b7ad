#pragma once

#include <QDialog>

namespace docket {

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
    ~SettingsDialog() override;

Q_SIGNALS:
    // Emitted after OK/Apply stored changed settings.
    void settingsChanged();
    // The database connection changed: it takes effect after a restart.
    void databaseChanged(const QString &url);

private:
    QString m_databaseUrl;
};

} // namespace docket
