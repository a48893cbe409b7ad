#include "UsageRepository.h"

#include "Database.h"
#include "Sql.h"

#include <QSqlQuery>

namespace docket {

namespace {

const QString kColumns = QStringLiteral("id, document_id, provider, model, step, requests, "
                                        "input_tokens, cached_tokens, output_tokens, cost_usd, "
                                        "at");

UsageRecord recordFromQuery(const QSqlQuery &q)
{
    UsageRecord r;
    r.id = q.value(0).toLongLong();
    r.documentId = q.value(1).toLongLong();
    r.provider = q.value(2).toString();
    r.model = q.value(3).toString();
    r.step = q.value(4).toString();
    r.requests = q.value(5).toInt();
    r.inputTokens = q.value(6).toLongLong();
    r.cachedTokens = q.value(7).toLongLong();
    r.outputTokens = q.value(8).toLongLong();
    r.costUsd = q.value(9).toDouble();
    r.at = sql::parseTimestamp(q.value(10));
    return r;
}

Usage usageOf(const UsageRecord &r)
{
    Usage u;
    u.requests = r.requests;
    u.inputTokens = r.inputTokens;
    u.cachedTokens = r.cachedTokens;
    u.outputTokens = r.outputTokens;
    u.costUsd = r.costUsd;
    return u;
}

} // namespace

UsageRepository::UsageRepository(Database &db) : m_db(db) {}

Result<qint64> UsageRepository::add(const UsageRecord &r)
{
    qint64 id = 0;
    const Status s = m_db.transaction([&]() -> Status {
        QSqlQuery q(m_db.sql());
        Status st = sql::exec(
            q,
            QStringLiteral("INSERT INTO usage (document_id, provider, model, step, requests, "
                           "input_tokens, cached_tokens, output_tokens, cost_usd, at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            {r.documentId > 0 ? QVariant(r.documentId) : QVariant(QMetaType(QMetaType::LongLong)),
             r.provider, r.model, r.step, r.requests, r.inputTokens, r.cachedTokens, r.outputTokens,
             r.costUsd, r.at.isValid() ? sql::timestamp(r.at) : sql::now()});
        if (!st)
            return st;
        if (!q.next())
            return Status::failure(QStringLiteral("db_error"),
                                   sql::Messages::tr("The usage could not be recorded."));
        id = q.value(0).toLongLong();
        return {};
    });
    if (!s)
        return s.error();
    return id;
}

Result<Usage> UsageRepository::sum(const QString &where, const QVariantList &values)
{
    QSqlQuery q(m_db.sql());
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT COALESCE(SUM(requests), 0), "
                                            "COALESCE(SUM(input_tokens), 0), "
                                            "COALESCE(SUM(cached_tokens), 0), "
                                            "COALESCE(SUM(output_tokens), 0), "
                                            "COALESCE(SUM(cost_usd), 0) FROM usage WHERE ") +
                                 where,
                             values);
        !s)
        return s.error();
    Usage u;
    if (q.next()) {
        u.requests = q.value(0).toInt();
        u.inputTokens = q.value(1).toLongLong();
        u.cachedTokens = q.value(2).toLongLong();
        u.outputTokens = q.value(3).toLongLong();
        u.costUsd = q.value(4).toDouble();
    }
    return u;
}

Result<Usage> UsageRepository::total(const QDateTime &from, const QDateTime &to)
{
    return sum(QStringLiteral("at >= ? AND at < ?"), {sql::timestamp(from), sql::timestamp(to)});
}

Result<Usage> UsageRepository::totalForDay(const QDate &day)
{
    return total(day.startOfDay(), day.addDays(1).startOfDay());
}

Result<Usage> UsageRepository::totalForMonth(const QDate &anyDayOfMonth)
{
    const QDate first(anyDayOfMonth.year(), anyDayOfMonth.month(), 1);
    return total(first.startOfDay(), first.addMonths(1).startOfDay());
}

Result<Usage> UsageRepository::totalForDocument(qint64 documentId)
{
    return sum(QStringLiteral("document_id = ?"), {documentId});
}

Result<QList<UsageRecord>> UsageRepository::records(const QDateTime &from, const QDateTime &to)
{
    QSqlQuery q(m_db.sql());
    q.setForwardOnly(true);
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT ") + kColumns +
                                 QStringLiteral(" FROM usage WHERE at >= ? AND at < ? "
                                                "ORDER BY at, id"),
                             {sql::timestamp(from), sql::timestamp(to)});
        !s)
        return s.error();
    QList<UsageRecord> out;
    while (q.next())
        out.append(recordFromQuery(q));
    return out;
}

Result<QMap<QDate, Usage>> UsageRepository::dailyTotals(const QDate &from, const QDate &to)
{
    // Grouped here rather than in SQL: the rows are stored in UTC, days are local.
    auto rows = records(from.startOfDay(), to.addDays(1).startOfDay());
    if (!rows)
        return rows.error();
    QMap<QDate, Usage> out;
    for (const UsageRecord &r : rows.value())
        out[r.at.toLocalTime().date()] += usageOf(r);
    return out;
}

Result<QMap<QString, Usage>> UsageRepository::totalsByModel(const QDateTime &from,
                                                            const QDateTime &to)
{
    QSqlQuery q(m_db.sql());
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT model, SUM(requests), SUM(input_tokens), "
                                            "SUM(cached_tokens), SUM(output_tokens), "
                                            "SUM(cost_usd) FROM usage WHERE at >= ? AND at < ? "
                                            "GROUP BY model"),
                             {sql::timestamp(from), sql::timestamp(to)});
        !s)
        return s.error();
    QMap<QString, Usage> out;
    while (q.next()) {
        Usage u;
        u.requests = q.value(1).toInt();
        u.inputTokens = q.value(2).toLongLong();
        u.cachedTokens = q.value(3).toLongLong();
        u.outputTokens = q.value(4).toLongLong();
        u.costUsd = q.value(5).toDouble();
        out.insert(q.value(0).toString(), u);
    }
    return out;
}

} // namespace docket
