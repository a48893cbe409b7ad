#include "DocumentRepository.h"

#include "Database.h"
#include "Sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <climits>

namespace docket {

namespace {

QString pageSizesJson(const QList<QSizeF> &sizes)
{
    QJsonArray a;
    for (const QSizeF &s : sizes)
        a.append(QJsonArray{s.width(), s.height()});
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

QList<QSizeF> pageSizesFromJson(const QString &text)
{
    QList<QSizeF> out;
    const QJsonArray a = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue &v : a) {
        const QJsonArray p = v.toArray();
        out.append(QSizeF(p.at(0).toDouble(), p.at(1).toDouble()));
    }
    return out;
}

struct Where
{
    QString sql;
    QVariantList values;
};

Where whereOf(const QueueQuery &query)
{
    QStringList terms;
    Where w;
    if (!query.statuses.isEmpty()) {
        QStringList marks;
        for (DocumentStatus s : query.statuses) {
            marks << QStringLiteral("?");
            w.values << statusName(s);
        }
        terms << QStringLiteral("status IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    if (!query.documentType.isEmpty()) {
        terms << QStringLiteral("document_type = ?");
        w.values << query.documentType;
    }
    if (!query.priority.isEmpty()) {
        terms << QStringLiteral("queue_rank = ?");
        w.values << DocumentRepository::queueRank(query.priority);
    }
    const QString search = query.search.trimmed().toLower();
    if (!search.isEmpty()) {
        terms << QStringLiteral("(LOWER(file_name) LIKE ? ESCAPE '\\' "
                                "OR LOWER(seller_name) LIKE ? ESCAPE '\\' "
                                "OR LOWER(document_number) LIKE ? ESCAPE '\\')");
        const QString pattern = sql::likePattern(search);
        w.values << pattern << pattern << pattern;
    }
    if (query.from.isValid()) {
        terms << QStringLiteral("imported_at >= ?");
        w.values << sql::timestamp(query.from.startOfDay());
    }
    if (query.to.isValid()) {
        terms << QStringLiteral("imported_at < ?");
        w.values << sql::timestamp(query.to.addDays(1).startOfDay());
    }
    if (!terms.isEmpty())
        w.sql = QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
    return w;
}

Error notFound(qint64 id)
{
    return {QStringLiteral("not_found"), sql::Messages::tr("Document %1 does not exist.").arg(id)};
}

} // namespace

DocumentRepository::DocumentRepository(Database &db) : m_db(db) {}

int DocumentRepository::queueRank(const QString &priority)
{
    if (priority == QLatin1String("urgent"))
        return 0;
    if (priority == QLatin1String("high"))
        return 1;
    if (priority == QLatin1String("normal"))
        return 2;
    if (priority == QLatin1String("low"))
        return 3;
    return 4;
}

QString DocumentRepository::columns(const QString &prefix)
{
    static const char *const names[] = {"id",
                                        "sha256",
                                        "file_name",
                                        "original_path",
                                        "stored_path",
                                        "mime_type",
                                        "size_bytes",
                                        "pages",
                                        "page_sizes",
                                        "document_type",
                                        "type_confidence",
                                        "status",
                                        "priority",
                                        "seller_name",
                                        "document_number",
                                        "total_amount",
                                        "error_code",
                                        "error_message",
                                        "version",
                                        "claimed_by",
                                        "claimed_until",
                                        "imported_at",
                                        "updated_at"};
    QStringList out;
    for (const char *n : names)
        out << prefix + QLatin1String(n);
    return out.join(QStringLiteral(", "));
}

Document DocumentRepository::fromQuery(const QSqlQuery &q)
{
    Document d;
    d.id = q.value(0).toLongLong();
    d.sha256 = q.value(1).toString();
    d.fileName = q.value(2).toString();
    d.originalPath = q.value(3).toString();
    d.storedPath = q.value(4).toString();
    d.mimeType = q.value(5).toString();
    d.sizeBytes = q.value(6).toLongLong();
    d.pageCount = q.value(7).toInt();
    d.pageSizes = pageSizesFromJson(q.value(8).toString());
    d.documentType = q.value(9).toString();
    d.typeConfidence = q.value(10).toDouble();
    d.status = statusFromName(q.value(11).toString());
    d.priority = q.value(12).toString();
    d.sellerName = q.value(13).toString();
    d.documentNumber = q.value(14).toString();
    d.totalAmount = q.value(15).toString();
    d.errorCode = q.value(16).toString();
    d.errorMessage = q.value(17).toString();
    d.version = q.value(18).toInt();
    d.claimedBy = q.value(19).toString();
    d.claimedUntil = sql::parseTimestamp(q.value(20));
    d.importedAt = sql::parseTimestamp(q.value(21));
    d.updatedAt = sql::parseTimestamp(q.value(22));
    return d;
}

Result<Document> DocumentRepository::insertOrFind(const Document &doc, bool *created)
{
    if (doc.sha256.isEmpty())
        return Error{QStringLiteral("invalid_document"),
                     sql::Messages::tr("A document needs its content hash to be stored.")};
    qint64 id = 0;
    bool inserted = false;
    const Status s = m_db.transaction([&]() -> Status {
        inserted = false;
        const QString now = sql::now();
        QSqlQuery q(m_db.sql());
        Status st = sql::exec(
            q,
            QStringLiteral(
                "INSERT INTO documents (sha256, file_name, original_path, stored_path, "
                "mime_type, size_bytes, pages, page_sizes, status, queue_rank, imported_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 4, ?, ?) "
                "ON CONFLICT (sha256) DO NOTHING RETURNING id"),
            {doc.sha256, doc.fileName, doc.originalPath, doc.storedPath, doc.mimeType,
             doc.sizeBytes, doc.pageCount, pageSizesJson(doc.pageSizes),
             doc.importedAt.isValid() ? sql::timestamp(doc.importedAt) : now, now});
        if (!st)
            return st;
        if (!q.next())
            return {};
        id = q.value(0).toLongLong();
        inserted = true;
        q.finish();
        return sql::audit(m_db, id, QStringLiteral("imported"), {},
                          sql::jsonText({{QStringLiteral("file"), doc.originalPath},
                                         {QStringLiteral("sha256"), doc.sha256}}));
    });
    if (!s)
        return s.error();
    if (created)
        *created = inserted;
    return inserted ? get(id) : findBySha(doc.sha256);
}

Result<Document> DocumentRepository::get(qint64 id)
{
    QSqlQuery q(m_db.sql());
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT ") + columns() +
                                 QStringLiteral(" FROM documents WHERE id = ?"),
                             {id});
        !s)
        return s.error();
    if (!q.next())
        return notFound(id);
    return fromQuery(q);
}

