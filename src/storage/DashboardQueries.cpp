#include "DashboardQueries.h"

#include "Database.h"
#include "Sql.h"
#include "UsageRepository.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

namespace docket {

namespace {

const QString kSums = QStringLiteral("COALESCE(SUM(requests), 0), COALESCE(SUM(input_tokens), 0), "
                                     "COALESCE(SUM(cached_tokens), 0), "
                                     "COALESCE(SUM(output_tokens), 0), "
                                     "COALESCE(SUM(cost_usd), 0)");

Usage usageAt(const QSqlQuery &q, int first)
{
    Usage u;
    u.requests = q.value(first).toInt();
    u.inputTokens = q.value(first + 1).toLongLong();
    u.cachedTokens = q.value(first + 2).toLongLong();
    u.outputTokens = q.value(first + 3).toLongLong();
    u.costUsd = q.value(first + 4).toDouble();
    return u;
}

// "2026-11-23T22" (the first 13 characters of a stored timestamp) -> that UTC hour.
QDateTime hourOf(const QString &prefix)
{
    QDateTime t = QDateTime::fromString(prefix + QStringLiteral(":00:00Z"), Qt::ISODate);
    return t.toUTC();
}

} // namespace

double DashboardFigures::cacheHitRate() const
{
    return total.inputTokens > 0 ? double(total.cachedTokens) / double(total.inputTokens) : 0;
}

double DashboardFigures::documentsPerActiveHour() const
{
    if (processedPerHour.isEmpty())
        return 0;
    return double(quality.processed) / double(processedPerHour.size());
}

double DashboardFigures::documentsPerHour() const
{
    const double hours = double(from.secsTo(to)) / 3600.0;
    return hours > 0 ? double(quality.processed) / hours : 0;
}

double DashboardFigures::reviewRate() const
{
    return quality.processed ? double(quality.needsReview) / quality.processed : 0;
}

double DashboardFigures::autoApprovalRate() const
{
    return quality.processed ? double(quality.autoApproved) / quality.processed : 0;
}

QMap<QDate, double> DashboardFigures::costPerDocumentPerDay() const
{
    QMap<QDate, double> out;
    for (auto it = processedPerDay.cbegin(); it != processedPerDay.cend(); ++it)
        if (it.value() > 0)
            out.insert(it.key(), usagePerDay.value(it.key()).costUsd / it.value());
    return out;
}

qint64 DashboardFigures::processingPercentile(double p) const
{
    if (processingMs.isEmpty())
        return -1;
    const int n = int(processingMs.size());
    const int rank = qBound(1, int(std::ceil(p / 100.0 * n)), n);
    return processingMs.at(rank - 1);
}

DashboardQueries::DashboardQueries(Database &db) : m_db(db) {}

Result<DashboardFigures> DashboardQueries::figures(const QDateTime &from, const QDateTime &to,
                                                   const QDateTime &now)
{
    DashboardFigures f;
    f.from = from;
    f.to = to;
    const QVariantList period{sql::timestamp(from), sql::timestamp(to)};

    UsageRepository usage(m_db);
    const QDate today = now.toLocalTime().date();
    auto day = usage.totalForDay(today);
    if (!day)
        return day.error();
    f.today = day.value();
    auto month = usage.totalForMonth(today);
    if (!month)
        return month.error();
    f.thisMonth = month.value();

    // One index-only scan of the period's usage (index usage_period) for the total, the
    // provider, model, step and document type breakdowns and the usage per day: grouped by
    // UTC hour in SQL (a few thousand groups, whatever the number of rows), folded here.
    {
        QSqlQuery q(m_db.sql());
        q.setForwardOnly(true);
        const QString type = QStringLiteral("COALESCE(d.document_type, '')");
        const QString hour = QStringLiteral("substr(u.at, 1, 13)");
        if (Status s = sql::exec(
                q,
                QStringLiteral("SELECT ") + hour +
                    QStringLiteral(", u.provider, u.model, u.step, ") + type +
                    QStringLiteral(", ") + kSums +
                    QStringLiteral(" FROM usage u LEFT JOIN documents d ON d.id = u.document_id "
                                   "WHERE u.at >= ? AND u.at < ? GROUP BY ") +
                    hour + QStringLiteral(", u.provider, u.model, u.step, ") + type,
                period);
            !s)
            return s.error();
        QString lastHour;
        QDate day;
        while (q.next()) {
            const Usage u = usageAt(q, 5);
            f.total += u;
            f.byProvider[q.value(1).toString()] += u;
            f.byModel[q.value(2).toString()] += u;
            f.byStep[q.value(3).toString()] += u;
            f.byDocumentType[q.value(4).toString()] += u;
            const QString h = q.value(0).toString();
            if (h != lastHour) {
                lastHour = h;
                day = hourOf(h).toLocalTime().date();
            }
            f.usagePerDay[day] += u;
        }
    }
    if (Status s = hourly(f, period); !s)
        return s.error();
    if (Status s = durations(f, period); !s)
        return s.error();
    if (Status s = reviewers(f, period); !s)
        return s.error();
    auto quality = StatsRepository(m_db).quality(from, to);
    if (!quality)
        return quality.error();
    f.quality = quality.value();
    return f;
}

// Processed documents per UTC hour (grouped in SQL, so a few hundred rows whatever the size
// of the table), folded into local days here.
Status DashboardQueries::hourly(DashboardFigures &f, const QVariantList &period)
{
    QSqlQuery q(m_db.sql());
    q.setForwardOnly(true);
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT substr(at, 1, 13), COUNT(*) FROM audit_log "
                                            "WHERE action = 'processed' AND at >= ? AND at < ? "
                                            "GROUP BY substr(at, 1, 13)"),
                             period);
        !s)
        return s;
    while (q.next()) {
        const QDateTime hour = hourOf(q.value(0).toString());
        const int n = q.value(1).toInt();
        f.processedPerHour[hour] += n;
        f.processedPerDay[hour.toLocalTime().date()] += n;
    }
    return {};
}

