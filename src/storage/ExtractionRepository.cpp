#include "ExtractionRepository.h"

#include "Database.h"
#include "DocumentRepository.h"
#include "Sql.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace docket {

namespace {

QString firstOf(const Extraction &e, std::initializer_list<const char *> names)
{
    for (const char *n : names) {
        const QString v = e.value(QString::fromLatin1(n));
        if (!v.isEmpty())
            return v;
    }
    return {};
}

DocumentStatus statusOf(const ProcessingResult &r)
{
    if (!r.error.isNull())
        return DocumentStatus::Failed;
    const DocumentStatus s = r.document.status;
    if (s == DocumentStatus::Pending || s == DocumentStatus::Processing)
        return r.review.required ? DocumentStatus::NeedsReview : DocumentStatus::AutoApproved;
    return s;
}

QString fieldMarks()
{
    return QStringLiteral("?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?");
}

} // namespace

ExtractionRepository::ExtractionRepository(Database &db) : m_db(db) {}

Result<qint64> ExtractionRepository::insertLineItem(Database &db, qint64 extractionId, int rowIndex,
                                                    const LineItem &item,
                                                    const QString &defaultSource)
{
    QSqlQuery q(db.sql());
    QVariantList values{extractionId, rowIndex, item.page};
    sql::appendBox(values, item.bbox);
    if (Status st = sql::exec(q,
                              QStringLiteral("INSERT INTO line_items (extraction_id, row_index, "
                                             "page, bbox_x, bbox_y, bbox_w, bbox_h) VALUES (?, "
                                             "?, ?, ?, ?, ?, ?) RETURNING id"),
                              values);
        !st)
        return st.error();
    if (!q.next())
        return Result<qint64>::failure(QStringLiteral("db_error"),
                                       sql::Messages::tr("The line items could not be stored."));
    const qint64 rowId = q.value(0).toLongLong();
    q.finish();
    if (!q.prepare(QStringLiteral("INSERT INTO line_item_cells (line_item_id, ") + fieldColumns() +
                   QStringLiteral(") VALUES (?, ") + fieldMarks() + QLatin1Char(')')))
        return sql::error(q.lastError(), QStringLiteral("line_item_cells"));
    for (auto it = item.cells.cbegin(); it != item.cells.cend(); ++it) {
        Field cell = it.value();
        if (cell.source.isEmpty())
            cell.source = defaultSource;
        if (Status st = sql::execPrepared(q, QVariantList{rowId} + fieldValues(it.key(), cell));
            !st)
            return st.error();
    }
    return rowId;
}

QString ExtractionRepository::fieldColumns()
{
    return QStringLiteral("name, value, raw, confidence, page, bbox_x, bbox_y, bbox_w, bbox_h, "
                          "source, engine, model, prompt_version");
}

Field ExtractionRepository::fieldFromQuery(const QSqlQuery &q, int c)
{
    Field f;
    f.name = q.value(c).toString();
    f.value = q.value(c + 1).toString();
    f.raw = q.value(c + 2).toString();
    f.confidence = q.value(c + 3).toDouble();
    f.page = q.value(c + 4).toInt();
    f.bbox = sql::box(q, c + 5);
    f.source = q.value(c + 9).toString();
    f.engine = q.value(c + 10).toString();
    f.model = q.value(c + 11).toString();
    f.promptVersion = q.value(c + 12).toString();
    return f;
}

QVariantList ExtractionRepository::fieldValues(const QString &name, const Field &f)
{
    QVariantList v{name, f.value, f.raw, f.confidence, f.page};
    sql::appendBox(v, f.bbox);
    v << f.source << f.engine << f.model << f.promptVersion;
    return v;
}

