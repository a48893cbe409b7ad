#include "VendorLearning.h"

#include "ContentReader.h"
#include "agents/VendorMemory.h"
#include "ingest/SourceDocument.h"
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/ExtractionRepository.h"
#include "storage/VendorMemoryRepository.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcLearn, "docket.pipeline.learn")

namespace docket {

Result<int> VendorLearning::learnFromApproval(Database &db, const PipelineConfig &config,
                                              qint64 documentId)
{
    auto doc = DocumentRepository(db).get(documentId);
    if (!doc)
        return doc.error();
    auto extraction = ExtractionRepository(db).latest(documentId);
    if (!extraction)
        return extraction.error();
    QStringList corrected;
    for (auto it = extraction.value().fields.cbegin(); it != extraction.value().fields.cend(); ++it)
        if (it->source == QLatin1String("reviewer"))
            corrected.append(it.key());
    if (corrected.isEmpty())
        return 0;

    auto source = SourceDocument::open(doc.value().storedPath, config.limits);
    if (!source)
        return source.error();
    auto content = ContentReader(config.ocr).read(*source.value(), CancelToken());
    if (!content)
        return content.error();

    const QString type = extraction.value().documentType;
    const QString vendor = VendorMemory::vendorKey(extraction.value());
    VendorMemoryRepository repo(db);
    VendorMemory memory;
    if (!vendor.isEmpty())
        if (auto existing = repo.get(vendor, type); existing && !existing.value().isEmpty())
            memory.addLayoutJson(existing.value());
    const int learnt = memory.learn(content.value(), extraction.value(), corrected);
    if (learnt == 0)
        return 0;
    for (const VendorMemory::Layout &layout : memory.layouts()) {
        const Status saved = repo.put(layout.vendorKey, layout.documentType,
                                      memory.layoutJson(layout.vendorKey, layout.documentType));
        if (!saved)
            return saved.error();
    }
    qCInfo(lcLearn) << "learnt" << learnt << "fields of" << vendor << type;
    return learnt;
}

} // namespace docket
