#pragma once

#include "StatsRepository.h"
#include "core/Result.h"
#include "core/Usage.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace docket {

class Database;

// What one reviewer did in a period.
struct ReviewerThroughput
{
    int approved = 0;
    int rejected = 0;
    int corrections = 0;
    int decisions() const { return approved + rejected; }
};

// The supervisor dashboard's figures for a period [from, to), aggregated in SQL (the usage
// table may hold hundreds of thousands of rows). Days are the user's local calendar; hours are
// the UTC hours the rows fall in, shown in local time.
struct DashboardFigures
{
    QDateTime from, to;
    Usage total;     // usage in the period
    Usage today;     // the local calendar day of `now`, whatever the period
    Usage thisMonth; // the local calendar month of `now`
    QMap<QString, Usage> byProvider, byModel, byStep, byDocumentType; // "" when unknown
    QMap<QDate, Usage> usagePerDay;                                   // local days with usage
    QMap<QDate, int> processedPerDay;      // local days with processed documents
    QMap<QDateTime, int> processedPerHour; // UTC hour start -> documents processed
    QList<qint64> processingMs;            // durations of the processed documents, sorted
    QualityStats quality;
    QMap<QString, ReviewerThroughput> byReviewer;

    // cached input tokens / input tokens (0 without input)
    double cacheHitRate() const;
    // Documents processed per hour over the hours of the period that had any.
    double documentsPerActiveHour() const;
    // Processed per hour of the whole period.
    double documentsPerHour() const;
    // needs_review / processed and auto_approved / processed (0 when none).
    double reviewRate() const;
    double autoApprovalRate() const;
    // Cost per processed document per local day (days with processed documents).
    QMap<QDate, double> costPerDocumentPerDay() const;
    // Nearest-rank percentile of processingMs (p in 0..100); -1 when there is none.
    qint64 processingPercentile(double p) const;
};

// Read-only queries for the dashboard. Processing time is taken from the "processed" audit
// row's detail "total_ms" when the pipeline records it, else the time from the document's
// last "claimed" audit row (a `docket worker`) to its "processed" row.
class DashboardQueries
{
public:
    explicit DashboardQueries(Database &db);

    // now: the reference for "today" and "this month" (tests pass a fixed time).
    Result<DashboardFigures> figures(const QDateTime &from, const QDateTime &to,
                                     const QDateTime &now = QDateTime::currentDateTime());

private:
    Status hourly(DashboardFigures &f, const QVariantList &period);
    Status durations(DashboardFigures &f, const QVariantList &period);
    Status reviewers(DashboardFigures &f, const QVariantList &period);

    Database &m_db;
};

} // namespace docket
