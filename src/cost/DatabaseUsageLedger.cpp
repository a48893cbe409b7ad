#include "DatabaseUsageLedger.h"

#include "storage/UsageRepository.h"

#include <QMutexLocker>

namespace docket {

namespace {

QString periodKey(const QDateTime &from, const QDateTime &to)
{
    return QString::number(from.toMSecsSinceEpoch()) + QLatin1Char('-') +
           QString::number(to.toMSecsSinceEpoch());
}

UsageEntry entryOf(const UsageRecord &r)
{
    UsageEntry e;
    e.time = r.at.toUTC();
    e.provider = r.provider;
    e.model = r.model;
    e.step = r.step;
    e.documentId = r.documentId;
    e.inputTokens = r.inputTokens;
    e.cachedTokens = r.cachedTokens;
    e.outputTokens = r.outputTokens;
    e.cost = UsdAmount::fromDouble(r.costUsd);
    return e;
}

} // namespace

DatabaseUsageLedger::DatabaseUsageLedger(ConnectionFn connection, int maxAgeMs)
    : m_connection(std::move(connection)), m_maxAgeMs(maxAgeMs)
{}

DatabaseUsageLedger::DatabaseUsageLedger(Database &db, int maxAgeMs)
    : DatabaseUsageLedger([&db]() -> Result<Database *> { return &db; }, maxAgeMs)
{}

void DatabaseUsageLedger::setMaxAge(int ms)
{
    QMutexLocker lock(&m_mutex);
    m_maxAgeMs = ms;
    m_cache.clear();
}

Status DatabaseUsageLedger::record(const UsageEntry &entry)
{
    auto db = m_connection();
    if (!db)
        return db.error();
    UsageRecord r;
    r.documentId = entry.documentId;
    r.provider = entry.provider;
    r.model = entry.model;
    r.step = entry.step;
    r.requests = 1;
    r.inputTokens = entry.inputTokens;
    r.cachedTokens = entry.cachedTokens;
    r.outputTokens = entry.outputTokens;
    r.costUsd = entry.cost.toDouble();
    r.at = entry.time.isValid() ? entry.time.toUTC() : QDateTime::currentDateTimeUtc();
    auto added = UsageRepository(*db.value()).add(r);
    if (!added)
        return added.error();
    // Our own spend counts at once in the sums we keep.
    UsageEntry counted = entry;
    counted.time = r.at;
    QMutexLocker lock(&m_mutex);
    for (Cached &c : m_cache)
        if (counted.time >= c.from && counted.time < c.to)
            c.totals.add(counted);
    return {};
}

Result<UsageTotals> DatabaseUsageLedger::totals(const QDateTime &from, const QDateTime &to) const
{
    const QString key = periodKey(from, to);
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_cache.constFind(key);
        if (it != m_cache.constEnd() && m_maxAgeMs > 0 && !it->age.hasExpired(m_maxAgeMs))
            return it->totals;
    }
    auto db = m_connection();
    if (!db)
        return db.error();
    auto sum = UsageRepository(*db.value()).total(from, to);
    if (!sum)
        return sum.error();
    UsageTotals t;
    t.requests = sum.value().requests;
    t.inputTokens = sum.value().inputTokens;
    t.cachedTokens = sum.value().cachedTokens;
    t.outputTokens = sum.value().outputTokens;
    t.cost = UsdAmount::fromDouble(sum.value().costUsd);
    if (m_maxAgeMs > 0) {
        QMutexLocker lock(&m_mutex);
        if (m_cache.size() > 16) // days and months come and go
            m_cache.clear();
        Cached &c = m_cache[key];
        c.from = from.toUTC();
        c.to = to.toUTC();
        c.totals = t;
        c.age.start();
    }
    return t;
}

Result<QList<UsageEntry>> DatabaseUsageLedger::records(const QDateTime &from,
                                                       const QDateTime &to) const
{
    auto db = m_connection();
    if (!db)
        return db.error();
    auto rows = UsageRepository(*db.value()).records(from, to);
    if (!rows)
        return rows.error();
    QList<UsageEntry> out;
    out.reserve(rows.value().size());
    for (const UsageRecord &r : rows.value())
        out.append(entryOf(r));
    return out;
}

} // namespace docket