Result<qint64> ExtractionRepository::saveResult(qint64 documentId, const ProcessingResult &r)
{
    const Extraction &e = r.extraction;
    const DocumentStatus status = statusOf(r);
    const bool storeExtraction = r.error.isNull() || !e.fields.isEmpty() || !e.lineItems.isEmpty();
    qint64 extractionId = 0;
    const Status s = m_db.transaction([&]() -> Status {
        extractionId = 0;
        const QString now = sql::now();
        QSqlQuery q(m_db.sql());
        if (storeExtraction) {
            Status st = sql::exec(
                q,
                QStringLiteral("INSERT INTO extractions (document_id, engine, model, "
                               "prompt_version, document_type, type_confidence, table_name, "
                               "created) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                {documentId, e.engine, e.model, e.promptVersion, e.documentType, e.typeConfidence,
                 e.tableName.isEmpty() ? QStringLiteral("line_items") : e.tableName,
                 e.created.isValid() ? sql::timestamp(e.created) : now});
            if (!st)
                return st;
            if (!q.next())
                return Status::failure(QStringLiteral("db_error"),
                                       sql::Messages::tr("The extraction could not be stored."));
            extractionId = q.value(0).toLongLong();
            q.finish();

            if (!q.prepare(QStringLiteral("INSERT INTO fields (extraction_id, ") + fieldColumns() +
                           QStringLiteral(") VALUES (?, ") + fieldMarks() + QLatin1Char(')')))
                return sql::error(q.lastError(), QStringLiteral("fields"));
            for (auto it = e.fields.cbegin(); it != e.fields.cend(); ++it)
                if (Status st = sql::execPrepared(q, QVariantList{extractionId} +
                                                         fieldValues(it.key(), *it));
                    !st)
                    return st;

            for (int i = 0; i < e.lineItems.size(); ++i)
                if (auto row = insertLineItem(m_db, extractionId, i, e.lineItems.at(i)); !row)
                    return row.error();

            if (!q.prepare(QStringLiteral("INSERT INTO issues (extraction_id, severity, code, "
                                          "field, message, source) VALUES (?, ?, ?, ?, ?, ?)")))
                return sql::error(q.lastError(), QStringLiteral("issues"));
            for (const Issue &i : r.validation.issues)
                if (Status st = sql::execPrepared(q, {extractionId,
                                                      i.severity == Issue::Severity::Error
                                                          ? QStringLiteral("error")
                                                          : QStringLiteral("warning"),
                                                      i.code, i.field, i.message, i.source});
                    !st)
                    return st;
        }

        const Usage &u = r.usage;
        if (m_recordUsage &&
            (u.requests > 0 || u.inputTokens > 0 || u.outputTokens > 0 || u.costUsd > 0)) {
            Status st = sql::exec(
                q,
                QStringLiteral("INSERT INTO usage (document_id, provider, model, step, requests, "
                               "input_tokens, cached_tokens, output_tokens, cost_usd, at) "
                               "VALUES (?, ?, ?, 'process', ?, ?, ?, ?, ?, ?)"),
                {documentId, e.engine, e.model, u.requests, u.inputTokens, u.cachedTokens,
                 u.outputTokens, u.costUsd, now});
            if (!st)
                return st;
        }

        const Document &d = r.document;
        QString priority = d.priority;
        if (priority.isEmpty() && status == DocumentStatus::NeedsReview)
            priority = priorityName(r.review.priority);
        const QString type = e.documentType.isEmpty() ? d.documentType : e.documentType;
        const double typeConfidence =
            e.documentType.isEmpty() ? d.typeConfidence : e.typeConfidence;
        const QString seller =
            d.sellerName.isEmpty()
                ? firstOf(e, {"seller_name", "shipper_name", "issuer", "exporter_name"})
                : d.sellerName;
        const QString number = d.documentNumber.isEmpty()
                                   ? firstOf(e, {"packing_list_number", "certificate_number",
                                                 "receipt_number", "invoice_number"})
                                   : d.documentNumber;
        const QString total =
            d.totalAmount.isEmpty() ? e.value(QStringLiteral("total_amount")) : d.totalAmount;
        QVariantList values{type,
                            typeConfidence,
                            statusName(status),
                            priority,
                            DocumentRepository::queueRank(priority),
                            seller,
                            number,
                            total,
                            r.error.code,
                            r.error.message,
                            now};
        QString statement = QStringLiteral(
            "UPDATE documents SET document_type = ?, type_confidence = ?, status = ?, "
            "priority = ?, queue_rank = ?, seller_name = ?, document_number = ?, "
            "total_amount = ?, error_code = ?, error_message = ?, updated_at = ?, "
            "version = version + 1, claimed_by = '', claimed_until = NULL");
        if (d.pageCount > 0) {
            statement += QStringLiteral(", pages = ?, page_sizes = ?");
            QJsonArray sizes;
            for (const QSizeF &size : d.pageSizes)
                sizes.append(QJsonArray{size.width(), size.height()});
            values << d.pageCount
                   << QString::fromUtf8(QJsonDocument(sizes).toJson(QJsonDocument::Compact));
        }
        statement += QStringLiteral(" WHERE id = ?");
        values << documentId;
        if (Status st = sql::exec(q, statement, values); !st)
            return st;
        if (q.numRowsAffected() == 0)
            return Status::failure(
                QStringLiteral("not_found"),
                sql::Messages::tr("Document %1 does not exist.").arg(documentId));

        QJsonObject detail{{QStringLiteral("status"), statusName(status)},
                           {QStringLiteral("engine"), e.engine},
                           {QStringLiteral("document_type"), type},
                           {QStringLiteral("issues"), int(r.validation.issues.size())}};
        if (extractionId > 0)
            detail.insert(QStringLiteral("extraction_id"), extractionId);
        if (!e.model.isEmpty())
            detail.insert(QStringLiteral("model"), e.model);
        if (!r.error.isNull())
            detail.insert(QStringLiteral("error_code"), r.error.code);
        return sql::audit(m_db, documentId, QStringLiteral("processed"), e.engine,
                          sql::jsonText(detail));
    });
    if (!s)
        return s.error();
    return extractionId;
}

