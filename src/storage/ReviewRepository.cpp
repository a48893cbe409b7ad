#include "ReviewRepository.h"

#include "Database.h"
#include "ExtractionRepository.h"
#include "Sql.h"

#include <QRegularExpression>
#include <QSqlQuery>

namespace docket {

namespace {

const char *const kSellerFields[] = {"seller_name", "shipper_name", "issuer", "exporter_name"};
// A document's own number first: packing lists and certificates also quote an invoice's.
const char *const kNumberFields[] = {"packing_list_number", "certificate_number", "receipt_number",
                                     "invoice_number"};

template <size_t N> bool isOneOf(const QString &name, const char *const (&names)[N])
{
    for (const char *n : names)
        if (name == QLatin1String(n))
            return true;
    return false;
}

template <size_t N>
QString firstOf(const QMap<QString, QString> &values, const char *const (&names)[N])
{
    for (const char *n : names) {
        const QString v = values.value(QString::fromLatin1(n));
        if (!v.isEmpty())
            return v;
    }
    return {};
}

// Updates the row holding a value (fields or line_item_cells) or inserts it; returns the
// value it replaced.
Result<QString> upsertValue(Database &db, const QString &table, const QString &ownerColumn,
                            qint64 ownerId, const QString &name, const Field &f)
{
    QSqlQuery q(db.sql());
    if (Status s =
            sql::exec(q,
                      QStringLiteral("SELECT id, value FROM ") + table + QStringLiteral(" WHERE ") +
                          ownerColumn + QStringLiteral(" = ? AND name = ?"),
                      {ownerId, name});
        !s)
        return s.error();
    const QVariantList values = ExtractionRepository::fieldValues(name, f);
    if (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        const QString before = q.value(1).toString();
        q.finish();
        QVariantList update = values.mid(1);
        update << id;
        if (Status s = sql::exec(q,
                                 QStringLiteral("UPDATE ") + table +
                                     QStringLiteral(" SET value = ?, raw = ?, confidence = ?, "
                                                    "page = ?, bbox_x = ?, bbox_y = ?, "
                                                    "bbox_w = ?, bbox_h = ?, source = ?, "
                                                    "engine = ?, model = ?, prompt_version = ? "
                                                    "WHERE id = ?"),
                                 update);
            !s)
            return s.error();
        return before;
    }
    q.finish();
    if (Status s =
            sql::exec(q,
                      QStringLiteral("INSERT INTO ") + table + QStringLiteral(" (") + ownerColumn +
                          QStringLiteral(", ") + ExtractionRepository::fieldColumns() +
                          QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                         "?, ?)"),
                      QVariantList{ownerId} + values);
        !s)
        return s.error();
    return QString();
}

// The document's newest extraction; one made by the reviewer when it has none.
Result<qint64> latestExtractionId(Database &db, qint64 documentId)
{
    QSqlQuery q(db.sql());
    if (Status st = sql::exec(q,
                              QStringLiteral("SELECT d.document_type, (SELECT MAX(e.id) FROM "
                                             "extractions e WHERE e.document_id = d.id) "
                                             "FROM documents d WHERE d.id = ?"),
                              {documentId});
        !st)
        return st.error();
    if (!q.next())
        return Error{QStringLiteral("not_found"),
                     sql::Messages::tr("Document %1 does not exist.").arg(documentId)};
    const QString documentType = q.value(0).toString();
    const qint64 extractionId = q.value(1).toLongLong();
    q.finish();
    if (extractionId != 0)
        return extractionId;
    if (Status st = sql::exec(q,
                              QStringLiteral("INSERT INTO extractions (document_id, engine, "
                                             "document_type, created) VALUES (?, "
                                             "'reviewer', ?, ?) RETURNING id"),
                              {documentId, documentType, sql::now()});
        !st)
        return st.error();
    if (!q.next())
        return Error{QStringLiteral("db_error"),
                     sql::Messages::tr("The correction could not be stored.")};
    return q.value(0).toLongLong();
}

// Recomputes the queue's denormalised seller, number and total from the extraction.
Status refreshDenormalised(Database &db, qint64 documentId, qint64 extractionId)
{
    QSqlQuery q(db.sql());
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT name, value FROM fields WHERE "
                                            "extraction_id = ?"),
                             {extractionId});
        !s)
        return s;
    QMap<QString, QString> values;
    while (q.next())
        values.insert(q.value(0).toString(), q.value(1).toString());
    q.finish();
    return sql::exec(q,
                     QStringLiteral("UPDATE documents SET seller_name = ?, document_number = ?, "
                                    "total_amount = ? WHERE id = ?"),
                     {firstOf(values, kSellerFields), firstOf(values, kNumberFields),
                      values.value(QStringLiteral("total_amount")), documentId});
}

} // namespace

