#include "WorkerClaims.h"

#include "Database.h"
#include "Sql.h"

#include <QSqlQuery>

namespace docket {

WorkerClaims::WorkerClaims(Database &db) : m_db(db) {}

Result<QList<qint64>> WorkerClaims::renew(const QList<qint64> &ids, const QString &worker,
                                          int leaseSeconds)
{
    QList<qint64> lost;
    const Status s = m_db.transaction([&]() -> Status {
        lost.clear();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QSqlQuery q(m_db.sql());
        for (qint64 id : ids) {
            if (Status st = sql::exec(
                    q,
                    QStringLiteral("UPDATE documents SET claimed_until = ? WHERE id = ? AND "
                                   "claimed_by = ? AND status = 'processing'"),
                    {sql::timestamp(now.addSecs(qMax(1, leaseSeconds))), id, worker});
                !st)
                return st;
            if (q.numRowsAffected() == 0)
                lost.append(id);
        }
        return {};
    });
    if (!s)
        return s.error();
    return lost;
}

Result<bool> WorkerClaims::release(qint64 id, const QString &worker)
{
    bool held = false;
    const Status s = m_db.transaction([&]() -> Status {
        QSqlQuery q(m_db.sql());
        if (Status st = sql::exec(
                q,
                QStringLiteral("UPDATE documents SET status = 'pending', claimed_by = '', "
                               "claimed_until = NULL, version = version + 1, updated_at = ? "
                               "WHERE id = ? AND claimed_by = ? AND status = 'processing'"),
                {sql::now(), id, worker});
            !st)
            return st;
        held = q.numRowsAffected() > 0;
        return held ? sql::audit(m_db, id, QStringLiteral("released"), worker) : Status();
    });
    if (!s)
        return s.error();
    return held;
}

Status WorkerClaims::check(qint64 id, const QString &worker, int version)
{
    QString statement = QStringLiteral("SELECT claimed_by, version, status FROM documents "
                                       "WHERE id = ?");
    if (m_db.kind() == Database::Kind::Postgres)
        statement += QStringLiteral(" FOR UPDATE");
    QSqlQuery q(m_db.sql());
    if (Status s = sql::exec(q, statement, {id}); !s)
        return s;
    if (q.next() && q.value(0).toString() == worker && q.value(1).toInt() == version &&
        q.value(2).toString() == QLatin1String("processing"))
        return {};
    const QString holder = q.isValid() ? q.value(0).toString() : QString();
    return Status::failure(
        QStringLiteral("claim_lost"),
        holder.isEmpty()
            ? sql::Messages::tr("The claim of document %1 expired; this worker no longer holds it.")
                  .arg(id)
            : sql::Messages::tr("The claim of document %1 expired and %2 has taken it over.")
                  .arg(id)
                  .arg(holder));
}

Result<int> WorkerClaims::activeClaims()
{
    auto count = sql::scalar(m_db,
                             QStringLiteral("SELECT COUNT(*) FROM documents WHERE status = "
                                            "'processing' AND claimed_until >= ?"),
                             {sql::now()});
    if (!count)
        return count.error();
    return count.value().toInt();
}

Result<int> WorkerClaims::outstanding()
{
    auto count = sql::scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM documents WHERE status = "
                                                  "'pending' OR (status = 'processing' AND "
                                                  "claimed_until IS NOT NULL)"));
    if (!count)
        return count.error();
    return count.value().toInt();
}

} // namespace docket
