#pragma once

#include "core/Document.h"
#include "core/Extraction.h"
#include "core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

class QIODevice;

namespace docket {

class Database;

// One document as exported: what is stored about it, its newest extraction (with the
// reviewers' corrections applied, as the review view shows it) and who approved it.
struct ExportRecord
{
    Document document;
    Extraction extraction;
    QString reviewer;    // of the newest approve or reject; empty when none
    QDateTime decidedAt; // null when none
};

// Writes reviewed data for other systems (`docket export`, the supervisor's File > Export):
//  - JSON: an array with one object per document in the processing contract's shape
//    (file, sha256, status, document_type, type_confidence, pages, fields{name: {value, raw,
//    confidence, page, bbox, source}}, line_items / packages) plus "review": {reviewer,
//    decided_at}. One object per line.
//  - CSV (RFC 4180: comma, CRLF, fields quoted when they hold a comma, quote or line break,
//    quotes doubled): one row per document with file, sha256, document_type, status,
//    type_confidence, pages, reviewer, decided_at, then a column per canonical field of the
//    union of the document types present (schema order), then either a "line_items" column
//    holding the rows as JSON, or nothing when line items go to their own CSV (one row per
//    line item: sha256, file, table, row, then the union of the columns).
class Exporter
{
public:
    enum class Format
    {
        Csv,
        Json
    };

    explicit Exporter(Database &db);

    // statusFilter: "approved" (approved and auto_approved), "needs_review" or "all".
    // Error code "usage" for an unknown filter.
    Result<QList<ExportRecord>> load(const QString &statusFilter);

    static QByteArray toJson(const QList<ExportRecord> &records);
    static QJsonObject toJson(const ExportRecord &record);
    // lineItemsSeparately: leave line items out of the documents' CSV (see lineItemsCsv).
    static QByteArray documentsCsv(const QList<ExportRecord> &records, bool lineItemsSeparately);
    static QByteArray lineItemsCsv(const QList<ExportRecord> &records);

    // The columns of the documents' CSV for these records.
    static QStringList fieldColumns(const QList<ExportRecord> &records);
    // One CSV field, quoted when needed (RFC 4180).
    static QString csvField(const QString &text);
    static QStringList knownStatusFilters(); // approved, needs_review, all

private:
    Database &m_db;
};

} // namespace docket