ReviewRepository::ReviewRepository(Database &db) : m_db(db) {}

Result<qint64> ReviewRepository::saveCorrection(const Correction &c, const Field &newField)
{
    if (c.field.isEmpty())
        return Error{QStringLiteral("invalid_correction"),
                     sql::Messages::tr("No field was given.")};
    static const QRegularExpression cellName(QStringLiteral("^(\\w+)\\[(\\d+)\\]\\.(\\w+)$"));
    const QRegularExpressionMatch cell = cellName.match(c.field);
    Field f = newField;
    if (f.value.isEmpty())
        f.value = c.after;
    if (f.source.isEmpty())
        f.source = QStringLiteral("reviewer");
    const QString reviewer = c.reviewer.isEmpty() ? sql::currentActor() : c.reviewer;
    qint64 correctionId = 0;
    const Status s = m_db.transaction([&]() -> Status {
        auto extraction = latestExtractionId(m_db, c.documentId);
        if (!extraction)
            return extraction.error();
        const qint64 extractionId = extraction.value();
        QSqlQuery q(m_db.sql());
        const QString now = sql::now();

        Result<QString> before = QString();
        if (cell.hasMatch()) {
            const int row = cell.captured(2).toInt();
            Status st = sql::exec(q,
                                  QStringLiteral("SELECT id FROM line_items WHERE "
                                                 "extraction_id = ? AND row_index = ?"),
                                  {extractionId, row});
            if (!st)
                return st;
            qint64 rowId = q.next() ? q.value(0).toLongLong() : 0;
            q.finish();
            if (rowId == 0) {
                st = sql::exec(q,
                               QStringLiteral("INSERT INTO line_items (extraction_id, "
                                              "row_index, page) VALUES (?, ?, ?) RETURNING id"),
                               {extractionId, row, f.page});
                if (!st)
                    return st;
                if (!q.next())
                    return Status::failure(
                        QStringLiteral("db_error"),
                        sql::Messages::tr("The correction could not be stored."));
                rowId = q.value(0).toLongLong();
                q.finish();
            }
            before = upsertValue(m_db, QStringLiteral("line_item_cells"),
                                 QStringLiteral("line_item_id"), rowId, cell.captured(3), f);
        } else {
            before = upsertValue(m_db, QStringLiteral("fields"), QStringLiteral("extraction_id"),
                                 extractionId, c.field, f);
        }
        if (!before)
            return before.error();

        Status st = sql::exec(
            q,
            QStringLiteral("INSERT INTO corrections (document_id, extraction_id, field, "
                           "before_value, after_value, reviewer, at) VALUES (?, ?, ?, ?, ?, ?, "
                           "?) RETURNING id"),
            {c.documentId, extractionId, c.field, c.before.isEmpty() ? before.value() : c.before,
             f.value, reviewer, c.at.isValid() ? sql::timestamp(c.at) : now});
        if (!st)
            return st;
        if (!q.next())
            return Status::failure(QStringLiteral("db_error"),
                                   sql::Messages::tr("The correction could not be stored."));
        correctionId = q.value(0).toLongLong();
        q.finish();

        if (!cell.hasMatch() &&
            (isOneOf(c.field, kSellerFields) || isOneOf(c.field, kNumberFields) ||
             c.field == QLatin1String("total_amount")))
            if (Status st2 = refreshDenormalised(m_db, c.documentId, extractionId); !st2)
                return st2;
        if (st = sql::exec(q, QStringLiteral("UPDATE documents SET updated_at = ? WHERE id = ?"),
                           {now, c.documentId});
            !st)
            return st;
        return sql::audit(m_db, c.documentId, QStringLiteral("corrected"), reviewer,
                          sql::jsonText({{QStringLiteral("field"), c.field},
                                         {QStringLiteral("before"),
                                          c.before.isEmpty() ? before.value() : c.before},
                                         {QStringLiteral("after"), f.value},
                                         {QStringLiteral("correction_id"), correctionId}}));
    });
    if (!s)
        return s.error();
    return correctionId;
}

