#include "DocumentProcessor.h"

#include "ContentReader.h"
#include "EngineFactory.h"
#include "agents/Engine.h"
#include "agents/VendorMemory.h"
#include "core/SchemaRegistry.h"
#include "ingest/Importer.h"
#include "ingest/SourceDocument.h"
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/ExtractionRepository.h"
#include "storage/VendorMemoryRepository.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcProcess, "docket.pipeline")

namespace docket {

namespace {

// This file's messages, under the context lupdate files them in.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(DocumentProcessor)
};

bool isSettled(DocumentStatus status)
{
    return status == DocumentStatus::NeedsReview || status == DocumentStatus::AutoApproved ||
           status == DocumentStatus::Approved || status == DocumentStatus::Rejected;
}

// The first non-empty of the named fields.
QString firstOf(const Extraction &e, std::initializer_list<const char *> names)
{
    for (const char *n : names) {
        const QString v = e.value(QString::fromLatin1(n));
        if (!v.isEmpty())
            return v;
    }
    return {};
}

// Every layout reviewers taught for this document type (one row per vendor).
VendorMemory loadMemory(Database &db, const QString &documentType)
{
    VendorMemory memory;
    VendorMemoryRepository repo(db);
    auto vendors = repo.vendors(documentType);
    if (!vendors)
        return memory;
    for (const QString &vendor : vendors.value())
        if (auto json = repo.get(vendor, documentType))
            memory.addLayoutJson(json.value());
    return memory;
}

// An extraction of this document that the engine already paid for: the same document (its
// hash: one row per hash), engine, model and prompt version (and type, when one is forced).
std::optional<Extraction> paidFor(Database &db, qint64 documentId, const QString &engine,
                                  const PipelineConfig &config, const QString &forcedType)
{
    ExtractionRepository extractions(db);
    for (const EngineFactory::ReuseKey &key : EngineFactory::reuseKeys(engine, config)) {
        auto found = extractions.findReusable(documentId, key.engine, key.model, key.promptVersion);
        if (!found) {
            qCWarning(lcProcess) << "could not look for a reusable extraction:"
                                 << found.error().message;
            return std::nullopt;
        }
        if (found.value() && (forcedType.isEmpty() || found.value()->documentType == forcedType)) {
            Extraction e = std::move(*found.value());
            e.id = 0;
            return e;
        }
    }
    return std::nullopt;
}

void denormalise(ProcessingResult &r)
{
    const Extraction &e = r.extraction;
    r.document.documentType = e.documentType;
    r.document.typeConfidence = e.typeConfidence;
    r.document.priority = priorityName(r.review.priority);
    r.document.sellerName = firstOf(e, {"seller_name", "shipper_name", "issuer", "exporter_name"});
    r.document.documentNumber = firstOf(
        e, {"invoice_number", "receipt_number", "packing_list_number", "certificate_number"});
    r.document.totalAmount = firstOf(e, {"total_amount", "total_gross_weight"});
}

} // namespace

DocumentProcessor::DocumentProcessor(const PipelineConfig &config, Database &db, Engine &engine)
    : m_config(config), m_db(db), m_engine(engine)
{}

ProcessingResult DocumentProcessor::process(const QString &path, const Options &options,
                                            const CancelToken &cancel)
{
    QElapsedTimer total;
    total.start();
    ProcessingResult r;
    r.file = path;
    r.document.fileName = QFileInfo(path).fileName();
    r.document.status = DocumentStatus::Failed;

    QElapsedTimer step;
    step.start();
    const Importer importer(m_config.effectiveDataFolder(), m_config.limits);
    auto imported = importer.import(path);
    if (!imported) {
        r.error = imported.error();
        r.timingsMs.insert(QStringLiteral("ingest"), step.elapsed());
        r.timingsMs.insert(QStringLiteral("total"), total.elapsed());
        return r;
    }
    const Document doc = imported.value().toDocument();
    DocumentRepository documents(m_db);
    bool created = false;
    auto stored = documents.insertOrFind(doc, &created);
    if (!stored) {
        r.document = doc;
        r.error = stored.error();
        return r;
    }
    r.document = stored.value();
    r.timingsMs.insert(QStringLiteral("ingest"), step.elapsed());

    if (!created && isSettled(r.document.status) && !options.reprocess) {
        // Already processed: report what is stored rather than doing (and paying) it twice.
        r.duplicate = true;
        ExtractionRepository extractions(m_db);
        if (auto latest = extractions.latest(r.document.id)) {
            r.extraction = latest.takeValue();
            if (auto issues = extractions.issues(r.extraction.id))
                r.validation = issues.takeValue();
        }
        r.review.required = r.document.status == DocumentStatus::NeedsReview;
        r.review.priority = priorityFromName(r.document.priority);
        r.timingsMs.insert(QStringLiteral("total"), total.elapsed());
        return r;
    }
    r.duplicate = !created;
    Options opts = options;
    opts.reprocess = true;
    ProcessingResult out = reprocess(r.document.id, opts, cancel);
    out.file = path;
    out.duplicate = r.duplicate;
    out.timingsMs.insert(QStringLiteral("ingest"),
                         r.timingsMs.value(QStringLiteral("ingest")) +
                             out.timingsMs.value(QStringLiteral("ingest")));
    out.timingsMs.insert(QStringLiteral("total"), total.elapsed());
    return out;
}

