#include "StatsRepository.h"

#include "Database.h"
#include "Sql.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>

namespace docket {

StatsRepository::StatsRepository(Database &db) : m_db(db) {}

Result<QualityStats> StatsRepository::quality(const QDateTime &from, const QDateTime &to)
{
    const QVariantList period{sql::timestamp(from), sql::timestamp(to)};
    QualityStats stats;
    QSqlQuery q(m_db.sql());
    q.setForwardOnly(true);
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT detail FROM audit_log WHERE "
                                            "action = 'processed' AND at >= ? AND at < ?"),
                             period);
        !s)
        return s.error();
    while (q.next()) {
        ++stats.processed;
        const QString status = QJsonDocument::fromJson(q.value(0).toString().toUtf8())
                                   .object()
                                   .value(QStringLiteral("status"))
                                   .toString();
        if (status == QLatin1String("auto_approved"))
            ++stats.autoApproved;
        else if (status == QLatin1String("needs_review"))
            ++stats.needsReview;
        else if (status == QLatin1String("failed"))
            ++stats.failed;
    }

    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT decision, COUNT(*) FROM reviews WHERE "
                                            "at >= ? AND at < ? GROUP BY decision"),
                             period);
        !s)
        return s.error();
    while (q.next()) {
        if (q.value(0).toString() == QLatin1String("approved"))
            stats.approved = q.value(1).toInt();
        else if (q.value(0).toString() == QLatin1String("rejected"))
            stats.rejected = q.value(1).toInt();
    }

    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT field, COUNT(*) FROM corrections WHERE "
                                            "at >= ? AND at < ? GROUP BY field"),
                             period);
        !s)
        return s.error();
    static const QRegularExpression rowIndex(QStringLiteral("\\[\\d+\\]"));
    while (q.next()) {
        QString field = q.value(0).toString();
        field.remove(rowIndex);
        stats.correctionsByField[field] += q.value(1).toInt();
        stats.corrections += q.value(1).toInt();
    }
    auto documents = sql::scalar(m_db,
                                 QStringLiteral("SELECT COUNT(DISTINCT document_id) FROM "
                                                "corrections WHERE at >= ? AND at < ?"),
                                 period);
    if (!documents)
        return documents.error();
    stats.correctedDocuments = documents.value().toInt();
    return stats;
}

Result<QMap<QDate, int>> StatsRepository::processedPerDay(const QDate &from, const QDate &to)
{
    QSqlQuery q(m_db.sql());
    q.setForwardOnly(true);
    if (Status s = sql::exec(
            q,
            QStringLiteral("SELECT at FROM audit_log WHERE action = "
                           "'processed' AND at >= ? AND at < ?"),
            {sql::timestamp(from.startOfDay()), sql::timestamp(to.addDays(1).startOfDay())});
        !s)
        return s.error();
    QMap<QDate, int> out; // grouped here: rows are UTC, days are local
    while (q.next())
        ++out[sql::parseTimestamp(q.value(0)).toLocalTime().date()];
    return out;
}

} // namespace docket