namespace {

// Moves the rows at or after `from` of an extraction's table by delta (+1 or -1) in two
// steps, so that UNIQUE (extraction_id, row_index) holds after every statement.
Status shiftRows(Database &db, qint64 extractionId, int from, int delta)
{
    QSqlQuery q(db.sql());
    if (Status st = sql::exec(q,
                              QStringLiteral("UPDATE line_items SET row_index = -row_index - 1 "
                                             "WHERE extraction_id = ? AND row_index >= ?"),
                              {extractionId, from});
        !st)
        return st;
    return sql::exec(q,
                     QStringLiteral("UPDATE line_items SET row_index = -row_index - 1 + ? "
                                    "WHERE extraction_id = ? AND row_index < 0"),
                     {delta, extractionId});
}

QJsonObject cellsJson(const LineItem &item)
{
    QJsonObject cells;
    for (auto it = item.cells.cbegin(); it != item.cells.cend(); ++it)
        cells.insert(it.key(), it.value().value);
    return cells;
}

// Marks the document changed and writes the audit row of a row added or removed.
Status rowAudit(Database &db, qint64 documentId, const QString &action, const QString &actor,
                int row, const LineItem &item)
{
    QSqlQuery q(db.sql());
    if (Status st = sql::exec(q, QStringLiteral("UPDATE documents SET updated_at = ? WHERE id = ?"),
                              {sql::now(), documentId});
        !st)
        return st;
    return sql::audit(
        db, documentId, action, actor,
        sql::jsonText({{QStringLiteral("row"), row}, {QStringLiteral("cells"), cellsJson(item)}}));
}

} // namespace

Status ReviewRepository::insertLineItem(qint64 documentId, int row, const LineItem &item,
                                        const QString &reviewer)
{
    const QString actor = reviewer.isEmpty() ? sql::currentActor() : reviewer;
    return m_db.transaction([&]() -> Status {
        auto extraction = latestExtractionId(m_db, documentId);
        if (!extraction)
            return extraction.error();
        const qint64 extractionId = extraction.value();
        auto rows = sql::scalar(
            m_db, QStringLiteral("SELECT COUNT(*) FROM line_items WHERE extraction_id = ?"),
            {extractionId});
        if (!rows)
            return rows.error();
        const int at = qBound(0, row, rows.value().toInt());
        if (Status st = shiftRows(m_db, extractionId, at, +1); !st)
            return st;
        if (auto stored = ExtractionRepository::insertLineItem(m_db, extractionId, at, item,
                                                               QStringLiteral("reviewer"));
            !stored)
            return stored.error();
        return rowAudit(m_db, documentId, QStringLiteral("line_item_added"), actor, at, item);
    });
}

Status ReviewRepository::removeLineItem(qint64 documentId, int row, const QString &reviewer)
{
    const QString actor = reviewer.isEmpty() ? sql::currentActor() : reviewer;
    return m_db.transaction([&]() -> Status {
        auto extraction = latestExtractionId(m_db, documentId);
        if (!extraction)
            return extraction.error();
        const qint64 extractionId = extraction.value();
        auto found = sql::scalar(m_db,
                                 QStringLiteral("SELECT id FROM line_items WHERE "
                                                "extraction_id = ? AND row_index = ?"),
                                 {extractionId, row});
        if (!found)
            return found.error();
        if (!found.value().isValid())
            return Status::failure(QStringLiteral("not_found"),
                                   sql::Messages::tr("Row %1 does not exist.").arg(row + 1));
        const qint64 rowId = found.value().toLongLong();
        QSqlQuery q(m_db.sql());
        LineItem removed;
        if (Status st = sql::exec(q,
                                  QStringLiteral("SELECT name, value FROM line_item_cells "
                                                 "WHERE line_item_id = ?"),
                                  {rowId});
            !st)
            return st;
        while (q.next()) {
            Field cell;
            cell.value = q.value(1).toString();
            removed.cells.insert(q.value(0).toString(), cell);
        }
        q.finish();
        // Cells first: the delete must not depend on the connection's foreign key setting.
        if (Status st = sql::exec(q,
                                  QStringLiteral("DELETE FROM line_item_cells WHERE "
                                                 "line_item_id = ?"),
                                  {rowId});
            !st)
            return st;
        if (Status st =
                sql::exec(q, QStringLiteral("DELETE FROM line_items WHERE id = ?"), {rowId});
            !st)
            return st;
        if (Status st = shiftRows(m_db, extractionId, row + 1, -1); !st)
            return st;
        return rowAudit(m_db, documentId, QStringLiteral("line_item_removed"), actor, row, removed);
    });
}

