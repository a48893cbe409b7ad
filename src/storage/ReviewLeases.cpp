#include "ReviewLeases.h"

#include "Database.h"
#include "Sql.h"

#include <QSqlQuery>

namespace docket {

ReviewLeases::ReviewLeases(Database &db) : m_db(db) {}

Result<ReviewLease> ReviewLeases::acquire(qint64 documentId, const QString &reviewer, int seconds)
{
    if (reviewer.trimmed().isEmpty())
        return Error{QStringLiteral("invalid_reviewer"),
                     sql::Messages::tr("A review lease needs the reviewer's name.")};
    ReviewLease lease;
    const Status s = m_db.transaction([&]() -> Status {
        lease = {};
        auto exists =
            sql::scalar(m_db, QStringLiteral("SELECT 1 FROM documents WHERE id = ?"), {documentId});
        if (!exists)
            return exists.error();
        if (!exists.value().isValid())
            return Status::failure(
                QStringLiteral("not_found"),
                sql::Messages::tr("Document %1 does not exist.").arg(documentId));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QSqlQuery q(m_db.sql());
        // Takes a free or expired lease, renews the caller's own; leaves another reviewer's
        // unexpired lease alone (then RETURNING gives no row).
        Status st = sql::exec(
            q,
            QStringLiteral(
                "INSERT INTO review_leases (document_id, reviewer, acquired_at, expires_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET "
                "acquired_at = CASE WHEN review_leases.reviewer = excluded.reviewer "
                "THEN review_leases.acquired_at ELSE excluded.acquired_at END, "
                "reviewer = excluded.reviewer, expires_at = excluded.expires_at "
                "WHERE review_leases.reviewer = excluded.reviewer "
                "OR review_leases.expires_at <= excluded.acquired_at "
                "RETURNING reviewer, expires_at"),
            {documentId, reviewer, sql::timestamp(now),
             sql::timestamp(now.addSecs(qMax(1, seconds)))});
        if (!st)
            return st;
        if (q.next()) {
            lease.held = true;
            lease.holder = q.value(0).toString();
            lease.expires = sql::parseTimestamp(q.value(1));
            return {};
        }
        q.finish();
        if (st = sql::exec(q,
                           QStringLiteral("SELECT reviewer, expires_at FROM review_leases "
                                          "WHERE document_id = ?"),
                           {documentId});
            !st)
            return st;
        if (q.next()) {
            lease.holder = q.value(0).toString();
            lease.expires = sql::parseTimestamp(q.value(1));
        }
        return {};
    });
    if (!s)
        return s.error();
    return lease;
}

Status ReviewLeases::release(qint64 documentId, const QString &reviewer)
{
    return m_db.transaction([&]() -> Status {
        QSqlQuery q(m_db.sql());
        return sql::exec(
            q, QStringLiteral("DELETE FROM review_leases WHERE document_id = ? AND reviewer = ?"),
            {documentId, reviewer});
    });
}

Result<ReviewLease> ReviewLeases::current(qint64 documentId, const QString &reviewer)
{
    QSqlQuery q(m_db.sql());
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT reviewer, expires_at FROM review_leases "
                                            "WHERE document_id = ? AND expires_at > ?"),
                             {documentId, sql::now()});
        !s)
        return s.error();
    ReviewLease lease;
    if (q.next()) {
        lease.holder = q.value(0).toString();
        lease.expires = sql::parseTimestamp(q.value(1));
        lease.held = !reviewer.isEmpty() && lease.holder == reviewer;
    }
    return lease;
}

} // namespace docket
