#pragma once

#include "UsdAmount.h"
#include "core/Usage.h"

#include <QDateTime>
#include <QString>

namespace docket {

// One provider request as the cost ledger keeps it. (Named UsageEntry, not UsageRecord: the
// storage layer's row type of its usage table is docket::UsageRecord; a database-backed
// UsageLedger converts between the two.)
struct UsageEntry
{
    QDateTime time;   // an instant (kept in UTC); null: now
    QString provider; // "openai", "moonshot", ...
    QString model;
    QString step; // "classify", "extract", "repair", ...
    qint64 documentId = 0;
    qint64 inputTokens = 0; // including cached
    qint64 cachedTokens = 0;
    qint64 outputTokens = 0;
    UsdAmount cost;
};

// Sums over a period.
struct UsageTotals
{
    int requests = 0;
    qint64 inputTokens = 0;
    qint64 cachedTokens = 0;
    qint64 outputTokens = 0;
    UsdAmount cost;

    void add(const UsageEntry &r)
    {
        ++requests;
        inputTokens += r.inputTokens;
        cachedTokens += r.cachedTokens;
        outputTokens += r.outputTokens;
        cost += r.cost;
    }
    Usage toUsage() const
    {
        return {requests, inputTokens, cachedTokens, outputTokens, cost.toDouble()};
    }
};

} // namespace docket
