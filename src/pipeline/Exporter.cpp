#include "Exporter.h"

#include "core/DocumentSchema.h"
#include "core/ProcessingResult.h"
#include "core/SchemaRegistry.h"
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/ExtractionRepository.h"
#include "storage/ReviewRepository.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

#include <cmath>
#include <memory>
#include <vector>

namespace docket {

namespace {

QString tableOf(const ExportRecord &r)
{
    return r.extraction.tableName.isEmpty() ? QStringLiteral("line_items") : r.extraction.tableName;
}

QJsonArray rowsJson(const Extraction &e, bool full)
{
    QJsonArray rows;
    for (const LineItem &item : e.lineItems) {
        QJsonObject row;
        for (auto it = item.cells.cbegin(); it != item.cells.cend(); ++it)
            if (!it->value.isEmpty())
                row.insert(it.key(), full ? QJsonValue(ProcessingResult::fieldJson(*it, false))
                                          : QJsonValue(it->value));
        rows.append(row);
    }
    return rows;
}

// Names in schema order for the types present, then any others in name order.
QStringList unionOf(const QList<ExportRecord> &records, bool columns)
{
    QStringList out;
    QSet<QString> seen;
    const SchemaRegistry &schemas = SchemaRegistry::builtin();
    QStringList types;
    for (const ExportRecord &r : records)
        if (!types.contains(r.extraction.documentType))
            types.append(r.extraction.documentType);
    types.sort();
    for (const QString &type : types) {
        const DocumentSchema *schema = schemas.schema(type);
        if (!schema)
            continue;
        for (const FieldSpec &f : columns ? schema->columns : schema->fields)
            if (!seen.contains(f.name)) {
                seen.insert(f.name);
                out.append(f.name);
            }
    }
    QStringList extra;
    for (const ExportRecord &r : records) {
        if (columns) {
            for (const LineItem &item : r.extraction.lineItems)
                for (auto it = item.cells.cbegin(); it != item.cells.cend(); ++it)
                    if (!seen.contains(it.key()) && !it->value.isEmpty()) {
                        seen.insert(it.key());
                        extra.append(it.key());
                    }
        } else {
            for (auto it = r.extraction.fields.cbegin(); it != r.extraction.fields.cend(); ++it)
                if (!seen.contains(it.key()) && !it->value.isEmpty()) {
                    seen.insert(it.key());
                    extra.append(it.key());
                }
        }
    }
    extra.sort();
    return out + extra;
}

void appendRow(QByteArray &out, const QStringList &cells)
{
    QStringList quoted;
    quoted.reserve(cells.size());
    for (const QString &c : cells)
        quoted.append(Exporter::csvField(c));
    out += quoted.join(QLatin1Char(',')).toUtf8();
    out += "\r\n";
}

QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

} // namespace

Exporter::Exporter(Database &db) : m_db(db) {}

QStringList Exporter::knownStatusFilters()
{
    return {QStringLiteral("approved"), QStringLiteral("needs_review"), QStringLiteral("all")};
}

Result<QList<ExportRecord>> Exporter::load(const QString &statusFilter)
{
    ExportOptions options;
    options.status = statusFilter;
    return load(options);
}

Result<QList<ExportRecord>> Exporter::select(const ExportOptions &options, const Progress &progress)
{
    QueueQuery query;
    if (options.status == QLatin1String("approved"))
        query.statuses = {DocumentStatus::Approved, DocumentStatus::AutoApproved};
    else if (options.status == QLatin1String("needs_review"))
        query.statuses = {DocumentStatus::NeedsReview};
    else if (options.status != QLatin1String("all"))
        return Error{
            QStringLiteral("usage"),
            tr("Unknown status \"%1\": use approved, needs_review or all.").arg(options.status)};
    query.documentType = options.documentType;
    const bool byDate = options.approvedFrom.isValid() || options.approvedTo.isValid();
    DocumentRepository documents(m_db);
    ReviewRepository reviews(m_db);
    auto total = documents.count(query);
    if (!total)
        return total.error();
    QList<ExportRecord> out;
    constexpr int kPage = 500;
    for (int offset = 0;; offset += kPage) {
        if (progress && !progress(0, total.value()))
            return Error{QStringLiteral("cancelled"), tr("The export was cancelled.")};
        auto page = documents.list(query, offset, kPage);
        if (!page)
            return page.error();
        for (const Document &doc : page.value()) {
            ExportRecord r;
            r.document = doc;
            r.extraction.documentType = doc.documentType;
            auto decided = reviews.reviews(doc.id);
            if (!decided)
                return decided.error();
            if (!decided.value().isEmpty()) {
                r.reviewer = decided.value().constLast().reviewer;
                r.decidedAt = decided.value().constLast().at;
            }
            if (byDate) {
                const QDate day = approvedAt(r).toLocalTime().date();
                if ((options.approvedFrom.isValid() && day < options.approvedFrom) ||
                    (options.approvedTo.isValid() && day > options.approvedTo))
                    continue;
            }
            out.append(r);
        }
        if (page.value().size() < kPage)
            break;
    }
    return out;
}

Result<QList<ExportRecord>> Exporter::load(const ExportOptions &options, const Progress &progress)
{
    auto selected = select(options, progress);
    if (!selected)
        return selected;
    QList<ExportRecord> out = selected.takeValue();
    ExtractionRepository extractions(m_db);
    for (int i = 0; i < out.size(); ++i) {
        if (progress && !progress(i, int(out.size())))
            return Error{QStringLiteral("cancelled"), tr("The export was cancelled.")};
        ExportRecord &r = out[i];
        auto latest = extractions.latest(r.document.id);
        if (latest)
            r.extraction = latest.takeValue();
        else if (latest.error().code != QLatin1String("not_found"))
            return latest.error();
        if (r.extraction.documentType.isEmpty())
            r.extraction.documentType = r.document.documentType;
    }
    if (progress)
        progress(int(out.size()), int(out.size()));
    return out;
}

QDateTime Exporter::approvedAt(const ExportRecord &record)
{
    return record.decidedAt.isValid() ? record.decidedAt : record.document.updatedAt;
}

QString Exporter::lineItemsPath(const QString &csvPath)
{
    QString base = csvPath;
    if (base.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        base.chop(4);
    return base + QStringLiteral("-line_items.csv");
}

Result<QStringList> Exporter::write(const QList<ExportRecord> &records, Format format,
                                    bool lineItems, const QString &path)
{
    QList<std::pair<QString, QByteArray>> contents;
    if (format == Format::Json) {
        contents.append({path, toJson(records, lineItems)});
    } else {
        contents.append({path, documentsCsv(records, true)});
        if (lineItems)
            contents.append({lineItemsPath(path), lineItemsCsv(records)});
    }
    const auto failed = [](const QString &name, const QString &why) {
        return Error{QStringLiteral("export_write_failed"),
                     tr("Cannot write \"%1\": %2").arg(QDir::toNativeSeparators(name), why)};
    };
    // Every file is written in full before any replaces its destination.
    std::vector<std::unique_ptr<QSaveFile>> files;
    for (const auto &[name, data] : contents) {
        auto file = std::make_unique<QSaveFile>(name);
        if (!file->open(QIODevice::WriteOnly) || file->write(data) != data.size())
            return failed(name, file->errorString());
        files.push_back(std::move(file));
    }
    QStringList written;
    for (const auto &file : files) {
        if (!file->commit()) {
            for (const QString &done : std::as_const(written))
                QFile::remove(done);
            return failed(file->fileName(), file->errorString());
        }
        written.append(file->fileName());
    }
    return written;
}

QJsonObject Exporter::toJson(const ExportRecord &r, bool lineItems)
{
    const Document &d = r.document;
    QJsonObject o;
    o.insert(QStringLiteral("file"), d.originalPath.isEmpty() ? d.fileName : d.originalPath);
    o.insert(QStringLiteral("sha256"), d.sha256);
    o.insert(QStringLiteral("status"), statusName(d.status));
    const QString type = r.extraction.documentType;
    o.insert(QStringLiteral("document_type"), type.isEmpty() ? QJsonValue() : QJsonValue(type));
    o.insert(QStringLiteral("type_confidence"), ProcessingResult::rounded(d.typeConfidence, 3));
    o.insert(QStringLiteral("pages"), d.pageCount);
    QJsonObject fields;
    for (auto it = r.extraction.fields.cbegin(); it != r.extraction.fields.cend(); ++it)
        if (!it->value.isEmpty())
            fields.insert(it.key(), ProcessingResult::fieldJson(*it, true));
    o.insert(QStringLiteral("fields"), fields);
    if (lineItems)
        o.insert(tableOf(r), rowsJson(r.extraction, true));
    QJsonObject review;
    review.insert(QStringLiteral("reviewer"),
                  r.reviewer.isEmpty() ? QJsonValue() : QJsonValue(r.reviewer));
    review.insert(QStringLiteral("decided_at"),
                  r.decidedAt.isValid() ? QJsonValue(timeText(r.decidedAt)) : QJsonValue());
    o.insert(QStringLiteral("review"), review);
    return o;
}

QByteArray Exporter::toJson(const QList<ExportRecord> &records, bool lineItems)
{
    QByteArray out = "[";
    for (int i = 0; i < records.size(); ++i) {
        out += i == 0 ? "\n" : ",\n";
        out += QJsonDocument(toJson(records.at(i), lineItems)).toJson(QJsonDocument::Compact);
    }
    out += "\n]\n";
    return out;
}

QStringList Exporter::fieldColumns(const QList<ExportRecord> &records)
{
    return unionOf(records, false);
}

QByteArray Exporter::documentsCsv(const QList<ExportRecord> &records, bool lineItemsSeparately)
{
    const QStringList fields = fieldColumns(records);
    QStringList header{QStringLiteral("file"),
                       QStringLiteral("sha256"),
                       QStringLiteral("document_type"),
                       QStringLiteral("status"),
                       QStringLiteral("type_confidence"),
                       QStringLiteral("pages"),
                       QStringLiteral("reviewer"),
                       QStringLiteral("decided_at")};
    header += fields;
    if (!lineItemsSeparately)
        header << QStringLiteral("line_items");
    QByteArray out;
    appendRow(out, header);
    for (const ExportRecord &r : records) {
        const Document &d = r.document;
        QStringList row{d.originalPath.isEmpty() ? d.fileName : d.originalPath,
                        d.sha256,
                        r.extraction.documentType,
                        statusName(d.status),
                        QString::number(ProcessingResult::rounded(d.typeConfidence, 3)),
                        QString::number(d.pageCount),
                        r.reviewer,
                        timeText(r.decidedAt)};
        for (const QString &f : fields)
            row << r.extraction.value(f);
        if (!lineItemsSeparately)
            row << (r.extraction.lineItems.isEmpty()
                        ? QString()
                        : QString::fromUtf8(QJsonDocument(rowsJson(r.extraction, false))
                                                .toJson(QJsonDocument::Compact)));
        appendRow(out, row);
    }
    return out;
}

QByteArray Exporter::lineItemsCsv(const QList<ExportRecord> &records)
{
    const QStringList columns = unionOf(records, true);
    QStringList header{QStringLiteral("sha256"), QStringLiteral("file"), QStringLiteral("table"),
                       QStringLiteral("row")};
    header += columns;
    QByteArray out;
    appendRow(out, header);
    for (const ExportRecord &r : records) {
        const Document &d = r.document;
        for (int i = 0; i < r.extraction.lineItems.size(); ++i) {
            const LineItem &item = r.extraction.lineItems.at(i);
            QStringList row{d.sha256, d.originalPath.isEmpty() ? d.fileName : d.originalPath,
                            tableOf(r), QString::number(i + 1)};
            for (const QString &c : columns)
                row << item.value(c);
            appendRow(out, row);
        }
    }
    return out;
}

QString Exporter::csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace docket
