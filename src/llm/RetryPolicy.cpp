#include "RetryPolicy.h"

#include <QLocale>
#include <QRandomGenerator>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace docket {

namespace {

std::optional<QDateTime> parseHttpDate(const QByteArray &value)
{
    // IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT" (RFC 9110); also RFC 850 and asctime
    // variants, which QDateTime handles via Qt::RFC2822Date for the common case.
    const QString s = QString::fromLatin1(value).trimmed();
    QDateTime dt = QDateTime::fromString(s, Qt::RFC2822Date);
    if (!dt.isValid()) {
        QString t = s;
        if (t.endsWith(QLatin1String(" GMT")))
            t.chop(4);
        dt = QLocale::c().toDateTime(t, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
        if (dt.isValid())
            dt.setTimeZone(QTimeZone::utc());
    }
    if (!dt.isValid())
        return std::nullopt;
    return dt;
}

} // namespace

std::optional<qint64> RetryPolicy::retryAfterMs(const HttpHeaders &headers, const QDateTime &now)
{
    bool ok = false;
    const QByteArray ms = headers.value(QByteArrayLiteral("retry-after-ms")).trimmed();
    if (!ms.isEmpty()) {
        const double v = ms.toDouble(&ok);
        if (ok && std::isfinite(v))
            return static_cast<qint64>(std::llround(v));
    }
    const QByteArray ra = headers.value(QByteArrayLiteral("retry-after")).trimmed();
    if (ra.isEmpty())
        return std::nullopt;
    const double seconds = ra.toDouble(&ok);
    if (ok && std::isfinite(seconds))
        return static_cast<qint64>(std::llround(seconds * 1000.0));
    if (const auto date = parseHttpDate(ra))
        return now.msecsTo(*date);
    return std::nullopt;
}

bool RetryPolicy::isRetryableStatus(int httpStatus, const QString &errorCode)
{
    if (errorCode == QLatin1String("insufficient_quota"))
        return false;
    if (httpStatus == 0) // connection error or timeout
        return true;
    return httpStatus == 408 || httpStatus == 409 || httpStatus == 429 || httpStatus >= 500;
}

qint64 RetryPolicy::backoffMs(int retriesDone) const
{
    const double base = std::min(double(initialDelayMs) * std::pow(2.0, std::max(0, retriesDone)),
                                 double(maxDelayMs));
    const double r = random ? random() : QRandomGenerator::global()->generateDouble();
    return static_cast<qint64>(std::llround(base * (1.0 - 0.25 * r)));
}

RetryPolicy::Decision RetryPolicy::decide(int retriesDone, int httpStatus,
                                          const HttpHeaders &headers,
                                          const QString &errorCode) const
{
    if (retriesDone >= maxRetries)
        return {};
    if (errorCode == QLatin1String("insufficient_quota"))
        return {};
    const QByteArray should = headers.value(QByteArrayLiteral("x-should-retry")).trimmed();
    bool retry;
    if (should == "true")
        retry = true;
    else if (should == "false")
        retry = false;
    else
        retry = isRetryableStatus(httpStatus, errorCode);
    if (!retry)
        return {};
    const auto after = retryAfterMs(headers);
    if (after && *after > 0 && *after <= maxRetryAfterMs)
        return {true, *after};
    return {true, backoffMs(retriesDone)};
}

} // namespace docket
