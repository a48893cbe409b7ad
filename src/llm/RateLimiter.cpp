#include "RateLimiter.h"

#include <QMap>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace docket {

namespace {

constexpr qint64 kMinuteMs = 60000;

qint64 msUntil(RateLimiter::Clock::time_point t, RateLimiter::Clock::time_point now)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(t - now).count();
}

} // namespace

RateLimiter::RateLimiter() : RateLimiter(Limits{}) {}

RateLimiter::RateLimiter(Limits limits) : m_limits(limits)
{
    m_limits.maxConcurrent = std::max(1, m_limits.maxConcurrent);
    m_requests.limit = std::max(0, limits.requestsPerMinute);
    m_tokens.limit = std::max<qint64>(0, limits.tokensPerMinute);
}

void RateLimiter::setClock(std::function<Clock::time_point()> now)
{
    QMutexLocker lock(&m_mutex);
    m_now = std::move(now);
}

RateLimiter::Clock::time_point RateLimiter::now() const
{
    return m_now ? m_now() : Clock::now();
}

void RateLimiter::refill(Budget &b, Clock::time_point t) const
{
    if (b.limit <= 0 || !b.remaining)
        return;
    if (t >= b.resetAt) {
        b.remaining = b.limit;
        b.resetAt = t + std::chrono::milliseconds(kMinuteMs);
    }
}

qint64 RateLimiter::waitFor(const Budget &b, qint64 need, Clock::time_point t)
{
    if (!b.remaining)
        return 0;
    // A request larger than the whole budget may go once the budget is full.
    const qint64 enough = b.limit > 0 ? std::min(need, b.limit) : need;
    if (*b.remaining >= enough)
        return 0;
    return std::max<qint64>(1, msUntil(b.resetAt, t));
}

qint64 RateLimiter::tryAcquire(qint64 estimatedTokens)
{
    QMutexLocker lock(&m_mutex);
    const Clock::time_point t = now();
    if (m_inFlight >= m_limits.maxConcurrent)
        return 25; // a slot frees when a request ends; look again soon
    refill(m_requests, t);
    refill(m_tokens, t);
    const qint64 wait = std::max(waitFor(m_requests, 1, t),
                                 waitFor(m_tokens, std::max<qint64>(0, estimatedTokens), t));
    if (wait > 0)
        return wait;
    ++m_inFlight;
    auto spend = [&t](Budget &b, qint64 n) {
        if (!b.remaining && b.limit > 0) { // a configured budget starts counting now
            b.remaining = b.limit;
            b.resetAt = t + std::chrono::milliseconds(kMinuteMs);
        }
        if (b.remaining)
            b.remaining = *b.remaining - n;
    };
    spend(m_requests, 1);
    spend(m_tokens, std::max<qint64>(0, estimatedTokens));
    return 0;
}

void RateLimiter::release()
{
    QMutexLocker lock(&m_mutex);
    m_inFlight = std::max(0, m_inFlight - 1);
}

void RateLimiter::update(const HttpHeaders &headers)
{
    QMutexLocker lock(&m_mutex);
    const Clock::time_point t = now();
    auto apply = [&](Budget &b, const char *suffix) {
        const QByteArray s(suffix);
        bool ok = false;
        const qint64 limit = headers.value("x-ratelimit-limit-" + s).trimmed().toLongLong(&ok);
        if (ok && limit > 0)
            b.limit = limit;
        const qint64 remaining =
            headers.value("x-ratelimit-remaining-" + s).trimmed().toLongLong(&ok);
        if (ok && remaining >= 0)
            b.remaining = remaining;
        const auto reset =
            parseDurationMs(QString::fromLatin1(headers.value("x-ratelimit-reset-" + s)));
        if (reset)
            b.resetAt = t + std::chrono::milliseconds(*reset);
        else if (ok && b.resetAt < t)
            b.resetAt = t + std::chrono::milliseconds(kMinuteMs);
    };
    apply(m_requests, "requests");
    apply(m_tokens, "tokens");
}

int RateLimiter::inFlight() const
{
    QMutexLocker lock(&m_mutex);
    return m_inFlight;
}

RateLimiter::Limits RateLimiter::limits() const
{
    QMutexLocker lock(&m_mutex);
    Limits l = m_limits;
    l.requestsPerMinute = int(m_requests.limit);
    l.tokensPerMinute = m_tokens.limit;
    return l;
}

std::optional<qint64> RateLimiter::remainingRequests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests.remaining;
}

std::optional<qint64> RateLimiter::remainingTokens() const
{
    QMutexLocker lock(&m_mutex);
    return m_tokens.remaining;
}

std::optional<qint64> RateLimiter::parseDurationMs(const QString &text)
{
    const QString s = text.trimmed();
    if (s.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double plain = s.toDouble(&ok);
    if (ok)
        return plain < 0 ? std::nullopt : std::optional<qint64>(std::llround(plain * 1000.0));
    static const QRegularExpression part(QStringLiteral("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|h|m|s)"));
    static const QMap<QString, double> unitMs{
        {QStringLiteral("h"), 3600000.0}, {QStringLiteral("m"), 60000.0},
        {QStringLiteral("s"), 1000.0},    {QStringLiteral("ms"), 1.0},
        {QStringLiteral("us"), 0.001},    {QStringLiteral("µs"), 0.001},
        {QStringLiteral("ns"), 0.000001}};
    double total = 0;
    qsizetype pos = 0;
    auto it = part.globalMatch(s);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.capturedStart() != pos)
            return std::nullopt;
        total += m.captured(1).toDouble() * unitMs.value(m.captured(2));
        pos = m.capturedEnd();
    }
    if (pos != s.size() || pos == 0)
        return std::nullopt;
    return static_cast<qint64>(std::ceil(total));
}

std::shared_ptr<RateLimiter> RateLimiter::shared(const QString &providerKey, Limits limits)
{
    static QMutex mutex;
    static QMap<QString, std::weak_ptr<RateLimiter>> registry;
    QMutexLocker lock(&mutex);
    if (auto existing = registry.value(providerKey).lock())
        return existing;
    auto created = std::make_shared<RateLimiter>(limits);
    registry.insert(providerKey, created);
    return created;
}

} // namespace docket
