#pragma once

#include "HttpHeaders.h"

#include <QDateTime>
#include <QString>

#include <functional>
#include <optional>

namespace docket {

// When and how long to wait before trying a request again, as OpenAI's SDKs do:
// x-should-retry decides when present; else 408, 409, 429 and 5xx (and network failures,
// timeouts included) are retried, 400/401/403/404/422 and 429 insufficient_quota never.
// The wait is retry-after-ms, else retry-after (seconds or an HTTP date) when it is within
// (0, 60 s], else 0.5 s × 2ⁿ capped at 8 s, shortened by up to 25 % jitter.
class RetryPolicy
{
public:
    struct Decision
    {
        bool retry = false;
        qint64 delayMs = 0;
    };

    int maxRetries = 2;
    qint64 initialDelayMs = 500;
    qint64 maxDelayMs = 8000;
    qint64 maxRetryAfterMs = 60000;

    // retriesDone: how many retries were already made. httpStatus 0: no HTTP answer
    // (network error or timeout). errorCode: the body's error.code or error.type.
    Decision decide(int retriesDone, int httpStatus, const HttpHeaders &headers,
                    const QString &errorCode) const;

    static bool isRetryableStatus(int httpStatus, const QString &errorCode);
    // The server's requested wait, when it gave one (ms, may be 0 or negative).
    static std::optional<qint64>
    retryAfterMs(const HttpHeaders &headers,
                 const QDateTime &now = QDateTime::currentDateTimeUtc());
    qint64 backoffMs(int retriesDone) const; // with jitter

    // For tests: a deterministic jitter source returning a value in [0, 1).
    std::function<double()> random;
};

} // namespace docket
