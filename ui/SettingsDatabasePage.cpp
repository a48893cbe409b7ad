#include "SettingsDatabasePage.h"

#include "SettingsSharedStore.h"
#include "llm/KeyStore.h"
#include "storage/Database.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace docket {

SettingsDatabasePage::SettingsDatabasePage(std::shared_ptr<KeyStore> keys, QWidget *parent)
    : SettingsPage(tr("Database"), parent), m_keys(std::move(keys))
{
    setObjectName(QStringLiteral("databasePage"));

    m_local = new QRadioButton(tr("A database on this computer (SQLite)"), body());
    m_local->setObjectName(QStringLiteral("databaseLocal"));
    bodyLayout()->addWidget(m_local);
    auto *pathRow = new QHBoxLayout;
    pathRow->setContentsMargins(24, 0, 0, 0);
    m_path = new QLineEdit(body());
    m_path->setObjectName(QStringLiteral("databasePath"));
    m_path->setPlaceholderText(QDir::toNativeSeparators(Database::defaultUrl()));
    m_browse = new QPushButton(tr("Browse…"), body());
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);
    bodyLayout()->addLayout(pathRow);

    m_shared = new QRadioButton(tr("A shared PostgreSQL server (team mode)"), body());
    m_shared->setObjectName(QStringLiteral("databaseShared"));
    bodyLayout()->addWidget(m_shared);
    m_pgFields = new QWidget(body());
    auto *form = new QFormLayout(m_pgFields);
    form->setContentsMargins(24, 0, 0, 0);
    m_host = new QLineEdit(m_pgFields);
    m_host->setObjectName(QStringLiteral("databaseHost"));
    m_port = new QSpinBox(m_pgFields);
    m_port->setObjectName(QStringLiteral("databasePort"));
    m_port->setRange(1, 65535);
    m_database = new QLineEdit(m_pgFields);
    m_database->setObjectName(QStringLiteral("databaseName"));
    m_user = new QLineEdit(m_pgFields);
    m_user->setObjectName(QStringLiteral("databaseUser"));
    m_sslMode = new QComboBox(m_pgFields);
    m_sslMode->setObjectName(QStringLiteral("databaseSslMode"));
    m_sslMode->addItem(tr("No TLS"), QStringLiteral("disable"));
    m_sslMode->addItem(tr("TLS when the server offers it"), QStringLiteral("prefer"));
    m_sslMode->addItem(tr("TLS required"), QStringLiteral("require"));
    m_sslMode->addItem(tr("TLS required, server certificate and name verified"),
                       QStringLiteral("verify-full"));
    m_password = new QLineEdit(m_pgFields);
    m_password->setObjectName(QStringLiteral("databasePassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_passwordState = new QLabel(m_pgFields);
    m_passwordState->setObjectName(QStringLiteral("databasePasswordState"));
    m_passwordState->setWordWrap(true);
    form->addRow(tr("Host:"), m_host);
    form->addRow(tr("Port:"), m_port);
    form->addRow(tr("Database:"), m_database);
    form->addRow(tr("User:"), m_user);
    form->addRow(tr("TLS:"), m_sslMode);
    form->addRow(tr("Password:"), m_password);
    form->addRow(QString(), m_passwordState);
    m_originals = new QLineEdit(m_pgFields);
    m_originals->setObjectName(QStringLiteral("databaseOriginals"));
    m_originals->setPlaceholderText(tr("A folder every workstation reaches, e.g. a mounted share"));
    m_originals->setToolTip(tr("Imported originals are kept here so that every workstation and "
                               "worker can show their pages."));
    form->addRow(tr("Originals folder:"), m_originals);
    bodyLayout()->addWidget(m_pgFields);

    m_test = new QPushButton(tr("Test connection"), body());
    m_test->setObjectName(QStringLiteral("databaseTest"));
    m_testResult = new QLabel(body());
    m_testResult->setObjectName(QStringLiteral("databaseTestResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);
    bodyLayout()->addLayout(testRow);
    addHint(tr("The password is kept in the system keychain. Changes take effect when Docket "
               "restarts; a database that cannot be opened then offers the local one."));

    connect(m_local, &QRadioButton::toggled, this, &SettingsDatabasePage::updateEnabled);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Database File"), m_path->text(), tr("SQLite databases (*.sqlite *.db)"),
            nullptr, QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty())
            m_path->setText(QDir::toNativeSeparators(file));
    });
    connect(m_test, &QPushButton::clicked, this, &SettingsDatabasePage::runTest);
    for (QLineEdit *e : {m_host, m_database, m_user})
        connect(e, &QLineEdit::editingFinished, this, &SettingsDatabasePage::readPasswordState);
    connect(m_port, &QSpinBox::editingFinished, this, &SettingsDatabasePage::readPasswordState);
}

