// The settings dialog driven offscreen: values round-trip through the settings file, keys go
// to the key store and never to the settings file, a reviewer sees the supervisor's pages
// read-only, "Test connection" against a local HTTP server and a real PostgreSQL, roles and
// shared budgets in the database, and the workstation's start-up database choice.
#include "httpserver/TestHttpServer.h"
#include "llm/KeychainKeyStore.h"
#include "llm/LlmSettings.h"
#include "llm/MemoryKeyStore.h"
#include "storage/Database.h"
#include "storage/Roles.h"
#include "storage/SharedSettings.h"
#include "support/PostgresServer.h"
#include "ui/ConfidenceStyle.h"
#include "ui/ReviewSettings.h"
#include "ui/SettingsDatabaseProfile.h"
#include "ui/SettingsDialog.h"
#include "ui/SettingsPage.h"
#include "ui/SettingsStartup.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace docket;
using docket::test::ScriptedResponse;
using docket::test::TestHttpServer;

namespace {

// Built from two literals so that no key-shaped string is committed.
const QString kKey = QStringLiteral("sk-") + QStringLiteral("dialog-test-86420975");

template <typename T> T *child(QWidget *parent, const char *name)
{
    T *w = parent->findChild<T *>(QLatin1String(name));
    if (!w)
        qWarning("no child %s", name);
    return w;
}

QString settingsText()
{
    QSettings().sync();
    QFile file(QSettings().fileName());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// A port on 127.0.0.1 that nobody listens on (0 when none could be found).
int unusedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        return 0;
    const int port = probe.serverPort();
    probe.close();
    return port;
}

void clickApply(SettingsDialog &dialog)
{
    auto *buttons = child<QDialogButtonBox>(&dialog, "buttonBox");
    QTest::mouseClick(buttons->button(QDialogButtonBox::Apply), Qt::LeftButton);
}

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    docket::test::PostgresServer m_pg;
    int m_databases = 0;

    QString newSqlite()
    {
        return m_dir.filePath(QStringLiteral("settings%1.sqlite").arg(++m_databases));
    }

