// RetryPolicy and RateLimiter: pure logic, table-driven.
#include "llm/RateLimiter.h"
#include "llm/RetryPolicy.h"

#include <QTest>
#include <QTimeZone>

using namespace docket;

class TestLlmRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decide_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QByteArray>("shouldRetry");
        QTest::addColumn<bool>("retry");
        QTest::newRow("400") << 400 << QString() << QByteArray() << false;
        QTest::newRow("401") << 401 << QString() << QByteArray() << false;
        QTest::newRow("403") << 403 << QString() << QByteArray() << false;
        QTest::newRow("404") << 404 << QString() << QByteArray() << false;
        QTest::newRow("422") << 422 << QString() << QByteArray() << false;
        QTest::newRow("408") << 408 << QString() << QByteArray() << true;
        QTest::newRow("409") << 409 << QString() << QByteArray() << true;
        QTest::newRow("429 rate") << 429 << QStringLiteral("rate_limit_exceeded") << QByteArray()
                                  << true;
        QTest::newRow("429 quota")
            << 429 << QStringLiteral("insufficient_quota") << QByteArray() << false;
        QTest::newRow("429 quota, header true")
            << 429 << QStringLiteral("insufficient_quota") << QByteArray("true") << false;
        QTest::newRow("500") << 500 << QString() << QByteArray() << true;
        QTest::newRow("503") << 503 << QString() << QByteArray() << true;
        QTest::newRow("network") << 0 << QString() << QByteArray() << true;
        QTest::newRow("500 header false") << 500 << QString() << QByteArray("false") << false;
        QTest::newRow("400 header true") << 400 << QString() << QByteArray("true") << true;
    }
    void decide()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QByteArray, shouldRetry);
        QFETCH(bool, retry);
        RetryPolicy p;
        HttpHeaders h;
        if (!shouldRetry.isEmpty())
            h.insert("x-should-retry", shouldRetry);
        QCOMPARE(p.decide(0, status, h, code).retry, retry);
        QVERIFY(!p.decide(2, status, h, code).retry); // max retries (2) reached
    }

    void backoff_data()
    {
        QTest::addColumn<int>("retriesDone");
        QTest::addColumn<double>("random");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("0, no jitter") << 0 << 0.0 << qint64(500);
        QTest::newRow("1, no jitter") << 1 << 0.0 << qint64(1000);
        QTest::newRow("3, no jitter") << 3 << 0.0 << qint64(4000);
        QTest::newRow("4, capped") << 4 << 0.0 << qint64(8000);
        QTest::newRow("9, capped") << 9 << 0.0 << qint64(8000);
        QTest::newRow("0, max jitter") << 0 << 0.999999 << qint64(375);
        QTest::newRow("2, half jitter") << 2 << 0.5 << qint64(1750);
    }
    void backoff()
    {
        QFETCH(int, retriesDone);
        QFETCH(double, random);
        QFETCH(qint64, expected);
        RetryPolicy p;
        p.maxRetries = 20;
        p.random = [random] { return random; };
        QCOMPARE(p.backoffMs(retriesDone), expected);
        QCOMPARE(p.decide(retriesDone, 500, {}, {}).delayMs, expected);
    }

    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("delay"); // -1: backoff
        QTest::newRow("ms") << QByteArray("retry-after-ms") << QByteArray("250") << qint64(250);
        QTest::newRow("ms fraction")
            << QByteArray("retry-after-ms") << QByteArray("12.4") << qint64(12);
        QTest::newRow("seconds") << QByteArray("retry-after") << QByteArray("3") << qint64(3000);
        QTest::newRow("seconds fraction")
            << QByteArray("retry-after") << QByteArray("1.5") << qint64(1500);
        QTest::newRow("http date") << QByteArray("retry-after")
                                   << QByteArray("Wed, 21 Oct 2015 07:28:10 GMT") << qint64(10000);
        QTest::newRow("beyond 60 s")
            << QByteArray("retry-after") << QByteArray("120") << qint64(-1);
        QTest::newRow("zero") << QByteArray("retry-after") << QByteArray("0") << qint64(-1);
        QTest::newRow("garbage") << QByteArray("retry-after") << QByteArray("soon") << qint64(-1);
    }
    void retryAfter()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(qint64, delay);
        HttpHeaders h{{name, value}};
        const QDateTime now(QDate(2015, 10, 21), QTime(7, 28, 0), QTimeZone::utc());
        if (name == "retry-after" && value.contains("GMT")) {
            QCOMPARE(RetryPolicy::retryAfterMs(h, now).value_or(-1), delay);
            return;
        }
        RetryPolicy p;
        p.random = [] { return 0.0; };
        const auto d = p.decide(0, 429, h, QStringLiteral("rate_limit_exceeded"));
        QVERIFY(d.retry);
        QCOMPARE(d.delayMs, delay < 0 ? qint64(500) : delay);
    }

    void duration_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms"); // -1: invalid
        QTest::newRow("6m0s") << QStringLiteral("6m0s") << qint64(360000);
        QTest::newRow("12ms") << QStringLiteral("12ms") << qint64(12);
        QTest::newRow("1s") << QStringLiteral("1s") << qint64(1000);
        QTest::newRow("1.5s") << QStringLiteral("1.5s") << qint64(1500);
        QTest::newRow("2h3m4s") << QStringLiteral("2h3m4s") << qint64(7384000);
        QTest::newRow("20") << QStringLiteral("20") << qint64(20000);
        QTest::newRow("empty") << QString() << qint64(-1);
        QTest::newRow("junk") << QStringLiteral("abc") << qint64(-1);
        QTest::newRow("trailing junk") << QStringLiteral("1sx") << qint64(-1);
    }
    void duration()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        QCOMPARE(RateLimiter::parseDurationMs(text).value_or(-1), ms);
    }

    void concurrencyLimit()
    {
        RateLimiter limiter(RateLimiter::Limits{2, 0, 0});
        QCOMPARE(limiter.tryAcquire(10), 0);
        QCOMPARE(limiter.tryAcquire(10), 0);
        QVERIFY(limiter.tryAcquire(10) > 0);
        QCOMPARE(limiter.inFlight(), 2);
        limiter.release();
        QCOMPARE(limiter.tryAcquire(10), 0);
    }

    void budgetsFromHeaders()
    {
        using namespace std::chrono;
        RateLimiter::Clock::time_point t{};
        RateLimiter limiter(RateLimiter::Limits{100, 0, 0});
        limiter.setClock([&t] { return t; });
        QCOMPARE(limiter.tryAcquire(1000), 0); // nothing known yet: go
        limiter.release();
        limiter.update({{"x-ratelimit-limit-requests", "60"},
                        {"x-ratelimit-remaining-requests", "1"},
                        {"x-ratelimit-reset-requests", "1s"},
                        {"x-ratelimit-limit-tokens", "10000"},
                        {"x-ratelimit-remaining-tokens", "3000"},
                        {"x-ratelimit-reset-tokens", "6m0s"}});
        QCOMPARE(limiter.remainingRequests().value_or(-1), 1);
        QVERIFY(limiter.tryAcquire(5000) > 0); // not enough tokens left
        QCOMPARE(limiter.tryAcquire(2000), 0); // the last request of the window
        limiter.release();
        const qint64 wait = limiter.tryAcquire(10);
        QVERIFY(wait > 0 && wait <= 1000);
        t += milliseconds(1001);               // the request window resets
        QVERIFY(limiter.tryAcquire(2000) > 0); // the tokens window has not reset yet
        QCOMPARE(limiter.tryAcquire(900), 0);
        limiter.release();
        t += minutes(7);
        QCOMPARE(limiter.tryAcquire(50000), 0); // larger than the budget: goes when it is full
        QCOMPARE(limiter.limits().tokensPerMinute, 10000);
    }

    void configuredBudget()
    {
        using namespace std::chrono;
        RateLimiter::Clock::time_point t{};
        RateLimiter limiter(RateLimiter::Limits{100, 2, 0});
        limiter.setClock([&t] { return t; });
        QCOMPARE(limiter.tryAcquire(1), 0);
        QCOMPARE(limiter.tryAcquire(1), 0);
        QVERIFY(limiter.tryAcquire(1) > 0);
        t += minutes(1);
        QCOMPARE(limiter.tryAcquire(1), 0);
    }

    void sharedPerProvider()
    {
        auto a = RateLimiter::shared(QStringLiteral("p|x"), RateLimiter::Limits{});
        auto b = RateLimiter::shared(QStringLiteral("p|x"), RateLimiter::Limits{});
        auto c = RateLimiter::shared(QStringLiteral("p|y"), RateLimiter::Limits{});
        QCOMPARE(a.get(), b.get());
        QVERIFY(a.get() != c.get());
    }
};

QTEST_GUILESS_MAIN(TestLlmRetryPolicy)
#include "test_llm_retry_policy.moc"
