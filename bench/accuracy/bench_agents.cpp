// Development harness for the local engine: words from pdftotext/tesseract (cached), then
// LocalClassifier + LocalExtractor, one contract JSON line per document on --out.
//   bench_agents [--data DIR] [--cache DIR] [--out FILE] [--only SUBSTRING] [--pipeline TAG]
// With --pipeline the words are those of the real pipeline (ingest text layer, else our OCR),
// read on all cores once and cached under the tag; the validator and the review policy then
// give each document its status as `docket process` would.
#include "DevDocumentLoader.h"
#include "PipelineContentLoader.h"
#include "agents/LayoutIndex.h"
#include "agents/LocalClassifier.h"
#include "agents/LocalExtractor.h"
#include "agents/PolicyReviewCoordinator.h"
#include "agents/RuleValidator.h"
#include "core/SchemaRegistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTextStream>
#include <QtConcurrent>

using namespace docket;

namespace {

QJsonObject fieldJson(const Field &f)
{
    QJsonObject o{{QStringLiteral("value"), f.value},
                  {QStringLiteral("raw"), f.raw},
                  {QStringLiteral("confidence"), f.confidence},
                  {QStringLiteral("page"), f.page},
                  {QStringLiteral("source"), f.source}};
    if (!f.bbox.isNull())
        o.insert(QStringLiteral("bbox"),
                 QJsonArray{f.bbox.x(), f.bbox.y(), f.bbox.width(), f.bbox.height()});
    return o;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("docket.*.debug=false"));
    QCommandLineParser cli;
    cli.addHelpOption();
    cli.addOption({QStringLiteral("data"), QStringLiteral("dev data folder"), QStringLiteral("dir"),
                   QStringLiteral(DOCKET_SHARED_DIR "/data/dev")});
    cli.addOption({QStringLiteral("cache"), QStringLiteral("word cache folder"),
                   QStringLiteral("dir"),
                   QDir::tempPath() + QStringLiteral("/docket_bench_words")});
    cli.addOption({QStringLiteral("out"), QStringLiteral("JSON lines output"),
                   QStringLiteral("file"), QStringLiteral("-")});
    cli.addOption({QStringLiteral("only"), QStringLiteral("only files whose path contains this"),
                   QStringLiteral("text")});
    cli.addOption({QStringLiteral("repeat"), QStringLiteral("run the agents N times (speed)"),
                   QStringLiteral("n"), QStringLiteral("1")});
    cli.addOption({QStringLiteral("raw-ocr"),
                   QStringLiteral("OCR scans at their own resolution (no upscaling)")});
    cli.addOption({QStringLiteral("features"), QStringLiteral("print classifier features")});
    cli.addOption({QStringLiteral("pipeline"),
                   QStringLiteral("words from the real pipeline, cached under this tag"),
                   QStringLiteral("tag")});
    cli.addOption(
        {QStringLiteral("no-flatten"), QStringLiteral("OCR without background flattening")});
    cli.addOption({QStringLiteral("psm"), QStringLiteral("Tesseract page segmentation mode"),
                   QStringLiteral("n"), QStringLiteral("3")});
    cli.addOption({QStringLiteral("rows"), QStringLiteral("print the layout rows (debugging)")});
    cli.process(app);

    SchemaRegistry registry;
    const QStringList errs = registry.load();
    for (const QString &e : errs)
        QTextStream(stderr) << e << '\n';
    const QDir data(cli.value(QStringLiteral("data")));
    DevDocumentLoader loader(cli.value(QStringLiteral("cache")));
    loader.setUpscale(!cli.isSet(QStringLiteral("raw-ocr")));
    QFile out;
    if (cli.value(QStringLiteral("out")) == QLatin1String("-"))
        (void)out.open(stdout, QIODevice::WriteOnly);
    else
        out.setFileName(cli.value(QStringLiteral("out"))), (void)out.open(QIODevice::WriteOnly);

