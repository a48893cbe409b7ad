#pragma once

#include "core/Extraction.h"
#include "core/Issue.h"
#include "core/ProcessingResult.h"
#include "core/Result.h"

#include <optional>

class QSqlQuery;

namespace docket {

class Database;

class ExtractionRepository
{
public:
    explicit ExtractionRepository(Database &db);

    // Stores a pipeline result in one transaction: the extraction with its fields and line
    // items, the validation issues, the usage, the document's type, status, priority,
    // denormalised seller/number/total and page count, and an audit row.
    // A failed result (error set, no fields) stores no extraction and returns 0.
    Result<qint64> saveResult(qint64 documentId, const ProcessingResult &result);

    // Whether saveResult records ProcessingResult::usage as one usage row (step "process",
    // the default). Turn it off when a database-backed cost ledger already records every
    // request in the usage table, or the spend would be counted twice.
    void setRecordUsage(bool record) { m_recordUsage = record; }

    // The newest extraction of a document with its fields and line items.
    Result<Extraction> latest(qint64 documentId);
    Result<Extraction> get(qint64 extractionId);
    Result<ValidationReport> issues(qint64 extractionId);

    // The newest extraction of the document made by the same engine, model and prompt
    // version (so an identical request is not paid twice); nullopt when there is none.
    Result<std::optional<Extraction>> findReusable(qint64 documentId, const QString &engine,
                                                   const QString &model,
                                                   const QString &promptVersion);

    // The columns a Field is stored in (fields and line_item_cells share them), and the
    // readers and writers the repositories share.
    static QString fieldColumns();
    static Field fieldFromQuery(const QSqlQuery &query, int firstColumn);
    static QVariantList fieldValues(const QString &name, const Field &field);
    // Stores one table row (line item or package) with its cells at rowIndex of an
    // extraction; cells without a source get defaultSource. Inside the caller's transaction.
    static Result<qint64> insertLineItem(Database &db, qint64 extractionId, int rowIndex,
                                         const LineItem &item, const QString &defaultSource = {});

private:
    Result<Extraction> load(const QString &where, const QVariantList &values);

    Database &m_db;
    bool m_recordUsage = true;
};

} // namespace docket