    // A dialog whose role check has finished.
    std::unique_ptr<SettingsDialog> openDialog(const QString &url, std::shared_ptr<KeyStore> keys)
    {
        auto dialog = std::make_unique<SettingsDialog>(url, std::move(keys));
        dialog->show();
        if (!QTest::qWaitFor([&] { return dialog->isSharedStateLoaded(); }, 20000))
            qWarning("the shared state was not loaded");
        return dialog;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("Docket"));
        QCoreApplication::setApplicationName(QStringLiteral("docket"));
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_pg.start(), qPrintable(m_pg.errorString())); // fail, never skip
    }

    void init()
    {
        QSettings().clear();
        ConfidenceStyle::reload();
    }

    void valuesRoundTrip()
    {
        const QString url = newSqlite();
        auto keys = std::make_shared<MemoryKeyStore>();
        {
            auto dialog = openDialog(url, keys);
            QVERIFY(dialog->isSupervisor()); // nobody named: everyone is
            child<QLineEdit>(dialog.get(), "reviewerName")->setText(QStringLiteral("Anna Ng"));
            child<QCheckBox>(dialog.get(), "tabLowConfidenceOnly")->setChecked(true);
            child<QDoubleSpinBox>(dialog.get(), "confidenceHigh")->setValue(0.9);
            child<QDoubleSpinBox>(dialog.get(), "confidenceMedium")->setValue(0.7);
            child<QCheckBox>(dialog.get(), "offlineFallback")->setChecked(true);
            auto *engine = child<QComboBox>(dialog.get(), "defaultEngine");
            engine->setCurrentIndex(engine->findData(QStringLiteral("auto")));
            child<QLineEdit>(dialog.get(), "openaiBaseUrl")
                ->setText(QStringLiteral("https://llm.example.test/v1"));
            auto *style = child<QComboBox>(dialog.get(), "openaiApiStyle");
            style->setCurrentIndex(style->findData(QStringLiteral("chat")));
            child<QComboBox>(dialog.get(), "openaiExtractModel")
                ->setCurrentText(QStringLiteral("gpt-4.1"));
            child<QComboBox>(dialog.get(), "openaiFallbackModel")
                ->setCurrentText(QStringLiteral("gpt-4o"));
            child<QLineEdit>(dialog.get(), "kimiBaseUrl")
                ->setText(QStringLiteral("http://vllm.example.test:8000/v1"));
            child<QLineEdit>(dialog.get(), "dailyBudget")->setText(QStringLiteral("12.5"));
            child<QLineEdit>(dialog.get(), "monthlyBudget")->setText(QStringLiteral("200"));
            child<QRadioButton>(dialog.get(), "databaseShared")->setChecked(true);
            child<QLineEdit>(dialog.get(), "databaseHost")
                ->setText(QStringLiteral("db.example.test"));
            child<QSpinBox>(dialog.get(), "databasePort")->setValue(5433);
            child<QLineEdit>(dialog.get(), "databaseName")->setText(QStringLiteral("team"));
            child<QLineEdit>(dialog.get(), "databaseUser")->setText(QStringLiteral("anna"));
            auto *ssl = child<QComboBox>(dialog.get(), "databaseSslMode");
            ssl->setCurrentIndex(ssl->findData(QStringLiteral("verify-full")));
            child<QLineEdit>(dialog.get(), "databaseOriginals")
                ->setText(QStringLiteral("/mnt/docket-share"));
            QSignalSpy changed(dialog.get(), &SettingsDialog::settingsChanged);
            QSignalSpy database(dialog.get(), &SettingsDialog::databaseChanged);
            QSignalSpy shared(dialog.get(), &SettingsDialog::sharedBudgetsSaved);
            clickApply(*dialog);
            QCOMPARE(changed.count(), 1);
            QCOMPARE(database.count(), 1);
            QCOMPARE(
                database.first().first().toString(),
                QStringLiteral("postgresql://anna@db.example.test:5433/team?sslmode=verify-full"));
            QVERIFY(child<QLabel>(dialog.get(), "settingsStatus")
                        ->text()
                        .contains(QStringLiteral("restart")));
            QTRY_COMPARE_WITH_TIMEOUT(shared.count(), 1, 20000);
            QVERIFY(shared.first().first().toBool());
        }
        QCOMPARE(ReviewSettings::reviewerName(), QStringLiteral("Anna Ng"));
        QVERIFY(ReviewSettings::tabLowConfidenceOnly());
        QCOMPARE(ConfidenceStyle::highThreshold(), 0.9);
        QCOMPARE(ConfidenceStyle::level(0.75), ConfidenceStyle::Level::Medium);
        QCOMPARE(ConfidenceStyle::level(0.65), ConfidenceStyle::Level::Low);
        ConfidenceStyle::reload(); // from the file, not the cache
        QCOMPARE(ConfidenceStyle::mediumThreshold(), 0.7);
        QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("llm/engine")).toString(), QStringLiteral("auto"));
        QVERIFY(LlmSettings::fromSettings(settings).offlineFallback);
        QCOMPARE(settings.value(QStringLiteral("llm/openai/api")).toString(),
                 QStringLiteral("chat"));
        QCOMPARE(settings.value(QStringLiteral("llm/openai/model_extract")).toString(),
                 QStringLiteral("gpt-4.1"));
        QCOMPARE(settings.value(QStringLiteral("budget/daily_usd")).toString(),
                 QStringLiteral("12.5"));
        QCOMPARE(settings.value(QStringLiteral("database/sslmode")).toString(),
                 QStringLiteral("verify-full"));
        QCOMPARE(SettingsDatabaseProfile::load(settings).originalsFolder,
                 QStringLiteral("/mnt/docket-share"));
        {
            // The budgets are shared through the database too.
            auto db = Database::open(url);
            QVERIFY(db.ok());
            QCOMPARE(SharedSettings(*db.value()).value(SharedSettings::monthlyBudgetKey()).value(),
                     std::optional<QString>(QStringLiteral("200")));
        }

        // A new dialog shows what was stored.
        auto again = openDialog(url, keys);
        QCOMPARE(child<QLineEdit>(again.get(), "reviewerName")->text(), QStringLiteral("Anna Ng"));
        QVERIFY(child<QCheckBox>(again.get(), "tabLowConfidenceOnly")->isChecked());
        QCOMPARE(child<QDoubleSpinBox>(again.get(), "confidenceMedium")->value(), 0.7);
        QVERIFY(child<QCheckBox>(again.get(), "offlineFallback")->isChecked());
        QCOMPARE(child<QComboBox>(again.get(), "defaultEngine")->currentData().toString(),
                 QStringLiteral("auto"));
        QCOMPARE(child<QComboBox>(again.get(), "openaiExtractModel")->currentText(),
                 QStringLiteral("gpt-4.1"));
        QCOMPARE(child<QComboBox>(again.get(), "openaiClassifyModel")->currentText(), QString());
        QCOMPARE(child<QLineEdit>(again.get(), "kimiBaseUrl")->text(),
                 QStringLiteral("http://vllm.example.test:8000/v1"));
        QCOMPARE(child<QLineEdit>(again.get(), "dailyBudget")->text(), QStringLiteral("12.5"));
        QVERIFY(child<QRadioButton>(again.get(), "databaseShared")->isChecked());
        QCOMPARE(child<QSpinBox>(again.get(), "databasePort")->value(), 5433);
        QCOMPARE(child<QComboBox>(again.get(), "databaseSslMode")->currentData().toString(),
                 QStringLiteral("verify-full"));
        QCOMPARE(
            QDir::fromNativeSeparators(child<QLineEdit>(again.get(), "databaseOriginals")->text()),
            QStringLiteral("/mnt/docket-share"));
    }

    void keysGoToTheKeyStoreOnly()
    {
        const QString url = newSqlite();
        auto keys = std::make_shared<MemoryKeyStore>();
        const QString password = QStringLiteral("pg-") + QStringLiteral("secret-1928374655");
        {
            auto dialog = openDialog(url, keys);
            QTRY_VERIFY(child<QLabel>(dialog.get(), "openaiKeyState")
                            ->text()
                            .contains(QStringLiteral("No key")));
            QTest::keyClicks(child<QLineEdit>(dialog.get(), "openaiKey"), kKey);
            child<QRadioButton>(dialog.get(), "databaseShared")->setChecked(true);
            child<QLineEdit>(dialog.get(), "databaseHost")
                ->setText(QStringLiteral("db.example.test"));
            child<QLineEdit>(dialog.get(), "databaseUser")->setText(QStringLiteral("anna"));
            QTest::keyClicks(child<QLineEdit>(dialog.get(), "databasePassword"), password);
            clickApply(*dialog);
            QCOMPARE(keys->readKeyBlocking(QStringLiteral("openai")).value(), kKey);
            QCOMPARE(
                keys->readKeyBlocking(QStringLiteral("database/anna@db.example.test:5432/docket"))
                    .value(),
                password);
            QTRY_VERIFY(child<QLabel>(dialog.get(), "openaiKeyState")
                            ->text()
                            .contains(QStringLiteral("stored in the keychain")));
            QVERIFY(child<QLineEdit>(dialog.get(), "openaiKey")->text().isEmpty());
        }
        const QString text = settingsText();
        QVERIFY(text.contains(QStringLiteral("db.example.test"))); // the file was written
        QVERIFY(!text.contains(kKey));
        QVERIFY(!text.contains(password));

        // Reopened: the state is shown, never the key.
        auto again = openDialog(url, keys);
        QTRY_VERIFY(child<QLabel>(again.get(), "openaiKeyState")
                        ->text()
                        .contains(QStringLiteral("stored in the keychain")));
        QVERIFY(child<QLineEdit>(again.get(), "openaiKey")->text().isEmpty());
        QTRY_VERIFY(child<QLabel>(again.get(), "databasePasswordState")
                        ->text()
                        .contains(QStringLiteral("stored in the keychain")));
        QVERIFY(child<QLineEdit>(again.get(), "databasePassword")->text().isEmpty());

        // Remove, then apply: gone from the store.
        QTest::mouseClick(child<QPushButton>(again.get(), "openaiRemoveKey"), Qt::LeftButton);
        clickApply(*again);
        QCOMPARE(keys->readKeyBlocking(QStringLiteral("openai")).error().code,
                 QStringLiteral("key_not_found"));
    }

    void warnsOfADefaultEngineWithoutKey()
    {
        auto keys = std::make_shared<MemoryKeyStore>();
        auto dialog = openDialog(newSqlite(), keys);
        auto *engine = child<QComboBox>(dialog.get(), "defaultEngine");
        engine->setCurrentIndex(engine->findData(QStringLiteral("openai")));
        clickApply(*dialog);
        auto *status = child<QLabel>(dialog.get(), "settingsStatus");
        QVERIFY2(status->text().contains(QStringLiteral("no OpenAI API key")),
                 qPrintable(status->text()));
        QTest::keyClicks(child<QLineEdit>(dialog.get(), "openaiKey"), kKey);
        clickApply(*dialog);
        QVERIFY(status->text().isEmpty());
    }

    void reviewerSeesSupervisorPagesReadOnly()
    {
        const QString url = newSqlite();
        {
            auto db = Database::open(url);
            QVERIFY(db.ok());
            QVERIFY(Roles(*db.value())
                        .setRole(QStringLiteral("anna"), QStringLiteral("anna"),
                                 Roles::Role::Supervisor)
                        .ok());
        }
        QSettings().setValue(QStringLiteral("budget/daily_usd"), QStringLiteral("3"));
        ReviewSettings::setReviewerName(QStringLiteral("bob"));
        auto dialog = openDialog(url, std::make_shared<MemoryKeyStore>());
        QVERIFY(!dialog->isSupervisor());
        for (const char *name : {"enginesPage", "budgetsPage", "usersPage"}) {
            auto *page = child<SettingsPage>(dialog.get(), name);
            QVERIFY(page->isLocked());
            QVERIFY(!page->body()->isEnabled());
            auto *note = page->findChild<QLabel *>(QStringLiteral("lockNote"));
            QVERIFY(!note->isHidden());
            QVERIFY2(note->text().contains(QStringLiteral("reviewer")), qPrintable(note->text()));
        }
        QVERIFY(!child<QLineEdit>(dialog.get(), "openaiKey")->isEnabled());
        QVERIFY(!child<QLineEdit>(dialog.get(), "dailyBudget")->isEnabled());
        QVERIFY(child<QLineEdit>(dialog.get(), "reviewerName")->isEnabled());
        QVERIFY(child<SettingsPage>(dialog.get(), "databasePage")->body()->isEnabled());
        // Apply leaves the supervisor's settings alone.
        child<QLineEdit>(dialog.get(), "dailyBudget")->setText(QStringLiteral("999"));
        clickApply(*dialog);
        QCOMPARE(QSettings().value(QStringLiteral("budget/daily_usd")).toString(),
                 QStringLiteral("3"));

        // The supervisor sees them enabled.
        ReviewSettings::setReviewerName(QStringLiteral("Anna"));
        auto supervisor = openDialog(url, std::make_shared<MemoryKeyStore>());
        QVERIFY(supervisor->isSupervisor());
        QVERIFY(child<SettingsPage>(supervisor.get(), "enginesPage")->body()->isEnabled());
        QVERIFY(child<QLineEdit>(supervisor.get(), "openaiKey")->isEnabled());
    }

    void supervisorsListed()
    {
        const QString url = newSqlite();
        ReviewSettings::setReviewerName(QStringLiteral("carl"));
        auto dialog = openDialog(url, std::make_shared<MemoryKeyStore>());
        auto *list = child<QListWidget>(dialog.get(), "supervisorList");
        QCOMPARE(list->count(), 1); // "nobody: everyone is"
        // Carl names Anna: now Carl is a reviewer and the pages lock.
        QSignalSpy loaded(dialog.get(), &SettingsDialog::sharedStateLoaded);
        child<QLineEdit>(dialog.get(), "supervisorName")->setText(QStringLiteral("anna"));
        QTest::mouseClick(child<QPushButton>(dialog.get(), "addSupervisor"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        QCOMPARE(list->count(), 1);
        QCOMPARE(list->item(0)->data(Qt::UserRole).toString(), QStringLiteral("anna"));
        QVERIFY(!dialog->isSupervisor());
        QVERIFY(child<SettingsPage>(dialog.get(), "usersPage")->isLocked());
        auto db = Database::open(url);
        QVERIFY(db.ok());
        QCOMPARE(Roles(*db.value()).supervisors().value(), QStringList{QStringLiteral("anna")});

        // Anna adds Carl, then removes herself.
        ReviewSettings::setReviewerName(QStringLiteral("anna"));
        auto anna = openDialog(url, std::make_shared<MemoryKeyStore>());
        QVERIFY(anna->isSupervisor());
        QSignalSpy annaLoaded(anna.get(), &SettingsDialog::sharedStateLoaded);
        child<QLineEdit>(anna.get(), "supervisorName")->setText(QStringLiteral("carl"));
        QTest::mouseClick(child<QPushButton>(anna.get(), "addSupervisor"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(annaLoaded.count(), 1, 20000);
        auto *annaList = child<QListWidget>(anna.get(), "supervisorList");
        QCOMPARE(annaList->count(), 2);
        annaList->setCurrentRow(0); // "anna (you)"
        QTest::mouseClick(child<QPushButton>(anna.get(), "removeSupervisor"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(annaLoaded.count(), 2, 20000);
        QCOMPARE(Roles(*db.value()).supervisors().value(), QStringList{QStringLiteral("carl")});
        QVERIFY(!anna->isSupervisor());
    }

    void sharedBudgetsWinOverTheLocalFile()
    {
        const QString url = newSqlite();
        {
            auto db = Database::open(url);
            QVERIFY(db.ok());
            QVERIFY(SharedSettings(*db.value())
                        .setValue(SharedSettings::dailyBudgetKey(), QStringLiteral("40"))
                        .ok());
        }
        QSettings().setValue(QStringLiteral("budget/daily_usd"), QStringLiteral("3"));
        auto dialog = openDialog(url, std::make_shared<MemoryKeyStore>());
        QCOMPARE(child<QLineEdit>(dialog.get(), "dailyBudget")->text(), QStringLiteral("40"));
        QVERIFY(child<QLabel>(dialog.get(), "budgetSource")
                    ->text()
                    .contains(QStringLiteral("database")));
    }

    void providerTest_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("200") << 200
                             << QByteArray(R"({"object":"list","data":[{"id":"gpt-9-test",)"
                                           R"("owned_by":"system"}]})")
                             << QStringLiteral("OK");
        QTest::newRow("401") << 401
                             << QByteArray(R"({"error":{"message":"Incorrect API key provided.",)"
                                           R"("type":"invalid_request_error",)"
                                           R"("code":"invalid_api_key"}})")
                             << QStringLiteral("Incorrect API key provided.");
    }
    void providerTest()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        TestHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedResponse::json(status, body));
        auto keys = std::make_shared<MemoryKeyStore>();
        QVERIFY(keys->writeKeyBlocking(QStringLiteral("openai"), kKey).ok());
        auto dialog = openDialog(newSqlite(), keys);
        dialog->showPage(QStringLiteral("enginesPage"));
        QTRY_VERIFY(child<QLabel>(dialog.get(), "openaiKeyState")
                        ->text()
                        .contains(QStringLiteral("stored")));
        child<QLineEdit>(dialog.get(), "openaiBaseUrl")->setText(server.url().toString());
        QTest::mouseClick(child<QPushButton>(dialog.get(), "openaiTest"), Qt::LeftButton);
        auto *result = child<QLabel>(dialog.get(), "openaiTestResult");
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(expected), 15000);
        QCOMPARE(server.requestCount(), 1);
        const auto request = server.requests().first();
        QCOMPARE(request.path, QByteArray("/v1/models"));
        QCOMPARE(request.header("authorization"), QByteArray("Bearer ") + kKey.toUtf8());
        QVERIFY(!result->text().contains(kKey));
        if (status == 200) // the provider's models join the lists
            QVERIFY(child<QComboBox>(dialog.get(), "openaiExtractModel")
                        ->findText(QStringLiteral("gpt-9-test")) >= 0);
    }

    void databaseTest()
    {
        auto dialog = openDialog(newSqlite(), std::make_shared<MemoryKeyStore>());
        dialog->showPage(QStringLiteral("databasePage"));
        child<QRadioButton>(dialog.get(), "databaseShared")->setChecked(true);
        child<QLineEdit>(dialog.get(), "databaseHost")->setText(QStringLiteral("127.0.0.1"));
        child<QSpinBox>(dialog.get(), "databasePort")->setValue(m_pg.port());
        const QUrl fresh(m_pg.createDatabase());
        QVERIFY(fresh.isValid());
        child<QLineEdit>(dialog.get(), "databaseName")->setText(fresh.path().mid(1));
        child<QLineEdit>(dialog.get(), "databaseUser")->setText(m_pg.user());
        auto *ssl = child<QComboBox>(dialog.get(), "databaseSslMode");
        ssl->setCurrentIndex(ssl->findData(QStringLiteral("disable")));
        auto *result = child<QLabel>(dialog.get(), "databaseTestResult");
        QTest::mouseClick(child<QPushButton>(dialog.get(), "databaseTest"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("OK")), 30000);

        // A port nobody listens on: the driver's message.
        const int port = unusedPort();
        QVERIFY(port > 0);
        child<QSpinBox>(dialog.get(), "databasePort")->setValue(port);
        QTest::mouseClick(child<QPushButton>(dialog.get(), "databaseTest"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QStringLiteral("Cannot connect")), 30000);
    }

    void startupOpensTheSharedDatabase()
    {
        const QString url = m_pg.createDatabase();
        QVERIFY(!url.isEmpty());
        {
            auto db = Database::open(url);
            QVERIFY(db.ok());
            QVERIFY(SharedSettings(*db.value())
                        .setValue(SharedSettings::monthlyBudgetKey(), QStringLiteral("75"))
                        .ok());
        }
        SettingsDatabaseProfile profile;
        profile.kind = SettingsDatabaseProfile::Kind::Postgres;
        const QUrl u(url);
        profile.host = u.host();
        profile.port = u.port();
        profile.database = u.path().mid(1);
        profile.user = u.userName();
        profile.sslMode = QStringLiteral("disable");
        auto keys = std::make_shared<MemoryKeyStore>();
        const QString password = QStringLiteral("unused-") + QStringLiteral("by-trust-auth");
        QVERIFY(keys->writeKeyBlocking(profile.keychainEntry(), password).ok());
        QVERIFY(keys->writeKeyBlocking(QStringLiteral("openai"), kKey).ok());
        SettingsStartup startup(profile, keys);
        QSignalSpy ready(&startup, &SettingsStartup::ready);
        startup.start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 30000);
        const QUrl opened(ready.first().first().toString());
        QCOMPARE(opened.password(), password); // fetched from the keychain
        QCOMPARE(opened.host(), profile.host);
        const auto llm = startup.llmSettings();
        QCOMPARE(llm->openai.apiKey, kKey);
        QCOMPARE(llm->budgets.monthly.value(), UsdAmount::parse(u"75").value());
    }

    void startupFallsBackToTheLocalDatabase()
    {
        SettingsDatabaseProfile profile;
        profile.kind = SettingsDatabaseProfile::Kind::Postgres;
        profile.host = QStringLiteral("127.0.0.1");
        profile.port = unusedPort();
        QVERIFY(profile.port > 0);
        profile.user = QStringLiteral("anna");
        SettingsStartup startup(profile, std::make_shared<MemoryKeyStore>());
        QStringList asked;
        startup.setFailureHandler([&asked](const QString &shown, const QString &error) {
            asked << shown << error;
            return asked.size() == 2 ? SettingsStartup::Choice::Retry
                                     : SettingsStartup::Choice::UseLocal;
        });
        QSignalSpy ready(&startup, &SettingsStartup::ready);
        startup.start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
        QCOMPARE(asked.size(), 4); // asked, retried, asked again, then the local one
        QVERIFY(asked.first().startsWith(QStringLiteral("postgresql://anna@127.0.0.1:")));
        QVERIFY(!asked.at(1).isEmpty());
        QCOMPARE(ready.first().first().toString(), Database::defaultUrl());
    }

    void commandLineDatabaseWins()
    {
        SettingsDatabaseProfile profile;
        profile.kind = SettingsDatabaseProfile::Kind::Postgres;
        profile.host = QStringLiteral("db.invalid");
        profile.user = QStringLiteral("anna");
        const QString local = newSqlite();
        SettingsStartup startup(profile, std::make_shared<MemoryKeyStore>(), local);
        startup.setFailureHandler(
            [](const QString &, const QString &) { return SettingsStartup::Choice::Quit; });
        QSignalSpy ready(&startup, &SettingsStartup::ready);
        startup.start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 20000);
        QCOMPARE(ready.first().first().toString(), local);
    }

    // In a session with a secret service (run_with_keyring.sh): the real keychain.
    void osKeychain()
    {
        auto keys = std::make_shared<KeychainKeyStore>(QStringLiteral("DocketSettingsTest"));
        const Status probe = keys->writeKeyBlocking(QStringLiteral("probe"), QStringLiteral("x"));
        if (!probe.ok()) {
            if (qEnvironmentVariableIntValue("DOCKET_REQUIRE_KEYCHAIN") == 1)
                QFAIL(qPrintable(probe.error().message));
            QSKIP("no secret service in this session");
        }
        QVERIFY(keys->removeKeyBlocking(QStringLiteral("probe")).ok());
        keys->removeKeyBlocking(QStringLiteral("kimi"));
        auto dialog = openDialog(newSqlite(), keys);
        QTRY_VERIFY(
            child<QLabel>(dialog.get(), "kimiKeyState")->text().contains(QStringLiteral("No key")));
        QTest::keyClicks(child<QLineEdit>(dialog.get(), "kimiKey"), kKey);
        clickApply(*dialog);
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(dialog.get(), "kimiKeyState")
                                     ->text()
                                     .contains(QStringLiteral("stored in the keychain")),
                                 20000);
        QCOMPARE(keys->readKeyBlocking(QStringLiteral("kimi")).value(), kKey);
        QVERIFY(!settingsText().contains(kKey));
        QVERIFY(keys->removeKeyBlocking(QStringLiteral("kimi")).ok());
    }

    // DOCKET_SETTINGS_SCREENSHOTS=<folder>: every page as a PNG (to look at, not asserted).
    void screenshots()
    {
        const QString folder = qEnvironmentVariable("DOCKET_SETTINGS_SCREENSHOTS");
        if (folder.isEmpty())
            QSKIP("DOCKET_SETTINGS_SCREENSHOTS not set");
        const QString url = newSqlite();
        for (const bool reviewer : {false, true}) {
            if (reviewer) {
                auto db = Database::open(url);
                QVERIFY(Roles(*db.value())
                            .setRole(QStringLiteral("anna"), QStringLiteral("anna"),
                                     Roles::Role::Supervisor)
                            .ok());
                ReviewSettings::setReviewerName(QStringLiteral("bob"));
            }
            auto dialog = openDialog(url, std::make_shared<MemoryKeyStore>());
            QTest::qWait(200);
            for (const char *page :
                 {"reviewPage", "enginesPage", "budgetsPage", "databasePage", "usersPage"}) {
                dialog->showPage(QLatin1String(page));
                QTest::qWait(50);
                dialog->grab().save(QStringLiteral("%1/%2%3.png")
                                        .arg(folder, QLatin1String(page),
                                             reviewer ? QStringLiteral("-reviewer") : QString()));
            }
        }
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "test_settings.moc"
