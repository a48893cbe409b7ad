// LlmSettings (settings file, keys, shared values, environment) and ConnectionTester against
// the scripted local HTTP server.
#include "LlmTestSupport.h"
#include "httpserver/TestHttpServer.h"
#include "llm/ConnectionTester.h"
#include "llm/LlmSettings.h"
#include "llm/MemoryKeyStore.h"

#include <QFile>
#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace docket;
using docket::test::ScriptedResponse;
using docket::test::TestHttpServer;

namespace {

// Built from two literals so that no key-shaped string is committed.
const QString kKey = QStringLiteral("sk-") + QStringLiteral("settings-test-24681357");

const char *const kEnvironment[] = {
    "OPENAI_API_KEY",    "OPENAI_BASE_URL",         "OPENAI_MODEL",
    "KIMI_VL_BASE_URL",  "KIMI_VL_API_KEY",         "KIMI_VL_MODEL",
    "DOCKET_OPENAI_API", "DOCKET_DAILY_BUDGET_USD", "DOCKET_MONTHLY_BUDGET_USD"};

} // namespace

class TestSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString conf(const QString &name) const
    {
        return m_dir.filePath(name + QStringLiteral(".conf"));
    }

private Q_SLOTS:
    void init()
    {
        for (const char *name : kEnvironment)
            qunsetenv(name);
    }

    void roundTrip()
    {
        LlmSettings s;
        s.engine = QStringLiteral("auto");
        s.openaiApiStyle = QStringLiteral("chat");
        s.openai.baseUrl = QUrl(QStringLiteral("https://llm.example.test/v1"));
        s.openai.model = QStringLiteral("gpt-4.1-mini");
        s.openaiSteps = {QStringLiteral("gpt-4.1-nano"), QStringLiteral("gpt-4.1"),
                         QStringLiteral("gpt-4o")};
        s.openai.apiKey = kKey;
        s.kimiConfigured = true;
        s.kimi.baseUrl = QUrl(QStringLiteral("http://vllm.example.test:8000/v1"));
        s.kimi.model = QStringLiteral("moonshotai/Kimi-VL-A3B-Thinking");
        s.kimi.apiKey = kKey;
        s.budgets.daily = UsdAmount::parse(u"12.5");
        {
            QSettings file(conf(QStringLiteral("roundtrip")), QSettings::IniFormat);
            s.save(file);
        }
        QFile text(conf(QStringLiteral("roundtrip")));
        QVERIFY(text.open(QIODevice::ReadOnly));
        const QByteArray written = text.readAll();
        QVERIFY(!written.contains(kKey.toUtf8())); // keys never reach the settings file
        QVERIFY(written.contains("model_extract"));

        const QSettings file(conf(QStringLiteral("roundtrip")), QSettings::IniFormat);
        const LlmSettings back = LlmSettings::fromSettings(file);
        QCOMPARE(back.engine, s.engine);
        QCOMPARE(back.openaiApiStyle, s.openaiApiStyle);
        QCOMPARE(back.openai.api, LlmApi::ChatCompletions);
        QCOMPARE(back.openai.baseUrl, s.openai.baseUrl);
        QVERIFY(back.openaiSteps == s.openaiSteps);
        QVERIFY(back.kimiConfigured);
        QCOMPARE(back.kimi.baseUrl, s.kimi.baseUrl);
        QCOMPARE(back.kimi.model, s.kimi.model);
        QVERIFY(back.budgets == s.budgets);
        QVERIFY(back.openai.apiKey.isEmpty());
        QCOMPARE(back.openaiFor(QStringLiteral("extract")).model, QStringLiteral("gpt-4.1"));
        QCOMPARE(back.openaiFor(QStringLiteral("classify")).model, QStringLiteral("gpt-4.1-nano"));
        QCOMPARE(back.openaiFor(QStringLiteral("validate")).model, QStringLiteral("gpt-4.1-mini"));

        // Kimi switched off again: its group goes.
        LlmSettings off = back;
        off.kimiConfigured = false;
        {
            QSettings rewrite(conf(QStringLiteral("roundtrip")), QSettings::IniFormat);
            off.save(rewrite);
        }
        const QSettings reread(conf(QStringLiteral("roundtrip")), QSettings::IniFormat);
        QVERIFY(!LlmSettings::fromSettings(reread).kimiConfigured);
    }

    void engineSetting_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unset") << QString() << QStringLiteral("local");
        QTest::newRow("auto") << QStringLiteral("auto") << QStringLiteral("auto");
        QTest::newRow("kimi") << QStringLiteral("kimi") << QStringLiteral("kimi");
        QTest::newRow("unknown") << QStringLiteral("gpt") << QStringLiteral("local");
    }
    void engineSetting()
    {
        QFETCH(QString, stored);
        QFETCH(QString, expected);
        QSettings file(conf(QStringLiteral("engine")), QSettings::IniFormat);
        file.clear();
        if (!stored.isEmpty())
            file.setValue(QStringLiteral("llm/engine"), stored);
        QCOMPARE(LlmSettings::engineSetting(file), expected);
    }

    void keysAndEnvironment()
    {
        QSettings file(conf(QStringLiteral("keys")), QSettings::IniFormat);
        LlmSettings saved;
        saved.kimiConfigured = true;
        saved.save(file);
        MemoryKeyStore keys;
        QVERIFY(keys.writeKeyBlocking(QStringLiteral("openai"), kKey).ok());
        LlmSettings loaded = LlmSettings::load(file, &keys);
        QCOMPARE(loaded.openai.apiKey, kKey);
        QVERIFY(loaded.openaiReady());
        QVERIFY(loaded.kimi.apiKey.isEmpty());
        QVERIFY(loaded.kimiReady()); // a local server needs no key

        // The environment wins over the settings file and the keychain (headless use).
        const QString envKey = QStringLiteral("sk-") + QStringLiteral("from-environment-9753");
        qputenv("OPENAI_API_KEY", envKey.toUtf8());
        qputenv("OPENAI_MODEL", "gpt-4o-mini");
        loaded = LlmSettings::load(file, &keys);
        QCOMPARE(loaded.openai.apiKey, envKey);
        QCOMPARE(loaded.openai.model, QStringLiteral("gpt-4o-mini"));
        const LlmSettings headless = LlmSettings::fromEnvironment();
        QCOMPARE(headless.openai.apiKey, loaded.openai.apiKey);
        QCOMPARE(headless.openai.model, loaded.openai.model);
    }

    void sharedBudgets_data()
    {
        QTest::addColumn<QString>("local");
        QTest::addColumn<QString>("shared"); // "-": not in the database
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("expected"); // "": unlimited
        QTest::newRow("local only")
            << QStringLiteral("5") << QStringLiteral("-") << QString() << QStringLiteral("5");
        QTest::newRow("shared wins")
            << QStringLiteral("5") << QStringLiteral("40") << QString() << QStringLiteral("40");
        QTest::newRow("shared unlimited")
            << QStringLiteral("5") << QString() << QString() << QString();
        QTest::newRow("environment wins") << QStringLiteral("5") << QStringLiteral("40")
                                          << QStringLiteral("7.25") << QStringLiteral("7.25");
        QTest::newRow("malformed shared ignored")
            << QStringLiteral("5") << QStringLiteral("lots") << QString() << QStringLiteral("5");
    }
    void sharedBudgets()
    {
        QFETCH(QString, local);
        QFETCH(QString, shared);
        QFETCH(QString, environment);
        QFETCH(QString, expected);
        QSettings file(conf(QStringLiteral("budgets")), QSettings::IniFormat);
        file.clear();
        file.setValue(QStringLiteral("budget/daily_usd"), local);
        QHash<QString, QString> values;
        if (shared != QLatin1String("-"))
            values.insert(QStringLiteral("budget/daily_usd"), shared);
        if (!environment.isEmpty())
            qputenv("DOCKET_DAILY_BUDGET_USD", environment.toUtf8());
        const LlmSettings s = LlmSettings::load(file, nullptr, values);
        if (expected.isEmpty())
            QVERIFY(!s.budgets.daily.has_value());
        else
            QCOMPARE(s.budgets.daily.value(), UsdAmount::parse(expected).value());
    }

    void connectionOk()
    {
        TestHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedResponse::json(
            200, R"({"object":"list","data":[{"id":"gpt-4.1-mini","owned_by":"system"},)"
                 R"({"id":"gpt-4o","owned_by":"system"}]})"));
        ProviderConfig c = ProviderConfig::openAi();
        c.baseUrl = server.url();
        c.apiKey = kKey;
        const auto models = ConnectionTester::testProvider(c);
        QVERIFY2(models.ok(), qPrintable(models.error().message));
        QCOMPARE(models.value().size(), 2);
        QCOMPARE(models.value().first().id, QStringLiteral("gpt-4.1-mini"));
        QCOMPARE(server.requestCount(), 1); // one cheap request
        const auto request = server.requests().first();
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.path, QByteArray("/v1/models"));
        QCOMPARE(request.header("authorization"), QByteArray("Bearer ") + kKey.toUtf8());
    }

    void connectionRefused_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("said");
        QTest::newRow("401") << 401
                             << docket::test::errorBody(
                                    QStringLiteral("Incorrect API key provided: sk-abc***xyz."),
                                    QStringLiteral("invalid_request_error"),
                                    QStringLiteral("invalid_api_key"))
                             << QStringLiteral("llm_auth")
                             << QStringLiteral("Incorrect API key provided");
        QTest::newRow("404") << 404 << QByteArray(R"({"detail":"Not Found"})")
                             << QStringLiteral("llm_http_404") << QStringLiteral("Not Found");
        QTest::newRow("500 without body")
            << 500 << QByteArray() << QStringLiteral("llm_http_500") << QStringLiteral("HTTP 500");
    }
    void connectionRefused()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QString, said);
        TestHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedResponse::json(status, body));
        ProviderConfig c = ProviderConfig::openAi();
        c.baseUrl = server.url();
        c.apiKey = kKey;
        const auto models = ConnectionTester::testProvider(c);
        QVERIFY(!models.ok());
        QCOMPARE(models.error().code, code);
        QVERIFY2(models.error().message.contains(said), qPrintable(models.error().message));
        QVERIFY(!models.error().message.contains(kKey));
    }

    void connectionUnreachable()
    {
        QTcpServer closed; // a port nobody listens on once closed
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        ProviderConfig c = ProviderConfig::openAi();
        c.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(port));
        const auto models = ConnectionTester::testProvider(c);
        QCOMPARE(models.error().code, QStringLiteral("llm_network"));
    }

    void connectionTimeout()
    {
        TestHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedResponse::hanging());
        ProviderConfig c = ProviderConfig::openAi();
        c.baseUrl = server.url();
        const auto models = ConnectionTester::testProvider(c, 300);
        QCOMPARE(models.error().code, QStringLiteral("llm_timeout"));
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "test_settings.moc"
