#pragma once

#include "SettingsDatabaseProfile.h"
#include "SettingsPage.h"

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace docket {

class KeyStore;

// Where the workstation's database is: the local SQLite file, or a shared PostgreSQL server
// (host, port, database, user, TLS mode; the password in the OS keychain). "Test connection"
// opens it in a worker thread. Changes take effect when Docket restarts.
class SettingsDatabasePage : public SettingsPage
{
    Q_OBJECT
public:
    SettingsDatabasePage(std::shared_ptr<KeyStore> keys, QWidget *parent = nullptr);

    void load();
    // Stores the profile (and a typed password in the key store). True when the connection
    // differs from the one loaded: the caller announces that it needs a restart.
    bool apply();

    SettingsDatabaseProfile profile() const; // as the fields say now
    QString problem() const { return profile().problem(); }

Q_SIGNALS:
    void testFinished(bool ok, const QString &message);

private:
    void updateEnabled();
    void runTest();
    void readPasswordState();

    std::shared_ptr<KeyStore> m_keys;
    SettingsDatabaseProfile m_loaded;
    QString m_storedPassword; // for "Test connection" only; never shown or logged
    QString m_storedEntry;    // the keychain entry m_storedPassword came from
    QRadioButton *m_local = nullptr;
    QRadioButton *m_shared = nullptr;
    QLineEdit *m_path = nullptr;
    QPushButton *m_browse = nullptr;
    QWidget *m_pgFields = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_user = nullptr;
    QComboBox *m_sslMode = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_passwordState = nullptr;
    QLineEdit *m_originals = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
};

} // namespace docket
