#include "DocumentLoader.h"

#include "core/SchemaRegistry.h"
#include "storage/DocumentRepository.h"
#include "storage/ExtractionRepository.h"

#include <QCoreApplication>

namespace docket {

Result<LoadedDocument> DocumentLoader::load(qint64 documentId) const
{
    LoadedDocument loaded;
    DocumentRepository documents(m_db);
    auto doc = documents.get(documentId);
    if (!doc.ok())
        return doc.error();
    loaded.document = doc.takeValue();
    if (loaded.document.status == DocumentStatus::Pending ||
        loaded.document.status == DocumentStatus::Processing)
        return loaded;
    ExtractionRepository extractions(m_db);
    auto extraction = extractions.latest(documentId);
    if (extraction.ok()) {
        loaded.extraction = extraction.takeValue();
        loaded.hasExtraction = true;
        auto issues = extractions.issues(loaded.extraction.id);
        if (issues.ok())
            loaded.report = issues.takeValue();
    }
    return loaded;
}

FieldBoxes DocumentLoader::boxes(const Extraction &extraction)
{
    FieldBoxes boxes;
    const DocumentSchema *schema = SchemaRegistry::builtin().schema(extraction.documentType);
    for (auto it = extraction.fields.cbegin(); it != extraction.fields.cend(); ++it) {
        const Field &field = it.value();
        if (field.page <= 0 || field.bbox.isNull() || field.value.isEmpty())
            continue;
        const FieldSpec *spec = schema ? schema->field(it.key()) : nullptr;
        boxes.append({it.key(),
                      spec ? QCoreApplication::translate("Schema", spec->label.toUtf8().constData())
                           : it.key(),
                      field.page, field.bbox, field.confidence});
    }
    for (int row = 0; row < extraction.lineItems.size(); ++row) {
        const LineItem &item = extraction.lineItems.at(row);
        if (item.page <= 0 || item.bbox.isNull())
            continue;
        double confidence = 1.0;
        for (const Field &cell : item.cells)
            if (!cell.value.isEmpty())
                confidence = qMin(confidence, cell.confidence);
        boxes.append({QStringLiteral("%1[%2]").arg(extraction.tableName).arg(row),
                      QCoreApplication::translate("DocumentLoader", "Row %1").arg(row + 1),
                      item.page, item.bbox, confidence});
    }
    return boxes;
}

} // namespace docket