    QStringList files;
    QDirIterator it(data.path(),
                    {QStringLiteral("*.pdf"), QStringLiteral("*.jpg"), QStringLiteral("*.png"),
                     QStringLiteral("*.tif")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(data.relativeFilePath(it.next()));
    files.sort();
    const QString only = cli.value(QStringLiteral("only"));
    const int repeat = std::max(1, cli.value(QStringLiteral("repeat")).toInt());

    if (!only.isEmpty())
        files.removeIf([&](const QString &rel) { return !rel.contains(only); });
    const bool pipeline = cli.isSet(QStringLiteral("pipeline"));
    OcrOptions ocr;
    ocr.flattenBackground = !cli.isSet(QStringLiteral("no-flatten"));
    ocr.pageSegMode = cli.value(QStringLiteral("psm")).toInt();
    const PipelineContentLoader pipelineLoader(cli.value(QStringLiteral("cache")),
                                               cli.value(QStringLiteral("pipeline")), ocr);
    auto shaOf = [&](const QString &path) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return QByteArray();
        QCryptographicHash h(QCryptographicHash::Sha256);
        h.addData(&f);
        return h.result().toHex();
    };
    if (pipeline) // read (and cache) every document's words on all cores first
        QtConcurrent::blockingMap(files, [&](const QString &rel) {
            QString error;
            const QString path = data.filePath(rel);
            (void)pipelineLoader.load(path, shaOf(path), &error);
        });

    LocalClassifier classifier;
    LocalExtractor extractor;
    const RuleValidator validator;
    const PolicyReviewCoordinator coordinator;
    qint64 textNs = 0, ocrNs = 0;
    int textPages = 0, ocrPages = 0;
    for (const QString &rel : std::as_const(files)) {
        if (!only.isEmpty() && !rel.contains(only))
            continue;
        const QString path = data.filePath(rel);
        const QByteArray sha = shaOf(path);
        QString error;
        const DocumentContent content =
            pipeline ? pipelineLoader.load(path, sha, &error) : loader.load(path, &error);
        QJsonObject doc{{QStringLiteral("file"), rel},
                        {QStringLiteral("sha256"), QString::fromLatin1(sha)},
                        {QStringLiteral("pages"), int(content.pages.size())}};
        if (content.pages.isEmpty()) {
            doc.insert(QStringLiteral("status"), QStringLiteral("failed"));
            doc.insert(QStringLiteral("error"),
                       QJsonObject{{QStringLiteral("code"), QStringLiteral("no_text")},
                                   {QStringLiteral("message"), error}});
            out.write(QJsonDocument(doc).toJson(QJsonDocument::Compact) + '\n');
            continue;
        }
        if (cli.isSet(QStringLiteral("rows"))) {
            const LayoutIndex index(content);
            for (int r = 0; r < index.rows().size(); ++r)
                QTextStream(stderr) << index.rows().at(r).page << ' ' << r << " | "
                                    << index.text(index.rows().at(r).words) << '\n';
        }
        QElapsedTimer timer;
        timer.start();
        Classification cls;
        Extraction ex;
        AgentContext ctx;
        ctx.schemas = &registry;
        for (int r = 0; r < repeat; ++r) {
            const LayoutIndex index(content);
            cls = classifier.classify(index, registry);
            const DocumentSchema *schema = registry.schema(cls.documentType);
            ex = extractor.extract(index, *schema, ctx);
        }
        const qint64 ns = timer.nsecsElapsed() / repeat;
        if (content.pages.first().source == TextSource::Ocr) {
            ocrNs += ns;
            ocrPages += int(content.pages.size());
        } else {
            textNs += ns;
            textPages += int(content.pages.size());
        }
        QJsonObject fields;
        for (auto f2 = ex.fields.cbegin(); f2 != ex.fields.cend(); ++f2)
            fields.insert(f2.key(), fieldJson(f2.value()));
        QJsonArray items;
        for (const LineItem &li : ex.lineItems) {
            QJsonObject row;
            for (auto c = li.cells.cbegin(); c != li.cells.cend(); ++c)
                row.insert(c.key(), fieldJson(c.value()));
            items.append(row);
        }
        QJsonObject scores;
        for (auto s = cls.scores.cbegin(); s != cls.scores.cend(); ++s)
            scores.insert(s.key(), s.value());
        const DocumentSchema *schema = registry.schema(cls.documentType);
        ex.typeConfidence = cls.confidence;
        const ValidationReport report = validator.validate(ex, *schema);
        ReviewInput input;
        input.schema = schema;
        input.extraction = &ex;
        input.validation = &report;
        input.content = &content;
        const ReviewDecision decision = coordinator.decide(input);
        doc.insert(QStringLiteral("status"), decision.required ? QStringLiteral("needs_review")
                                                               : QStringLiteral("auto_approved"));
        doc.insert(
            QStringLiteral("review"),
            QJsonObject{{QStringLiteral("reasons"), QJsonArray::fromStringList(decision.reasons)}});
        doc.insert(QStringLiteral("document_type"), cls.documentType);
        doc.insert(QStringLiteral("type_confidence"), cls.confidence);
        doc.insert(QStringLiteral("type_scores"), scores);
        if (cli.isSet(QStringLiteral("features"))) {
            const LayoutIndex index(content);
            QJsonObject feats;
            for (const DocumentSchema *s : registry.schemas()) {
                const auto f = LocalClassifier::features(index, *s);
                feats.insert(s->name, QJsonArray{f.title, f.keywords, f.labels});
            }
            doc.insert(QStringLiteral("type_features"), feats);
        }
        doc.insert(QStringLiteral("fields"), fields);
        doc.insert(ex.tableName, items);
        doc.insert(QStringLiteral("timings_ms"),
                   QJsonObject{{QStringLiteral("classify_extract"), double(ns) / 1e6}});
        doc.insert(QStringLiteral("error"), QJsonValue::Null);
        out.write(QJsonDocument(doc).toJson(QJsonDocument::Compact) + '\n');
    }
    out.flush();
    QTextStream err(stderr);
    if (textPages)
        err << "text layer: " << textPages << " pages, "
            << QString::number(textPages / (double(textNs) / 1e9), 'f', 1)
            << " pages/s (classify+extract, one thread)\n";
    if (ocrPages)
        err << "ocr: " << ocrPages << " pages, "
            << QString::number(ocrPages / (double(ocrNs) / 1e9), 'f', 1)
            << " pages/s (classify+extract, one thread)\n";
    return 0;
}