void SettingsDatabasePage::load()
{
    m_loaded = SettingsDatabaseProfile::load(QSettings());
    m_local->setChecked(!m_loaded.isPostgres());
    m_shared->setChecked(m_loaded.isPostgres());
    m_path->setText(QDir::toNativeSeparators(m_loaded.sqlitePath));
    m_host->setText(m_loaded.host);
    m_originals->setText(QDir::toNativeSeparators(m_loaded.originalsFolder));
    m_port->setValue(m_loaded.port);
    m_database->setText(m_loaded.database);
    m_user->setText(m_loaded.user.isEmpty() ? qEnvironmentVariable("USER") : m_loaded.user);
    const int ssl = m_sslMode->findData(m_loaded.sslMode);
    m_sslMode->setCurrentIndex(ssl >= 0 ? ssl : 1);
    updateEnabled();
    readPasswordState();
}

SettingsDatabaseProfile SettingsDatabasePage::profile() const
{
    SettingsDatabaseProfile p;
    p.kind = m_shared->isChecked() ? SettingsDatabaseProfile::Kind::Postgres
                                   : SettingsDatabaseProfile::Kind::Sqlite;
    p.sqlitePath = QDir::fromNativeSeparators(m_path->text().trimmed());
    p.host = m_host->text().trimmed();
    p.port = m_port->value();
    p.database = m_database->text().trimmed();
    p.user = m_user->text().trimmed();
    p.sslMode = m_sslMode->currentData().toString();
    p.originalsFolder =
        p.isPostgres() ? QDir::fromNativeSeparators(m_originals->text().trimmed()) : QString();
    return p;
}

void SettingsDatabasePage::updateEnabled()
{
    const bool shared = m_shared->isChecked();
    m_path->setEnabled(!shared);
    m_browse->setEnabled(!shared);
    m_pgFields->setEnabled(shared);
}

void SettingsDatabasePage::readPasswordState()
{
    const SettingsDatabaseProfile p = profile();
    if (!m_keys || p.host.isEmpty() || p.user.isEmpty()) {
        m_passwordState->setText(tr("No password is stored."));
        return;
    }
    const QString entry = p.keychainEntry();
    if (entry == m_storedEntry)
        return;
    QPointer<SettingsDatabasePage> self(this);
    m_keys->readKey(entry, [self, entry](Result<QString> key) {
        if (!self)
            return;
        self->m_storedEntry = entry;
        self->m_storedPassword = key.ok() ? key.value() : QString();
        if (key.ok())
            self->m_passwordState->setText(tr("A password is stored in the keychain."));
        else if (key.error().code == QLatin1String("key_not_found"))
            self->m_passwordState->setText(
                tr("No password is stored (the server may not need one)."));
        else
            self->m_passwordState->setText(key.error().message);
        self->m_password->setPlaceholderText(
            key.ok() ? tr("Stored; type a new password to replace it") : QString());
    });
}

bool SettingsDatabasePage::apply()
{
    const SettingsDatabaseProfile p = profile();
    QSettings settings;
    p.save(settings);
    const QString typed = m_password->text();
    if (p.isPostgres() && !typed.isEmpty() && m_keys) {
        const QString entry = p.keychainEntry();
        QPointer<SettingsDatabasePage> self(this);
        m_keys->writeKey(entry, typed, [self, entry, typed](Status s) {
            if (!self)
                return;
            if (!s.ok()) {
                self->m_passwordState->setText(s.error().message);
                return;
            }
            self->m_storedEntry = entry;
            self->m_storedPassword = typed;
            self->m_password->clear();
            self->m_passwordState->setText(tr("A password is stored in the keychain."));
        });
    }
    const bool changed = !(p == m_loaded) || (p.isPostgres() && !typed.isEmpty());
    m_loaded = p;
    return changed;
}

void SettingsDatabasePage::runTest()
{
    const SettingsDatabaseProfile p = profile();
    if (const QString problem = p.problem(); !problem.isEmpty()) {
        showOutcome(m_testResult, problem, Outcome::Failure);
        return;
    }
    QString password = m_password->text();
    if (password.isEmpty() && p.keychainEntry() == m_storedEntry)
        password = m_storedPassword;
    m_test->setEnabled(false);
    showOutcome(m_testResult, tr("Connecting…"), Outcome::Neutral);
    auto *watcher = new QFutureWatcher<Status>(this);
    connect(watcher, &QFutureWatcher<Status>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Status s = watcher->result();
        m_test->setEnabled(true);
        const QString message =
            s.ok() ? tr("OK: connected, and the tables are up to date.") : s.error().message;
        showOutcome(m_testResult, message, s.ok() ? Outcome::Success : Outcome::Failure);
        Q_EMIT testFinished(s.ok(), message);
    });
    watcher->setFuture(QtConcurrent::run(
        [url = p.url(password)] { return SettingsSharedStore::testConnection(url); }));
}

} // namespace docket
