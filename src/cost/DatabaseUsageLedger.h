#pragma once

#include "UsageLedger.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QMutex>

#include <functional>

namespace docket {

class Database;

// The UsageLedger over the storage layer's usage table: every workstation and worker of a
// shared database records each provider request there as one row (provider, model, step,
// document, tokens, cost), and reads the period's spend from there, so all of them see one
// spend. Reservations still in flight are the BudgetGuard's (per process, in memory).
//
// Connections belong to threads: `connection` returns the calling thread's connection to
// the database (the pipeline passes WorkerResources::database). Sums read from the database
// are kept for maxAgeMs (default 2 s) and this process's own records are added to them at
// once, so a burst of requests does not query the table for every budget check; another
// process's spend shows within that time. Thread-safe.
class DatabaseUsageLedger : public UsageLedger
{
public:
    using ConnectionFn = std::function<Result<Database *>()>;
    static constexpr int kDefaultMaxAgeMs = 2000;

    explicit DatabaseUsageLedger(ConnectionFn connection, int maxAgeMs = kDefaultMaxAgeMs);
    // One connection used from the thread that opened it only (tests, single-threaded tools).
    explicit DatabaseUsageLedger(Database &db, int maxAgeMs = kDefaultMaxAgeMs);

    Status record(const UsageEntry &entry) override;
    Result<UsageTotals> totals(const QDateTime &from, const QDateTime &to) const override;
    Result<QList<UsageEntry>> records(const QDateTime &from, const QDateTime &to) const override;

    void setMaxAge(int ms);

private:
    struct Cached
    {
        QDateTime from;
        QDateTime to;
        UsageTotals totals;
        QElapsedTimer age;
    };

    ConnectionFn m_connection;
    mutable QMutex m_mutex;
    mutable QHash<QString, Cached> m_cache; // by period
    int m_maxAgeMs;
};

} // namespace docket