Result<Extraction> ExtractionRepository::latest(qint64 documentId)
{
    return load(QStringLiteral("document_id = ?"), {documentId});
}

Result<Extraction> ExtractionRepository::get(qint64 extractionId)
{
    return load(QStringLiteral("id = ?"), {extractionId});
}

Result<std::optional<Extraction>> ExtractionRepository::findReusable(qint64 documentId,
                                                                     const QString &engine,
                                                                     const QString &model,
                                                                     const QString &promptVersion)
{
    auto found = load(QStringLiteral("document_id = ? AND engine = ? AND model = ? AND "
                                     "prompt_version = ?"),
                      {documentId, engine, model, promptVersion});
    if (found)
        return std::optional<Extraction>(found.takeValue());
    if (found.error().code == QLatin1String("not_found"))
        return std::optional<Extraction>();
    return found.error();
}

Result<Extraction> ExtractionRepository::load(const QString &where, const QVariantList &values)
{
    QSqlQuery q(m_db.sql());
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT id, engine, model, prompt_version, "
                                            "document_type, type_confidence, table_name, "
                                            "created FROM extractions WHERE ") +
                                 where + QStringLiteral(" ORDER BY id DESC LIMIT 1"),
                             values);
        !s)
        return s.error();
    if (!q.next())
        return Error{QStringLiteral("not_found"),
                     sql::Messages::tr("This document has not been extracted yet.")};
    Extraction e;
    e.id = q.value(0).toLongLong();
    e.engine = q.value(1).toString();
    e.model = q.value(2).toString();
    e.promptVersion = q.value(3).toString();
    e.documentType = q.value(4).toString();
    e.typeConfidence = q.value(5).toDouble();
    e.tableName = q.value(6).toString();
    e.created = sql::parseTimestamp(q.value(7));
    q.finish();

    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT ") + fieldColumns() +
                                 QStringLiteral(" FROM fields WHERE extraction_id = ?"),
                             {e.id});
        !s)
        return s.error();
    while (q.next()) {
        const Field f = fieldFromQuery(q, 0);
        e.fields.insert(f.name, f);
    }

    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT id, page, bbox_x, bbox_y, bbox_w, bbox_h "
                                            "FROM line_items WHERE extraction_id = ? "
                                            "ORDER BY row_index"),
                             {e.id});
        !s)
        return s.error();
    QHash<qint64, int> rowOf;
    while (q.next()) {
        LineItem item;
        item.page = q.value(1).toInt();
        item.bbox = sql::box(q, 2);
        rowOf.insert(q.value(0).toLongLong(), int(e.lineItems.size()));
        e.lineItems.append(item);
    }
    if (!e.lineItems.isEmpty()) {
        if (Status s = sql::exec(
                q,
                QStringLiteral("SELECT c.line_item_id, c.name, c.value, c.raw, c.confidence, "
                               "c.page, c.bbox_x, c.bbox_y, c.bbox_w, c.bbox_h, c.source, "
                               "c.engine, c.model, c.prompt_version FROM line_item_cells c "
                               "JOIN line_items l ON l.id = c.line_item_id "
                               "WHERE l.extraction_id = ?"),
                {e.id});
            !s)
            return s.error();
        while (q.next()) {
            const Field f = fieldFromQuery(q, 1);
            const int row = rowOf.value(q.value(0).toLongLong(), -1);
            if (row >= 0)
                e.lineItems[row].cells.insert(f.name, f);
        }
    }
    return e;
}

Result<ValidationReport> ExtractionRepository::issues(qint64 extractionId)
{
    QSqlQuery q(m_db.sql());
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT severity, code, field, message, source "
                                            "FROM issues WHERE extraction_id = ? ORDER BY id"),
                             {extractionId});
        !s)
        return s.error();
    ValidationReport report;
    while (q.next()) {
        Issue i;
        i.severity = q.value(0).toString() == QLatin1String("warning") ? Issue::Severity::Warning
                                                                       : Issue::Severity::Error;
        i.code = q.value(1).toString();
        i.field = q.value(2).toString();
        i.message = q.value(3).toString();
        i.source = q.value(4).toString();
        report.issues.append(i);
    }
    return report;
}

} // namespace docket
