#include "ContentReader.h"

#include "ingest/SourceDocument.h"
#include "ingest/TextLayerQuality.h"
#include "vision/OcrEngine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent>

#include <map>

Q_LOGGING_CATEGORY(lcRead, "docket.pipeline.read")

namespace docket {

namespace {

constexpr double kOcrDpi = 300.0;

QThreadPool &ocrPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
        p->setExpiryTimeout(-1); // keep threads (and their Tesseract engines) alive
        return p;
    }();
    return *pool;
}

// One Tesseract engine per pool thread and per option set, created on first use.
Result<OcrEngine *> threadEngine(const OcrOptions &options)
{
    thread_local std::map<QString, std::unique_ptr<OcrEngine>> engines;
    const QString key = options.languages + QLatin1Char('|') + options.tessdataPath +
                        QString::number(options.detectOrientation) +
                        QString::number(options.deskew) + QString::number(options.denoise) +
                        QString::number(options.targetDpi);
    auto it = engines.find(key);
    if (it == engines.end())
        it = engines.emplace(key, std::make_unique<OcrEngine>(options)).first;
    return it->second.get();
}

struct OcrJob
{
    int index = 0;
    QImage image;
    QSizeF size;
    double dpi = kOcrDpi;
};

struct OcrOutcome
{
    Page page;
    Error error;
};

OcrOutcome recognise(const OcrJob &job, const OcrOptions &options)
{
    auto engine = threadEngine(options);
    if (!engine)
        return {{}, engine.error()};
    auto page = engine.value()->recognize(job.image, job.dpi, job.size, job.index + 1);
    if (!page)
        return {{}, page.error()};
    return {page.takeValue(), {}};
}

} // namespace

ContentReader::ContentReader(OcrOptions options) : m_options(std::move(options)) {}

int ContentReader::ocrThreads()
{
    return ocrPool().maxThreadCount();
}

Result<DocumentContent> ContentReader::read(const SourceDocument &source, const CancelToken &cancel,
                                            Stats *stats) const
{
    QElapsedTimer timer;
    timer.start();
    DocumentContent content;
    QList<int> needOcr;
    for (int i = 0; i < source.pageCount(); ++i) {
        if (cancel.isCancelled())
            return Error{QStringLiteral("cancelled"),
                         QCoreApplication::translate("ContentReader", "Processing was cancelled.")};
        Page page = source.textLayer(i);
        page.number = i + 1;
        page.size = source.pageSize(i);
        if (page.source == TextSource::None || !TextLayerQuality::assess(page).usable)
            needOcr.append(i);
        content.pages.append(std::move(page));
    }
    if (stats)
        stats->textLayerMs = timer.restart();

    // Render a few pages ahead of the OCR threads, so that a long scan does not hold every
    // page image in memory at once.
    const int chunk = std::max(1, ocrThreads() * 2);
    for (qsizetype start = 0; start < needOcr.size(); start += chunk) {
        QList<OcrJob> jobs;
        for (qsizetype k = start; k < std::min(needOcr.size(), start + chunk); ++k) {
            if (cancel.isCancelled())
                return Error{
                    QStringLiteral("cancelled"),
                    QCoreApplication::translate("ContentReader", "Processing was cancelled.")};
            const int index = needOcr.at(k);
            // Images are read at their own resolution: the preprocessor scales them once, to
            // the text size Tesseract reads best, instead of twice.
            const bool native = !source.isPdf();
            OcrJob job{index, source.render(index, native ? 0.0 : kOcrDpi), source.pageSize(index)};
            if (native && job.image.dotsPerMeterX() > 0)
                job.dpi = job.image.dotsPerMeterX() * 0.0254;
            if (job.image.isNull())
                return Error{QStringLiteral("render_failed"),
                             QCoreApplication::translate("ContentReader",
                                                         "Page %1 could not be rendered for OCR.")
                                 .arg(index + 1)};
            jobs.append(std::move(job));
        }
        const OcrOptions options = m_options;
        const QList<OcrOutcome> pages = QtConcurrent::blockingMapped<QList<OcrOutcome>>(
            &ocrPool(), jobs, [options](const OcrJob &job) { return recognise(job, options); });
        for (qsizetype k = 0; k < pages.size(); ++k) {
            if (!pages.at(k).error.isNull())
                return pages.at(k).error;
            const int index = jobs.at(k).index;
            Page page = pages.at(k).page;
            page.number = index + 1;
            page.size = source.pageSize(index);
            content.pages[index] = std::move(page);
        }
    }
    if (stats) {
        stats->ocrMs = timer.elapsed();
        stats->ocrPages = int(needOcr.size());
    }
    qCDebug(lcRead) << "read" << content.pages.size() << "pages," << needOcr.size() << "by OCR";
    return content;
}

} // namespace docket
