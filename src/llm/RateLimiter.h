#pragma once

#include "HttpHeaders.h"

#include <QMutex>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace docket {

// Client-side limits of one provider, shared by all its clients across worker threads
// (thread-safe): at most maxConcurrent requests in flight, and requests- and
// tokens-per-minute budgets that the server's x-ratelimit-* headers keep up to date.
// Non-blocking: tryAcquire() grants a slot or says how long to wait, so a client can
// schedule a timer instead of blocking its thread.
class RateLimiter
{
public:
    using Clock = std::chrono::steady_clock;

    struct Limits
    {
        int maxConcurrent = 8;
        int requestsPerMinute = 0; // 0: unknown (unlimited until headers say otherwise)
        qint64 tokensPerMinute = 0;
    };

    RateLimiter();
    explicit RateLimiter(Limits limits);

    // 0: granted (call release() when the request is over); else ms to wait before asking
    // again.
    qint64 tryAcquire(qint64 estimatedTokens);
    void release();
    // Reads x-ratelimit-limit|remaining|reset-requests|tokens.
    void update(const HttpHeaders &headers);

    int inFlight() const;
    Limits limits() const;
    std::optional<qint64> remainingRequests() const;
    std::optional<qint64> remainingTokens() const;

    // "6m0s", "12ms", "1.5s", "2h3m4.5s", "30" (seconds) -> milliseconds.
    static std::optional<qint64> parseDurationMs(const QString &text);

    // One limiter per provider key (e.g. name + base URL), created on first use.
    static std::shared_ptr<RateLimiter> shared(const QString &providerKey, Limits limits);

    // For tests: the time source.
    void setClock(std::function<Clock::time_point()> now);

private:
    struct Budget
    {
        qint64 limit = 0;                // 0: unknown
        std::optional<qint64> remaining; // unknown until counted or told
        Clock::time_point resetAt{};     // when remaining returns to limit
    };
    void refill(Budget &b, Clock::time_point now) const;
    static qint64 waitFor(const Budget &b, qint64 need, Clock::time_point now);
    Clock::time_point now() const;

    mutable QMutex m_mutex;
    Limits m_limits;
    int m_inFlight = 0;
    Budget m_requests;
    Budget m_tokens;
    std::function<Clock::time_point()> m_now;
};

} // namespace docket
