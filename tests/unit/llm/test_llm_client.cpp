// LlmClient against a real local HTTP server: both APIs, retries, errors, usage, redaction.
#include "LlmTestSupport.h"
#include "llm/LlmCall.h"
#include "llm/LlmClient.h"
#include "llm/ModelCatalog.h"
#include "llm/RateLimiter.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace docket;
using namespace docket::test;

namespace {

const QString kKey = (QStringLiteral("sk-") + QStringLiteral("test-SECRET-0123456789abcdef"));

QByteArray answerFor(LlmApi api, const QString &text, int in = 100, int cached = 0, int out = 20)
{
    return api == LlmApi::Responses ? responsesAnswer(text, in, cached, out)
                                    : chatAnswer(text, QStringLiteral("stop"), in, cached, out);
}

LlmRequest jsonRequest()
{
    LlmRequest r;
    r.messages = {LlmMessage::system(QStringLiteral("You extract fields.")),
                  LlmMessage::user({LlmContentPart::fromText(QStringLiteral("Invoice 42"))})};
    r.schemaName = QStringLiteral("probe");
    r.jsonSchema = QJsonObject{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("number"),
                      QJsonObject{{QStringLiteral("type"), QJsonArray{QStringLiteral("string"),
                                                                      QStringLiteral("null")}}}}}},
        {QStringLiteral("required"), QJsonArray{QStringLiteral("number")}},
        {QStringLiteral("additionalProperties"), false}};
    r.promptCacheKey = QStringLiteral("docket-test-v1");
    r.purpose = QStringLiteral("test");
    return r;
}

} // namespace

class TestLlmClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestHttpServer> m_server;

    std::unique_ptr<LlmClient> client(LlmApi api, int maxRetries = 2, int timeoutMs = 10000)
    {
        ProviderConfig c;
        c.name = QStringLiteral("test-%1").arg(QString::fromLatin1(QTest::currentTestFunction()));
        c.api = api;
        c.baseUrl = m_server->url(QStringLiteral("/v1"));
        c.model = QStringLiteral("gpt-test");
        c.apiKey = kKey;
        c.maxRetries = maxRetries;
        c.timeoutMs = timeoutMs;
        auto cl = std::make_unique<LlmClient>(c);
        RetryPolicy p = cl->retryPolicy();
        p.initialDelayMs = 5; // keep the test quick; the formula is tested separately
        cl->setRetryPolicy(p);
        return cl;
    }

    static void addApis()
    {
        QTest::addColumn<int>("api");
        QTest::newRow("responses") << int(LlmApi::Responses);
        QTest::newRow("chat") << int(LlmApi::ChatCompletions);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("DOCKET_LLM_LOG_CONTENT", "1");
        LogCapture::install();
    }

    void init()
    {
        m_server = std::make_unique<TestHttpServer>();
        QVERIFY(m_server->start());
    }

    void cleanup()
    {
        saveRequestBodies(*m_server, QStringLiteral("client-%1-%2")
                                         .arg(QString::fromLatin1(QTest::currentTestFunction()),
                                              QString::fromLatin1(QTest::currentDataTag())));
        m_server.reset();
    }

    void structuredAnswerAndUsage_data() { addApis(); }
    void structuredAnswerAndUsage()
    {
        QFETCH(int, api);
        m_server->enqueue(ScriptedResponse::json(
            200, answerFor(LlmApi(api), QStringLiteral("{\"number\":\"INV-42\"}"), 1500, 1024, 37),
            {{"x-request-id", "req_abc123"}}));
        auto c = client(LlmApi(api));
        const auto result = c->sendAndWait(jsonRequest());
        QVERIFY2(result.ok(), qPrintable(result.error().message));
        QCOMPARE(result.value().json.value(QStringLiteral("number")).toString(),
                 QStringLiteral("INV-42"));
        QCOMPARE(result.value().usage.requests, 1);
        QCOMPARE(result.value().usage.inputTokens, 1500);
        QCOMPARE(result.value().usage.cachedTokens, 1024);
        QCOMPARE(result.value().usage.outputTokens, 37);
        QCOMPARE(result.value().requestId, QStringLiteral("req_abc123"));

        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 1);
        const RecordedRequest &r = requests.first();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, LlmApi(api) == LlmApi::Responses ? QByteArray("/v1/responses")
                                                          : QByteArray("/v1/chat/completions"));
        QCOMPARE(r.header("authorization"), QByteArray("Bearer ") + kKey.toUtf8());
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("gpt-test"));
        QCOMPARE(body.value(QStringLiteral("prompt_cache_key")).toString(),
                 QStringLiteral("docket-test-v1"));
        if (LlmApi(api) == LlmApi::Responses) {
            QCOMPARE(body.value(QStringLiteral("store")), QJsonValue(false));
            const QJsonObject format = body.value(QStringLiteral("text"))
                                           .toObject()
                                           .value(QStringLiteral("format"))
                                           .toObject();
            QCOMPARE(format.value(QStringLiteral("type")).toString(),
                     QStringLiteral("json_schema"));
            QCOMPARE(format.value(QStringLiteral("strict")), QJsonValue(true));
            QVERIFY(body.contains(QStringLiteral("max_output_tokens")));
        } else {
            const QJsonObject format = body.value(QStringLiteral("response_format")).toObject();
            QCOMPARE(format.value(QStringLiteral("type")).toString(),
                     QStringLiteral("json_schema"));
            QCOMPARE(format.value(QStringLiteral("json_schema"))
                         .toObject()
                         .value(QStringLiteral("strict")),
                     QJsonValue(true));
            QVERIFY(body.contains(QStringLiteral("max_completion_tokens")));
            QVERIFY(!body.contains(QStringLiteral("max_tokens")));
            QCOMPARE(body.value(QStringLiteral("messages"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QStringLiteral("role")),
                     QJsonValue(QStringLiteral("system")));
        }
    }

    void rateLimitedThenSuccess_data() { addApis(); }
    void rateLimitedThenSuccess()
    {
        QFETCH(int, api);
        m_server->enqueue(ScriptedResponse::json(429,
                                                 errorBody(QStringLiteral("Rate limit reached"),
                                                           QStringLiteral("requests"),
                                                           QStringLiteral("rate_limit_exceeded")),
                                                 {{"retry-after-ms", "20"},
                                                  {"x-ratelimit-remaining-requests", "0"},
                                                  {"x-ratelimit-reset-requests", "30ms"},
                                                  {"x-ratelimit-limit-requests", "500"}}));
        m_server->enqueue(ScriptedResponse::json(429,
                                                 errorBody(QStringLiteral("slow down"),
                                                           QStringLiteral("requests"),
                                                           QStringLiteral("rate_limit_exceeded")),
                                                 {{"retry-after", "0.01"}}));
        m_server->enqueue(ScriptedResponse::json(
            200, answerFor(LlmApi(api), QStringLiteral("{\"number\":\"1\"}"))));
        auto c = client(LlmApi(api));
        const auto result = c->sendAndWait(jsonRequest());
        QVERIFY2(result.ok(), qPrintable(result.error().message));
        QCOMPARE(result.value().attempts, 3);
        QCOMPARE(m_server->requestCount(), 3);
        QCOMPARE(c->rateLimiter()->limits().requestsPerMinute, 500);
    }

    void serverErrorsThenSuccess()
    {
        m_server->enqueue(ScriptedResponse::json(
            500, errorBody(QStringLiteral("boom"), QStringLiteral("server_error"), {})));
        m_server->enqueue(ScriptedResponse::json(503, QByteArrayLiteral("<html>busy</html>")));
        m_server->enqueue(
            ScriptedResponse::json(200, responsesAnswer(QStringLiteral("{\"number\":null}"))));
        auto c = client(LlmApi::Responses);
        const auto result = c->sendAndWait(jsonRequest());
        QVERIFY2(result.ok(), qPrintable(result.error().message));
        QCOMPARE(result.value().attempts, 3);
        QVERIFY(result.value().json.value(QStringLiteral("number")).isNull());
    }

    void givesUpAfterMaxRetries_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("maxRetries");
        QTest::newRow("500 x3") << 500 << 2;
        QTest::newRow("502 x2") << 502 << 1;
        QTest::newRow("408 x3") << 408 << 2;
        QTest::newRow("409 x1") << 409 << 0;
    }
    void givesUpAfterMaxRetries()
    {
        QFETCH(int, status);
        QFETCH(int, maxRetries);
        m_server->setDefaultResponse(ScriptedResponse::json(
            status, errorBody(QStringLiteral("nope"), QStringLiteral("server_error"), {})));
        auto c = client(LlmApi::ChatCompletions, maxRetries);
        const auto result = c->sendAndWait(jsonRequest());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("llm_http_%1").arg(status));
        QCOMPARE(m_server->requestCount(), maxRetries + 1);
    }

    void notRetried_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("expected");
        QTest::newRow("400") << 400 << QString() << QStringLiteral("llm_http_400");
        QTest::newRow("401") << 401 << QStringLiteral("invalid_api_key")
                             << QStringLiteral("llm_auth");
        QTest::newRow("403") << 403 << QString() << QStringLiteral("llm_http_403");
        QTest::newRow("404") << 404 << QStringLiteral("model_not_found")
                             << QStringLiteral("llm_http_404");
        QTest::newRow("422") << 422 << QString() << QStringLiteral("llm_http_422");
        QTest::newRow("429 quota") << 429 << QStringLiteral("insufficient_quota")
                                   << QStringLiteral("llm_insufficient_quota");
    }
    void notRetried()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, expected);
        // The provider echoes the key as providers do in 401 messages: it must not leak.
        m_server->setDefaultResponse(ScriptedResponse::json(
            status,
            errorBody(
                QStringLiteral("Incorrect API key provided: %1. Also sk-te***cdef.").arg(kKey),
                QStringLiteral("invalid_request_error"), code),
            {{"x-request-id", "req_err"}}));
        auto c = client(LlmApi::Responses);
        const auto result = c->sendAndWait(jsonRequest());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, expected);
        QCOMPARE(m_server->requestCount(), 1);
        QVERIFY(!result.error().message.contains(kKey));
        QVERIFY(!result.error().message.contains(QStringLiteral("SECRET")));
    }

    void shouldRetryHeaderWins()
    {
        // x-should-retry: false stops a 500 from being retried; true retries a 400.
        m_server->enqueue(ScriptedResponse::json(
            400, errorBody(QStringLiteral("try again"), QStringLiteral("x"), {}),
            {{"x-should-retry", "true"}}));
        m_server->enqueue(ScriptedResponse::json(
            500, errorBody(QStringLiteral("do not"), QStringLiteral("x"), {}),
            {{"x-should-retry", "false"}}));
        auto c = client(LlmApi::Responses);
        const auto result = c->sendAndWait(jsonRequest());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("llm_http_500"));
        QCOMPARE(m_server->requestCount(), 2);
    }

    void timeout_data() { addApis(); }
    void timeout()
    {
        QFETCH(int, api);
        m_server->setDefaultResponse(ScriptedResponse::hanging());
        auto c = client(LlmApi(api), 1, 300);
        const auto result = c->sendAndWait(jsonRequest());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("llm_timeout"));
        QCOMPARE(m_server->requestCount(), 2); // timeouts are retried like connection errors
    }

    void cancellation()
    {
        m_server->setDefaultResponse(ScriptedResponse::hanging());
        auto c = client(LlmApi::Responses);
        LlmCall *call = c->send(jsonRequest());
        QSignalSpy spy(call, &LlmCall::finished);
        QTRY_COMPARE(m_server->requestCount(), 1);
        call->abort();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(call->result().error().code, QStringLiteral("llm_cancelled"));
        delete call;

        CancelToken token;
        token.cancel();
        QCOMPARE(c->sendAndWait(jsonRequest(), token).error().code,
                 QStringLiteral("llm_cancelled"));
    }

    void malformed_data()
    {
        QTest::addColumn<int>("api");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("not json") << int(LlmApi::Responses) << QByteArray("{\"output\": [");
        QTest::newRow("responses text not json")
            << int(LlmApi::Responses) << responsesAnswer(QStringLiteral("Sure! The number is 42"));
        QTest::newRow("chat text not json")
            << int(LlmApi::ChatCompletions) << chatAnswer(QStringLiteral("{\"number\": \"4"));
        QTest::newRow("chat no choices") << int(LlmApi::ChatCompletions) << QByteArray("{}");
    }
    void malformed()
    {
        QFETCH(int, api);
        QFETCH(QByteArray, body);
        m_server->enqueue(ScriptedResponse::json(200, body));
        auto c = client(LlmApi(api));
        const auto result = c->sendAndWait(jsonRequest());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("llm_bad_json"));
        QCOMPARE(m_server->requestCount(), 1);
    }

    void refusalAndCutOff_data()
    {
        QTest::addColumn<int>("api");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        const QByteArray responsesRefusal =
            QJsonDocument(QJsonObject{{QStringLiteral("status"), QStringLiteral("completed")},
                                      {QStringLiteral("output"),
                                       QJsonArray{QJsonObject{
                                           {QStringLiteral("type"), QStringLiteral("message")},
                                           {QStringLiteral("content"),
                                            QJsonArray{QJsonObject{
                                                {QStringLiteral("type"), QStringLiteral("refusal")},
                                                {QStringLiteral("refusal"),
                                                 QStringLiteral("I can't help with that.")}}}}}}}})
                .toJson(QJsonDocument::Compact);
        const QByteArray responsesIncomplete =
            QJsonDocument(QJsonObject{{QStringLiteral("status"), QStringLiteral("incomplete")},
                                      {QStringLiteral("incomplete_details"),
                                       QJsonObject{{QStringLiteral("reason"),
                                                    QStringLiteral("max_output_tokens")}}},
                                      {QStringLiteral("output"), QJsonArray{}}})
                .toJson(QJsonDocument::Compact);
        QJsonObject chatRefusal = QJsonDocument::fromJson(chatAnswer(QString())).object();
        QJsonArray choices = chatRefusal.value(QStringLiteral("choices")).toArray();
        QJsonObject choice = choices.first().toObject();
        QJsonObject message = choice.value(QStringLiteral("message")).toObject();
        message.insert(QStringLiteral("content"), QJsonValue::Null);
        message.insert(QStringLiteral("refusal"), QStringLiteral("I can't help with that."));
        choice.insert(QStringLiteral("message"), message);
        choices.replace(0, choice);
        chatRefusal.insert(QStringLiteral("choices"), choices);

        QTest::newRow("responses refusal")
            << int(LlmApi::Responses) << responsesRefusal << QStringLiteral("llm_refusal");
        QTest::newRow("responses incomplete")
            << int(LlmApi::Responses) << responsesIncomplete << QStringLiteral("llm_truncated");
        QTest::newRow("chat refusal") << int(LlmApi::ChatCompletions)
                                      << QJsonDocument(chatRefusal).toJson(QJsonDocument::Compact)
                                      << QStringLiteral("llm_refusal");
        QTest::newRow("chat length")
            << int(LlmApi::ChatCompletions)
            << chatAnswer(QStringLiteral("{\"number\": \"12"), QStringLiteral("length"))
            << QStringLiteral("llm_truncated");
        QTest::newRow("chat content filter")
            << int(LlmApi::ChatCompletions)
            << chatAnswer(QString(), QStringLiteral("content_filter"))
            << QStringLiteral("llm_refusal");
    }
    void refusalAndCutOff()
    {
        QFETCH(int, api);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        m_server->enqueue(ScriptedResponse::json(200, body));
        auto c = client(LlmApi(api));
        const auto result = c->sendAndWait(jsonRequest());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, expected);
    }

    void thinkingStripped()
    {
        m_server->enqueue(ScriptedResponse::json(
            200, chatAnswer(QStringLiteral("◁think▷The number is probably 7 {not json}◁/think▷\n"
                                           "```json\n{\"number\": \"7\"}\n```"))));
        ProviderConfig k = ProviderConfig::kimiVl();
        k.baseUrl = m_server->url(QStringLiteral("/v1"));
        k.apiKey = kKey;
        LlmClient c(k);
        const auto result = c.sendAndWait(jsonRequest());
        QVERIFY2(result.ok(), qPrintable(result.error().message));
        QCOMPARE(result.value().json.value(QStringLiteral("number")).toString(),
                 QStringLiteral("7"));
        QVERIFY(!result.value().text.contains(QStringLiteral("think")));
        const QJsonObject body =
            QJsonDocument::fromJson(m_server->requests().first().body).object();
        QVERIFY(!body.contains(QStringLiteral("prompt_cache_key")));
        QVERIFY(!body.contains(QStringLiteral("tools")));
    }

    void reasoningModelsGetNoTemperature_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("temperature");
        QTest::newRow("gpt-4.1-mini") << QStringLiteral("gpt-4.1-mini") << true;
        QTest::newRow("gpt-5-mini") << QStringLiteral("gpt-5-mini") << false;
        QTest::newRow("o4-mini") << QStringLiteral("o4-mini") << false;
    }
    void reasoningModelsGetNoTemperature()
    {
        QFETCH(QString, model);
        QFETCH(bool, temperature);
        m_server->enqueue(ScriptedResponse::json(200, responsesAnswer(QStringLiteral("{}"))));
        ProviderConfig c;
        c.baseUrl = m_server->url(QStringLiteral("/v1"));
        c.model = model;
        LlmClient cl(c);
        QVERIFY(cl.sendAndWait(jsonRequest()).ok());
        const QJsonObject body =
            QJsonDocument::fromJson(m_server->requests().first().body).object();
        QCOMPARE(body.contains(QStringLiteral("temperature")), temperature);
        QVERIFY(body.value(QStringLiteral("max_output_tokens")).toInt() >=
                (temperature ? 1 : 16000));
    }

    void oversizedAnswerIsRefused()
    {
        m_server->enqueue(ScriptedResponse::json(200, QByteArray(300000, ' ') + "{}"));
        ProviderConfig c;
        c.baseUrl = m_server->url(QStringLiteral("/v1"));
        c.maxResponseBytes = 100000;
        LlmClient cl(c);
        const auto result = cl.sendAndWait(jsonRequest());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("llm_response_too_large"));
        QCOMPARE(m_server->requestCount(), 1);
    }

    void keepAliveAndClose()
    {
        ScriptedResponse closing =
            ScriptedResponse::json(200, responsesAnswer(QStringLiteral("{}")));
        closing.closeConnection = true;
        m_server->enqueue(ScriptedResponse::json(200, responsesAnswer(QStringLiteral("{}"))));
        m_server->enqueue(ScriptedResponse::json(200, responsesAnswer(QStringLiteral("{}"))));
        m_server->enqueue(closing);
        m_server->enqueue(ScriptedResponse::json(200, responsesAnswer(QStringLiteral("{}"))));
        auto c = client(LlmApi::Responses);
        for (int i = 0; i < 4; ++i)
            QVERIFY(c->sendAndWait(jsonRequest()).ok());
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 4);
        QCOMPARE(requests.at(1).connection, requests.at(0).connection);  // kept alive
        QVERIFY(requests.at(3).connection != requests.at(2).connection); // reconnected
    }

    void listModels()
    {
        m_server->enqueue(ScriptedResponse::json(
            200,
            QByteArrayLiteral(
                R"({"object":"list","data":[)"
                R"({"id":"gpt-5-mini","object":"model","created":1,"owned_by":"openai","shutdown_date":"2026-12-11"},)"
                R"({"id":"gpt-4.1","object":"model","created":1,"owned_by":"openai","shutdown_date":null}]})")));
        m_server->enqueue(ScriptedResponse::json(
            401, errorBody(QStringLiteral("bad key"), QStringLiteral("invalid_request_error"),
                           QStringLiteral("invalid_api_key"))));
        auto c = client(LlmApi::Responses);
        std::optional<Result<QList<LlmModelInfo>>> got;
        ModelCatalog::fetch(c->network(), c->config(), this,
                            [&got](Result<QList<LlmModelInfo>> r) { got.emplace(std::move(r)); });
        QTRY_VERIFY(got.has_value());
        QVERIFY(got->ok());
        QCOMPARE(got->value().size(), 2);
        QCOMPARE(got->value().at(0).id, QStringLiteral("gpt-4.1"));
        QVERIFY(!got->value().at(0).shutdownDate.isValid());
        QCOMPARE(got->value().at(1).shutdownDate, QDate(2026, 12, 11));
        QVERIFY(got->value().at(1).isRetiredOn(QDate(2026, 12, 11)));
        const RecordedRequest r = m_server->requests().first();
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.path, QByteArray("/v1/models"));
        got.reset();
        ModelCatalog::fetch(c->network(), c->config(), this,
                            [&got](Result<QList<LlmModelInfo>> r) { got.emplace(std::move(r)); });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->error().code, QStringLiteral("llm_auth"));
    }

    void keyNeverLogged()
    {
        // Runs last: every message of every test above went through the capture.
        const QStringList log = LogCapture::messages();
        QVERIFY(log.size() > 10);
        for (const QString &line : log) {
            QVERIFY2(!line.contains(kKey), qPrintable(line));
            QVERIFY2(!line.contains(QStringLiteral("SECRET-0123")), qPrintable(line));
            QVERIFY2(!line.contains(QStringLiteral("sk-te***")), qPrintable(line));
        }
        QVERIFY(log.filter(QStringLiteral("x-request-id req_abc123")).size() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestLlmClient)
#include "test_llm_client.moc"