ProcessingResult DocumentProcessor::reprocess(qint64 documentId, const Options &options,
                                              const CancelToken &cancel)
{
    QElapsedTimer total;
    total.start();
    ProcessingResult r;
    DocumentRepository documents(m_db);
    auto stored = documents.get(documentId);
    if (!stored) {
        r.error = stored.error();
        r.document.status = DocumentStatus::Failed;
        return r;
    }
    r.document = stored.takeValue();
    r.file = r.document.originalPath;

    AgentContext ctx;
    auto fail = [&](const Error &error) {
        r.error = error;
        r.usage = ctx.usage; // what was paid before the failure (recorded per request)
        r.document.status = DocumentStatus::Failed;
        r.document.errorCode = error.code;
        r.document.errorMessage = error.message;
        documents.setStatus(r.document.id, DocumentStatus::Failed, -1, error.code, error.message);
        r.timingsMs.insert(QStringLiteral("total"), total.elapsed());
        qCInfo(lcProcess) << "failed" << r.document.fileName << error.code;
        return r;
    };

    QElapsedTimer step;
    step.start();
    auto source = SourceDocument::open(r.document.storedPath, m_config.limits, options.password);
    if (!source)
        return fail(source.error());
    r.document.pageCount = source.value()->pageCount();
    r.document.pageSizes.clear();
    for (int i = 0; i < r.document.pageCount; ++i)
        r.document.pageSizes.append(source.value()->pageSize(i));
    r.timingsMs.insert(QStringLiteral("ingest"), step.restart());

    ContentReader::Stats stats;
    auto content = ContentReader(m_config.ocr).read(*source.value(), cancel, &stats);
    if (!content)
        return fail(content.error());
    r.timingsMs.insert(QStringLiteral("ingest"),
                       r.timingsMs.value(QStringLiteral("ingest")) + stats.textLayerMs);
    r.timingsMs.insert(QStringLiteral("ocr"), stats.ocrMs);
    step.restart();

    const SchemaRegistry &schemas = SchemaRegistry::builtin();
    ctx.schemas = &schemas;
    ctx.cancel = cancel;
    ctx.storedPath = r.document.storedPath;
    ctx.documentId = r.document.id;

    QString type = options.forcedType;
    double typeConfidence = 1.0;
    // Never paid twice: what the same engine and model already read with the same prompts is
    // used again, without a request.
    std::optional<Extraction> reused =
        paidFor(m_db, r.document.id, m_engine.name, m_config, options.forcedType);
    if (reused) {
        qCInfo(lcProcess) << "reusing extraction of" << r.document.fileName << "by"
                          << reused->engine << reused->model << reused->promptVersion;
        type = reused->documentType;
        if (options.forcedType.isEmpty())
            typeConfidence = reused->typeConfidence;
    } else if (type.isEmpty() || !schemas.schema(type)) {
        auto classification = m_engine.classifier->classify(content.value(), ctx);
        if (!classification)
            return fail(classification.error());
        type = classification.value().documentType;
        typeConfidence = classification.value().confidence;
    }
    const DocumentSchema *schema = schemas.schema(type);
    if (!schema)
        schema = schemas.schema(QStringLiteral("other"));
    if (!schema)
        return fail(
            {QStringLiteral("schema_missing"), Messages::tr("No document types are installed.")});
    r.timingsMs.insert(QStringLiteral("classify"), step.restart());
    if (cancel.isCancelled())
        return fail({QStringLiteral("cancelled"), Messages::tr("Processing was cancelled.")});

    if (reused) {
        r.extraction = std::move(*reused);
    } else {
        const VendorMemory memory = loadMemory(m_db, schema->name);
        if (!memory.isEmpty())
            ctx.memory = &memory;
        auto extraction = m_engine.extractor->extract(content.value(), *schema, ctx);
        ctx.memory = nullptr;
        if (!extraction)
            return fail(extraction.error());
        r.extraction = extraction.takeValue();
    }
    r.extraction.documentType = schema->name;
    r.extraction.typeConfidence = typeConfidence;
    r.timingsMs.insert(QStringLiteral("extract"), step.restart());

    r.validation = m_engine.validator->validate(r.extraction, *schema);
    ReviewInput input;
    input.schema = schema;
    input.extraction = &r.extraction;
    input.validation = &r.validation;
    input.content = &content.value();
    input.disagreements = r.extraction.disagreements;
    r.review = m_engine.reviewCoordinator->decide(input);
    // The agents' notices (a budget near its limit, a provider replaced by the offline engine)
    // inform the reviewer; they do not change the review decision.
    r.validation.issues += ctx.notices;
    for (const Issue &notice : ctx.notices)
        qCWarning(lcProcess).noquote() << r.document.fileName << notice.code << notice.message;
    r.timingsMs.insert(QStringLiteral("validate"), step.restart());
    r.usage = ctx.usage;

    r.document.status =
        r.review.required ? DocumentStatus::NeedsReview : DocumentStatus::AutoApproved;
    r.document.errorCode.clear();
    r.document.errorMessage.clear();
    denormalise(r);
    if (cancel.isCancelled())
        return fail({QStringLiteral("cancelled"), Messages::tr("Processing was cancelled.")});
    ExtractionRepository extractions(m_db);
    // Each provider request was recorded as its own usage row by the cost ledger (see
    // EngineFactory::spend): the result's sum must not be recorded again.
    extractions.setRecordUsage(false);
    auto saved = extractions.saveResult(r.document.id, r);
    if (!saved)
        return fail(saved.error());
    r.extraction.id = saved.value();
    r.timingsMs.insert(QStringLiteral("total"), total.elapsed());
    return r;
}

} // namespace docket