Result<Document> DocumentRepository::findBySha(const QString &sha256)
{
    QSqlQuery q(m_db.sql());
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT ") + columns() +
                                 QStringLiteral(" FROM documents WHERE sha256 = ?"),
                             {sha256});
        !s)
        return s.error();
    if (!q.next())
        return Error{QStringLiteral("not_found"),
                     sql::Messages::tr("No document has this content.")};
    return fromQuery(q);
}

Result<QList<Document>> DocumentRepository::list(const QueueQuery &query, int offset, int limit)
{
    Where w = whereOf(query);
    w.values << (limit > 0 ? limit : INT_MAX) << qMax(0, offset);
    QSqlQuery q(m_db.sql());
    q.setForwardOnly(true);
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT ") + columns() +
                                 QStringLiteral(" FROM documents") + w.sql +
                                 QStringLiteral(" ORDER BY queue_rank, imported_at, id "
                                                "LIMIT ? OFFSET ?"),
                             w.values);
        !s)
        return s.error();
    QList<Document> out;
    while (q.next())
        out.append(fromQuery(q));
    return out;
}

Result<QList<QueueEntry>> DocumentRepository::entries(const QueueQuery &query, int offset,
                                                      int limit)
{
    Where w = whereOf(query);
    QVariantList values{sql::now()};
    values << w.values << (limit > 0 ? limit : INT_MAX) << qMax(0, offset);
    QSqlQuery q(m_db.sql());
    q.setForwardOnly(true);
    if (Status s = sql::exec(
            q,
            QStringLiteral("SELECT ") + columns() +
                QStringLiteral(", l.reviewer FROM documents LEFT JOIN review_leases l ON "
                               "l.document_id = documents.id AND l.expires_at > ?") +
                w.sql + QStringLiteral(" ORDER BY queue_rank, imported_at, id LIMIT ? OFFSET ?"),
            values);
        !s)
        return s.error();
    QList<QueueEntry> out;
    const int reviewerColumn = int(columns().count(QLatin1Char(','))) + 1;
    while (q.next())
        out.append({fromQuery(q), q.value(reviewerColumn).toString()});
    return out;
}

Result<int> DocumentRepository::count(const QueueQuery &query)
{
    const Where w = whereOf(query);
    auto v = sql::scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM documents") + w.sql, w.values);
    if (!v)
        return v.error();
    return v.value().toInt();
}

Result<QMap<DocumentStatus, int>> DocumentRepository::countsByStatus()
{
    return countsByStatus(QueueQuery());
}

Result<QMap<DocumentStatus, int>> DocumentRepository::countsByStatus(const QueueQuery &query)
{
    QueueQuery others = query;
    others.statuses.clear();
    const Where w = whereOf(others);
    QSqlQuery q(m_db.sql());
    q.setForwardOnly(true);
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT status, COUNT(*) FROM documents") + w.sql +
                                 QStringLiteral(" GROUP BY status"),
                             w.values);
        !s)
        return s.error();
    QMap<DocumentStatus, int> out;
    for (auto st : {DocumentStatus::Pending, DocumentStatus::Processing,
                    DocumentStatus::AutoApproved, DocumentStatus::NeedsReview,
                    DocumentStatus::Approved, DocumentStatus::Rejected, DocumentStatus::Failed})
        out.insert(st, 0);
    while (q.next())
        out[statusFromName(q.value(0).toString())] += q.value(1).toInt();
    return out;
}

