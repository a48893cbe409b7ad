#pragma once

#include "core/Document.h"
#include "core/Extraction.h"
#include "core/Result.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

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

// What to export: the choices of `docket export` and of File > Export.
struct ExportOptions
{
    QString status = QStringLiteral("approved"); // one of Exporter::knownStatusFilters()
    QString documentType;                        // schema name; empty: every type
    // Approved (decided) between these local days, inclusive; a null date leaves that end
    // open. See Exporter::approvedAt.
    QDate approvedFrom;
    QDate approvedTo;
    bool lineItems = true; // include line items (or packages)
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
    Q_DECLARE_TR_FUNCTIONS(Exporter)
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

    // Called with (done, total) while exporting; returning false cancels (error "cancelled").
    using Progress = std::function<bool(int done, int total)>;

    // The documents that match, each with its decision but without its extraction: what a
    // preview counts. Error code "usage" for an unknown status filter.
    Result<QList<ExportRecord>> select(const ExportOptions &options, const Progress &progress = {});
    // select() plus each document's newest extraction; progress counts the documents read.
    Result<QList<ExportRecord>> load(const ExportOptions &options, const Progress &progress = {});

    // When a document was approved: its newest decision, or for a document without one
    // (auto-approved) its last status change.
    static QDateTime approvedAt(const ExportRecord &record);

    // Writes an export to path, all or nothing (QSaveFile: a temporary file renamed into
    // place): JSON, or the documents' CSV with, when lineItems, the line items in
    // lineItemsPath(path). Returns the files written. Error code "export_write_failed".
    static Result<QStringList> write(const QList<ExportRecord> &records, Format format,
                                     bool lineItems, const QString &path);
    // FILE.csv -> FILE-line_items.csv; FILE -> FILE-line_items.csv
    static QString lineItemsPath(const QString &csvPath);

    // lineItems: include each document's line items (or packages).
    static QByteArray toJson(const QList<ExportRecord> &records, bool lineItems = true);
    static QJsonObject toJson(const ExportRecord &record, bool lineItems = true);
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