Result<QList<Correction>> ReviewRepository::corrections(qint64 documentId)
{
    QSqlQuery q(m_db.sql());
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT id, document_id, field, before_value, "
                                            "after_value, reviewer, at FROM corrections "
                                            "WHERE document_id = ? ORDER BY id"),
                             {documentId});
        !s)
        return s.error();
    QList<Correction> out;
    while (q.next()) {
        Correction c;
        c.id = q.value(0).toLongLong();
        c.documentId = q.value(1).toLongLong();
        c.field = q.value(2).toString();
        c.before = q.value(3).toString();
        c.after = q.value(4).toString();
        c.reviewer = q.value(5).toString();
        c.at = sql::parseTimestamp(q.value(6));
        out.append(c);
    }
    return out;
}

Status ReviewRepository::approve(qint64 documentId, int expectedVersion, const QString &reviewer)
{
    return decide(documentId, expectedVersion, reviewer, true, {});
}

Status ReviewRepository::reject(qint64 documentId, int expectedVersion, const QString &reviewer,
                                const QString &reason)
{
    return decide(documentId, expectedVersion, reviewer, false, reason);
}

Status ReviewRepository::decide(qint64 documentId, int expectedVersion, const QString &reviewer,
                                bool approved, const QString &reason)
{
    const QString decision = approved ? QStringLiteral("approved") : QStringLiteral("rejected");
    const QString actor = reviewer.isEmpty() ? sql::currentActor() : reviewer;
    return m_db.transaction([&]() -> Status {
        const QString now = sql::now();
        QSqlQuery q(m_db.sql());
        Status st = sql::exec(
            q,
            QStringLiteral("UPDATE documents SET status = ?, version = version + 1, "
                           "updated_at = ?, claimed_by = '', claimed_until = NULL, "
                           "error_code = '', error_message = '' WHERE id = ? AND version = ?"),
            {decision, now, documentId, expectedVersion});
        if (!st)
            return st;
        if (q.numRowsAffected() == 0)
            return sql::versionConflict(m_db, documentId, expectedVersion);
        st = sql::exec(q,
                       QStringLiteral("INSERT INTO reviews (document_id, decision, reason, "
                                      "reviewer, version, at) VALUES (?, ?, ?, ?, ?, ?)"),
                       {documentId, decision, reason, actor, expectedVersion + 1, now});
        if (!st)
            return st;
        QJsonObject detail{{QStringLiteral("version"), expectedVersion + 1}};
        if (!reason.isEmpty())
            detail.insert(QStringLiteral("reason"), reason);
        return sql::audit(m_db, documentId, decision, actor, sql::jsonText(detail));
    });
}

Result<QList<ReviewEntry>> ReviewRepository::reviews(qint64 documentId)
{
    QSqlQuery q(m_db.sql());
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT id, document_id, decision, reason, reviewer, "
                                            "version, at FROM reviews WHERE document_id = ? "
                                            "ORDER BY id"),
                             {documentId});
        !s)
        return s.error();
    QList<ReviewEntry> out;
    while (q.next()) {
        ReviewEntry r;
        r.id = q.value(0).toLongLong();
        r.documentId = q.value(1).toLongLong();
        r.decision = q.value(2).toString();
        r.reason = q.value(3).toString();
        r.reviewer = q.value(4).toString();
        r.version = q.value(5).toInt();
        r.at = sql::parseTimestamp(q.value(6));
        out.append(r);
    }
    return out;
}

Result<QList<AuditEntry>> ReviewRepository::audit(qint64 documentId)
{
    QSqlQuery q(m_db.sql());
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT id, document_id, action, actor, detail, at "
                                            "FROM audit_log WHERE document_id = ? ORDER BY id"),
                             {documentId});
        !s)
        return s.error();
    QList<AuditEntry> out;
    while (q.next()) {
        AuditEntry a;
        a.id = q.value(0).toLongLong();
        a.documentId = q.value(1).toLongLong();
        a.action = q.value(2).toString();
        a.actor = q.value(3).toString();
        a.detail = q.value(4).toString();
        a.at = sql::parseTimestamp(q.value(5));
        out.append(a);
    }
    return out;
}

Status ReviewRepository::addAudit(qint64 documentId, const QString &action, const QString &actor,
                                  const QString &detail)
{
    return m_db.transaction(
        [&]() -> Status { return sql::audit(m_db, documentId, action, actor, detail); });
}

} // namespace docket
