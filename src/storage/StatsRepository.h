#pragma once

#include "core/Result.h"

#include <QDate>
#include <QDateTime>
#include <QMap>
#include <QString>

namespace docket {

class Database;

// Throughput and quality over a period, for the supervisor's dashboard.
struct QualityStats
{
    int processed = 0; // pipeline runs that finished (audit "processed")
    int autoApproved = 0;
    int needsReview = 0;
    int failed = 0;
    int approved = 0; // reviewer decisions
    int rejected = 0;
    int corrections = 0;
    int correctedDocuments = 0;
    QMap<QString, int> correctionsByField; // "line_items[2].amount" counts as "line_items.amount"

    // Share of processed documents nobody had to look at (0 when none were processed).
    double straightThroughRate() const { return processed ? double(autoApproved) / processed : 0; }
};

// Read-only figures across the aggregates (documents, reviews, corrections, audit).
class StatsRepository
{
public:
    explicit StatsRepository(Database &db);

    Result<QualityStats> quality(const QDateTime &from, const QDateTime &to); // [from, to)
    // Documents processed per local day in [from, to]; days without any are absent.
    Result<QMap<QDate, int>> processedPerDay(const QDate &from, const QDate &to);

private:
    Database &m_db;
};

} // namespace docket
