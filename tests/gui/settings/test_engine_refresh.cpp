// Engine settings changed while the workstation runs reach the pipeline: the next document is
// read with the new engine, provider and key (against the local HTTP server), documents then
// go back to the offline engine when the user chooses it again.
#include "fixtures/Fixtures.h"
#include "httpserver/TestHttpServer.h"
#include "llm/MemoryKeyStore.h"
#include "pipeline/ProcessingService.h"
#include "ui/EngineSettingsRefresher.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QPushButton>

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace docket;
using namespace docket::test;

class TestEngineRefresh : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("docket"));
        QCoreApplication::setApplicationName(QStringLiteral("docket-test"));
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.start());
        // A wrong key: the provider answers at once and no retry follows.
        m_server.setDefaultResponse(ScriptedResponse::json(
            401, R"({"error":{"message":"Incorrect API key provided.","type":)"
                 R"("invalid_request_error","code":"invalid_api_key"}})"));
    }

    void settingsReachTheNextDocument()
    {
        PipelineConfig config;
        config.databaseUrl = m_dir.filePath(QStringLiteral("refresh.sqlite"));
        config.dataFolder = m_dir.filePath(QStringLiteral("data"));
        config.jobs = 1;
        ProcessingService service(config);
        auto keys = std::make_shared<MemoryKeyStore>();
        QVERIFY(keys->writeKeyBlocking(QStringLiteral("openai"), QStringLiteral("key-one")).ok());
        EngineSettingsRefresher refresher(&service, keys);
        QSignalSpy applied(&refresher, &EngineSettingsRefresher::applied);
        QSignalSpy finished(&service, &ProcessingService::documentFinished);

        // Offline at first: no request.
        QCOMPARE(process(service, finished, 1).document.status, DocumentStatus::NeedsReview);
        QCOMPARE(m_server.requestCount(), 0);

        // The user picks OpenAI with a base URL and a key.
        {
            QSettings s;
            s.setValue(QStringLiteral("llm/engine"), QStringLiteral("openai"));
            s.setValue(QStringLiteral("llm/openai/base_url"), m_server.url().toString());
            s.setValue(QStringLiteral("llm/openai/max_retries"), 0);
        }
        refresher.refresh();
        QTRY_COMPARE(applied.count(), 1);
        QCOMPARE(applied.last().first().toString(), QStringLiteral("openai"));
        QCOMPARE(service.config().engine, QStringLiteral("openai"));
        const ProcessingResult withKeyOne = process(service, finished, 2);
        QCOMPARE(withKeyOne.error.code, QStringLiteral("llm_auth"));
        QVERIFY(m_server.requestCount() >= 1);
        QCOMPARE(m_server.requests().last().header("Authorization"), QByteArray("Bearer key-one"));

        // A new key is stored: the next document sends it.
        QVERIFY(keys->writeKeyBlocking(QStringLiteral("openai"), QStringLiteral("key-two")).ok());
        refresher.refresh();
        refresher.refresh(); // asked twice while reading: both answered, the last one counts
        QTRY_COMPARE(applied.count(), 3);
        process(service, finished, 3);
        QCOMPARE(m_server.requests().last().header("Authorization"), QByteArray("Bearer key-two"));

        // Back to the offline engine.
        QSettings().setValue(QStringLiteral("llm/engine"), QStringLiteral("local"));
        refresher.refresh();
        QTRY_COMPARE(applied.count(), 4);
        const int requests = m_server.requestCount();
        QCOMPARE(process(service, finished, 4).document.status, DocumentStatus::NeedsReview);
        QCOMPARE(m_server.requestCount(), requests);
    }

    // The workstation's Settings dialog hands its changes to the running service.
    void settingsDialogAppliesThem()
    {
        QSettings().setValue(QStringLiteral("llm/engine"), QStringLiteral("local"));
        PipelineConfig config;
        config.databaseUrl = m_dir.filePath(QStringLiteral("window.sqlite"));
        config.dataFolder = m_dir.filePath(QStringLiteral("window-data"));
        ProcessingService service(config);
        MainWindow window(&service, config.effectiveDatabaseUrl());
        window.setKeyStore(std::make_shared<MemoryKeyStore>());
        // Chosen elsewhere (another instance, an administrator) and applied in the dialog.
        QSettings().setValue(QStringLiteral("llm/engine"), QStringLiteral("openai"));
        window.findChild<QAction *>(QStringLiteral("actionSettings"))->trigger();
        auto *dialog = window.findChild<SettingsDialog *>();
        QVERIFY(dialog);
        auto *buttons = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"));
        QVERIFY(buttons);
        buttons->button(QDialogButtonBox::Apply)->click();
        QTRY_COMPARE(service.config().engine, QStringLiteral("openai"));
        QVERIFY(service.config().engineGeneration > 0);
        dialog->close();
    }

private:
    // Processes a new invoice (number n) and returns its result.
    ProcessingResult process(ProcessingService &service, QSignalSpy &finished, int n)
    {
        const QString path = m_dir.filePath(QStringLiteral("invoice-%1.pdf").arg(n));
        if (!writePdf(path, {invoicePage(
                                QStringLiteral("Refresh Supplies Ltd"),
                                QStringLiteral("INV-%1").arg(100 + n),
                                QStringLiteral("2024-03-%1").arg(10 + n, 2, 10, QLatin1Char('0')),
                                QStringLiteral("%1.50").arg(100 * n))}))
            return {};
        const int before = int(finished.count());
        service.enqueue({path});
        if (!QTest::qWaitFor([&] { return finished.count() > before; }, 60000))
            return {};
        return finished.last().first().value<ProcessingResult>();
    }

    QTemporaryDir m_dir;
    TestHttpServer m_server;
};

QTEST_MAIN(TestEngineRefresh)
#include "test_engine_refresh.moc"
