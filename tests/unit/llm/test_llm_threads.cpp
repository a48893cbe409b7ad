// Clients in several worker threads: one rate limiter per provider across threads, and
// agents kept thread_local in pool threads (as the pipeline's WorkerResources do).
#include "LlmTestSupport.h"
#include "llm/LlmClient.h"
#include "llm/RateLimiter.h"

#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <atomic>

using namespace docket;
using namespace docket::test;

namespace {

LlmRequest request()
{
    LlmRequest r;
    r.messages = {LlmMessage::user({LlmContentPart::fromText(QStringLiteral("ping"))})};
    r.jsonMode = true;
    return r;
}

} // namespace

class TestLlmThreads : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sharedLimiterAcrossThreads()
    {
        TestHttpServer server;
        QVERIFY(server.start());
        server.setResponder([](const RecordedRequest &) {
            ScriptedResponse r = ScriptedResponse::json(200, responsesAnswer(QStringLiteral("{}")));
            r.delayMs = 60;
            return r;
        });
        ProviderConfig c;
        c.name = QStringLiteral("threads-shared");
        c.baseUrl = server.url(QStringLiteral("/v1"));
        c.model = QStringLiteral("gpt-test");
        c.maxConcurrent = 2;
        std::atomic<int> ok{0};
        QList<QThread *> threads;
        for (int t = 0; t < 6; ++t) {
            threads.append(QThread::create([&ok, c] {
                LlmClient client(c); // its own network manager, the provider's shared limiter
                for (int i = 0; i < 3; ++i)
                    if (client.sendAndWait(request()).ok())
                        ++ok;
            }));
            threads.last()->start();
        }
        for (QThread *t : threads) {
            QVERIFY(t->wait(60000));
            delete t;
        }
        QCOMPARE(ok.load(), 18);
        QCOMPARE(server.requestCount(), 18);
        QVERIFY(server.maxConcurrentRequests() <= 2);
        QVERIFY(server.maxConcurrentRequests() >= 1);
        QCOMPARE(RateLimiter::shared(c.name + QLatin1Char('|') + c.baseUrl.toString(),
                                     RateLimiter::Limits{})
                     ->inFlight(),
                 0);
    }

    void threadLocalClientsInAPool()
    {
        TestHttpServer server;
        QVERIFY(server.start());
        server.setResponder([](const RecordedRequest &) {
            return ScriptedResponse::json(200, responsesAnswer(QStringLiteral("{}")));
        });
        const QUrl base = server.url(QStringLiteral("/v1"));
        std::atomic<int> ok{0};
        {
            QThreadPool pool;
            pool.setMaxThreadCount(3);
            for (int i = 0; i < 12; ++i)
                pool.start([&ok, base] {
                    thread_local std::unique_ptr<LlmClient> client;
                    if (!client) {
                        ProviderConfig c;
                        c.name = QStringLiteral("threads-pool");
                        c.baseUrl = base;
                        client = std::make_unique<LlmClient>(c);
                    }
                    if (client->sendAndWait(request()).ok())
                        ++ok;
                });
            QVERIFY(pool.waitForDone(60000));
        } // the pool's threads end here and destroy their clients
        QCOMPARE(ok.load(), 12);
        QCOMPARE(server.requestCount(), 12);
    }
};

QTEST_GUILESS_MAIN(TestLlmThreads)
#include "test_llm_threads.moc"