Status DashboardQueries::durations(DashboardFigures &f, const QVariantList &period)
{
    QSqlQuery q(m_db.sql());
    q.setForwardOnly(true);
    // The claims of the processed documents may precede the period by a lease or so.
    const QVariantList values{sql::timestamp(f.from.addDays(-1)), period.at(1), period.at(0),
                              period.at(1)};
    if (Status s =
            sql::exec(q,
                      QStringLiteral("SELECT document_id, action, at, detail FROM audit_log WHERE "
                                     "((action = 'claimed' AND at >= ? AND at < ?) OR "
                                     "(action = 'processed' AND at >= ? AND at < ?)) "
                                     "ORDER BY document_id, at, id"),
                      values);
        !s)
        return s;
    qint64 current = -1;
    QDateTime claimed;
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        if (id != current) {
            current = id;
            claimed = {};
        }
        const QDateTime at = sql::parseTimestamp(q.value(2));
        if (q.value(1).toString() == QLatin1String("claimed")) {
            claimed = at;
            continue;
        }
        const QJsonValue recorded = QJsonDocument::fromJson(q.value(3).toString().toUtf8())
                                        .object()
                                        .value(QStringLiteral("total_ms"));
        if (recorded.isDouble())
            f.processingMs.append(qint64(recorded.toDouble()));
        else if (claimed.isValid())
            f.processingMs.append(claimed.msecsTo(at));
        claimed = {};
    }
    std::sort(f.processingMs.begin(), f.processingMs.end());
    return {};
}

Status DashboardQueries::reviewers(DashboardFigures &f, const QVariantList &period)
{
    QSqlQuery q(m_db.sql());
    q.setForwardOnly(true);
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT reviewer, decision, COUNT(*) FROM reviews "
                                            "WHERE at >= ? AND at < ? GROUP BY reviewer, "
                                            "decision"),
                             period);
        !s)
        return s;
    while (q.next()) {
        ReviewerThroughput &t = f.byReviewer[q.value(0).toString()];
        if (q.value(1).toString() == QLatin1String("approved"))
            t.approved += q.value(2).toInt();
        else if (q.value(1).toString() == QLatin1String("rejected"))
            t.rejected += q.value(2).toInt();
    }
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT reviewer, COUNT(*) FROM corrections WHERE "
                                            "at >= ? AND at < ? GROUP BY reviewer"),
                             period);
        !s)
        return s;
    while (q.next())
        f.byReviewer[q.value(0).toString()].corrections += q.value(1).toInt();
    return {};
}

} // namespace docket