Result<QList<Document>> DocumentRepository::sameSellerAndNumber(const Document &doc)
{
    QList<Document> out;
    if (doc.documentNumber.trimmed().isEmpty() || doc.sellerName.trimmed().isEmpty())
        return out;
    QSqlQuery q(m_db.sql());
    if (Status s =
            sql::exec(q,
                      QStringLiteral("SELECT ") + columns() +
                          QStringLiteral(" FROM documents WHERE document_number = ? "
                                         "AND LOWER(seller_name) = ? AND id <> ? "
                                         "ORDER BY imported_at, id"),
                      {doc.documentNumber.trimmed(), doc.sellerName.trimmed().toLower(), doc.id});
        !s)
        return s.error();
    while (q.next())
        out.append(fromQuery(q));
    return out;
}

Status DocumentRepository::setStatus(qint64 id, DocumentStatus status, int expectedVersion,
                                     const QString &errorCode, const QString &errorMessage)
{
    return m_db.transaction([&]() -> Status {
        QString statement = QStringLiteral(
            "UPDATE documents SET status = ?, version = version + 1, error_code = ?, "
            "error_message = ?, updated_at = ?");
        if (status != DocumentStatus::Processing)
            statement += QStringLiteral(", claimed_by = '', claimed_until = NULL");
        statement += QStringLiteral(" WHERE id = ?");
        QVariantList values{statusName(status), errorCode, errorMessage, sql::now(), id};
        if (expectedVersion >= 0) {
            statement += QStringLiteral(" AND version = ?");
            values << expectedVersion;
        }
        QSqlQuery q(m_db.sql());
        if (Status s = sql::exec(q, statement, values); !s)
            return s;
        if (q.numRowsAffected() == 0)
            return sql::versionConflict(m_db, id, expectedVersion);
        QJsonObject detail{{QStringLiteral("status"), statusName(status)}};
        if (!errorCode.isEmpty())
            detail.insert(QStringLiteral("error_code"), errorCode);
        return sql::audit(m_db, id, QStringLiteral("status_changed"), {}, sql::jsonText(detail));
    });
}

Result<std::optional<Document>> DocumentRepository::claimNext(const QString &worker,
                                                              int leaseSeconds)
{
    std::optional<Document> claimed;
    const Status s = m_db.transaction([&]() -> Status {
        claimed.reset();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString lock = m_db.kind() == Database::Kind::Postgres
                                 ? QStringLiteral(" FOR UPDATE SKIP LOCKED")
                                 : QString();
        QSqlQuery q(m_db.sql());
        Status st = sql::exec(
            q,
            QStringLiteral("UPDATE documents SET status = 'processing', claimed_by = ?, "
                           "claimed_until = ?, version = version + 1, updated_at = ? "
                           "WHERE id = (SELECT id FROM documents WHERE status = 'pending' "
                           "OR (status = 'processing' AND claimed_until < ?) "
                           "ORDER BY queue_rank, imported_at, id LIMIT 1") +
                lock + QStringLiteral(") RETURNING id"),
            {worker, sql::timestamp(now.addSecs(qMax(1, leaseSeconds))), sql::timestamp(now),
             sql::timestamp(now)});
        if (!st)
            return st;
        if (!q.next())
            return {};
        const qint64 id = q.value(0).toLongLong();
        q.finish();
        auto doc = get(id);
        if (!doc)
            return doc.error();
        claimed = doc.takeValue();
        return sql::audit(m_db, id, QStringLiteral("claimed"), worker);
    });
    if (!s)
        return s.error();
    return claimed;
}

Status DocumentRepository::updateFile(qint64 id, int pageCount, const QList<QSizeF> &pageSizes,
                                      const QString &storedPath)
{
    return m_db.transaction([&]() -> Status {
        QSqlQuery q(m_db.sql());
        Status st = sql::exec(
            q,
            QStringLiteral("UPDATE documents SET pages = ?, page_sizes = ?, updated_at = ?, "
                           "stored_path = COALESCE(NULLIF(?, ''), stored_path) "
                           "WHERE id = ?"),
            {pageCount, pageSizesJson(pageSizes), sql::now(), storedPath, id});
        if (st && q.numRowsAffected() == 0)
            return notFound(id);
        return st;
    });
}

Status DocumentRepository::remove(qint64 id)
{
    return m_db.transaction([&]() -> Status {
        auto doc = get(id);
        if (!doc)
            return doc.error();
        QSqlQuery q(m_db.sql());
        if (Status st = sql::exec(q, QStringLiteral("DELETE FROM documents WHERE id = ?"), {id});
            !st)
            return st;
        return sql::audit(m_db, 0, QStringLiteral("removed"), {},
                          sql::jsonText({{QStringLiteral("document_id"), id},
                                         {QStringLiteral("sha256"), doc.value().sha256},
                                         {QStringLiteral("file"), doc.value().fileName}}));
    });
}

} // namespace docket
