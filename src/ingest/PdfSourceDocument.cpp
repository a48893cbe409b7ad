#include "PdfSourceDocument.h"

#include "IngestLog.h"
#include "ParseGuard.h"
#include "ReadingOrder.h"
#include "TextLayerBuilder.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPdfDocument>
#include <QPolygonF>

#include <atomic>
#include <cmath>
#include <thread>

namespace docket {

namespace {

// This file's messages, under the context lupdate files them in.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(docket::SourceDocument)
};

Error timeoutError(const QString &path)
{
    return Error{
        QStringLiteral("parse_timeout"),
        Messages::tr("Reading \"%1\" took too long and was stopped; the file may be damaged "
                     "or built to stall readers.")
            .arg(QFileInfo(path).fileName())};
}

struct Loaded
{
    QPdfDocument::Error error = QPdfDocument::Error::None;
    QPdfDocument::Status status = QPdfDocument::Status::Null;
    int pages = 0;
    QList<QSizeF> sizes;
};

// QPdfDocument's destructor takes pdfium's global lock: when some abandoned task may still
// hold it, let a thread of its own wait for it instead of the caller.
void releaseDocument(QPdfDocument *doc)
{
    if (ParseGuard::abandonedTasks() == 0) {
        delete doc;
        return;
    }
    try {
        std::thread([doc] { delete doc; }).detach();
    } catch (...) {
        // No thread left to hand it to: leak it rather than hang.
    }
}

} // namespace

PdfSourceDocument::~PdfSourceDocument() = default;

Result<std::unique_ptr<SourceDocument>>
PdfSourceDocument::open(const QString &path, const IngestLimits &limits, const QString &password)
{
    using R = Result<std::unique_ptr<SourceDocument>>;
    std::shared_ptr<QPdfDocument> doc(new QPdfDocument(nullptr), &releaseDocument);
    const int maxPages = limits.maxPages;

    ParseGuard::Outcome outcome = ParseGuard::Outcome::Finished;
    std::optional<Loaded> loaded = ParseGuard::run(
        [doc, path, password, maxPages] {
            Loaded l;
            if (!password.isEmpty())
                doc->setPassword(password);
            l.error = doc->load(path);
            l.status = doc->status();
            l.pages = doc->pageCount();
            if (l.status == QPdfDocument::Status::Ready && l.pages > 0 && l.pages <= maxPages) {
                l.sizes.reserve(l.pages);
                for (int i = 0; i < l.pages; ++i)
                    l.sizes.append(doc->pagePointSize(i));
            }
            return l;
        },
        limits.parseTimeoutMs, &outcome);

    const QString name = QFileInfo(path).fileName();
    if (outcome == ParseGuard::Outcome::TimedOut)
        return R(timeoutError(path));
    if (!loaded)
        return R::failure(QStringLiteral("pdf_malformed"),
                          Messages::tr("\"%1\" could not be read as a PDF.").arg(name));

    qCDebug(lcIngest) << "opened" << name << "error" << int(loaded->error) << "status"
                      << int(loaded->status) << "pages" << loaded->pages;
    switch (loaded->error) {
    case QPdfDocument::Error::IncorrectPassword:
        return R::failure(
            QStringLiteral("pdf_encrypted"),
            password.isEmpty()
                ? Messages::tr("\"%1\" is protected by a password; enter the password "
                               "to open it.")
                      .arg(name)
                : Messages::tr("The password given for \"%1\" is wrong.").arg(name));
    case QPdfDocument::Error::UnsupportedSecurityScheme:
        return R::failure(
            QStringLiteral("pdf_encrypted"),
            Messages::tr("\"%1\" is encrypted in a way Docket cannot open.").arg(name));
    case QPdfDocument::Error::FileNotFound:
        return R::failure(QStringLiteral("file_not_found"),
                          Messages::tr("\"%1\" could not be opened.").arg(name));
    default:
        break;
    }
    if (loaded->status != QPdfDocument::Status::Ready || loaded->pages <= 0)
        return R::failure(QStringLiteral("pdf_malformed"),
                          Messages::tr("\"%1\" is damaged or not a valid PDF.").arg(name));
    if (loaded->pages > limits.maxPages)
        return R::failure(QStringLiteral("too_many_pages"),
                          Messages::tr("\"%1\" has %2 pages; at most %3 are accepted.")
                              .arg(name)
                              .arg(loaded->pages)
                              .arg(limits.maxPages));

    std::unique_ptr<PdfSourceDocument> result(new PdfSourceDocument);
    result->m_doc = std::move(doc);
    result->m_sizes = std::move(loaded->sizes);
    result->m_limits = limits;
    result->m_path = path;
    result->m_reader = std::make_unique<PdfTextReader>(result->m_doc, int(result->m_sizes.size()),
                                                       limits.parseTimeoutMs);
    return R(std::unique_ptr<SourceDocument>(std::move(result)));
}

QSizeF PdfSourceDocument::pageSize(int index) const
{
    return index >= 0 && index < m_sizes.size() ? m_sizes.at(index) : QSizeF();
}

Page PdfSourceDocument::textLayer(int index) const
{
    Page page;
    page.number = index + 1;
    page.size = pageSize(index);
    m_lastError = {};
    if (index < 0 || index >= m_sizes.size()) {
        m_lastError = Error{QStringLiteral("page_out_of_range"), Messages::tr("No such page.")};
        return page;
    }
    // One getAllText() per page (each QPdfDocument text call reloads the page in pdfium),
    // read ahead on a worker while this thread assembles the words, when reading in order.
    const bool inOrder = index == m_lastTextIndex + 1 || index == 0;
    m_lastTextIndex = index;
    PdfTextReader::RawText raw;
    const PdfTextReader::Status status =
        m_reader->read(index, (inOrder && !m_readAheadFailed) ? TextBatch - 1 : 0, &raw);
    if (status != PdfTextReader::Status::Ok) {
        m_readAheadFailed = true; // from now on one page at a time
        m_lastError =
            status == PdfTextReader::Status::TimedOut
                ? timeoutError(m_path)
                : Error{QStringLiteral("pdf_malformed"),
                        Messages::tr("The text of page %1 could not be read.").arg(index + 1)};
        return page;
    }
    page.words = ReadingOrder::arrange(TextLayerBuilder::build(raw.text, raw.rects, page.size));
    page.source = page.words.isEmpty() ? TextSource::None : TextSource::TextLayer;
    return page;
}

QImage PdfSourceDocument::render(int index, double dpi) const
{
    m_lastError = {};
    if (index < 0 || index >= m_sizes.size()) {
        m_lastError = Error{QStringLiteral("page_out_of_range"), Messages::tr("No such page.")};
        return {};
    }
    const QSizeF points = m_sizes.at(index);
    if (!(dpi > 0) || !std::isfinite(dpi))
        dpi = 72;
    double w = points.width() * dpi / 72.0, h = points.height() * dpi / 72.0;
    const double maxPixels = std::max(1.0, double(m_limits.maxImagePixels));
    if (w * h > maxPixels) {
        const double f = std::sqrt(maxPixels / (w * h));
        w *= f;
        h *= f;
        dpi *= f;
    }
    const QSize pixels(std::max(1, int(std::lround(w))), std::max(1, int(std::lround(h))));

    std::shared_ptr<QPdfDocument> doc = m_doc;
    ParseGuard::Outcome outcome = ParseGuard::Outcome::Finished;
    std::optional<QImage> image = ParseGuard::run(
        [doc, index, pixels] {
            QPdfDocumentRenderOptions options;
            options.setRenderFlags(QPdfDocumentRenderOptions::RenderFlag::Annotations);
            return doc->render(index, pixels, options);
        },
        m_limits.parseTimeoutMs, &outcome);
    if (!image || image->isNull()) {
        m_lastError = outcome == ParseGuard::Outcome::TimedOut
                          ? timeoutError(m_path)
                          : Error{QStringLiteral("render_failed"),
                                  Messages::tr("Page %1 could not be drawn.").arg(index + 1)};
        return {};
    }
    // pdfium leaves the page transparent where nothing is drawn: composite onto white, in
    // place (QtPdf renders unpremultiplied ARGB32), so that a large page is not held twice.
    QImage out = std::move(*image);
    if (out.format() != QImage::Format_ARGB32)
        out = out.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < out.height(); ++y) {
        QRgb *line = reinterpret_cast<QRgb *>(out.scanLine(y));
        for (int x = 0; x < out.width(); ++x) {
            const QRgb p = line[x];
            const int a = qAlpha(p);
            if (a == 255)
                continue;
            const int white = 255 * (255 - a) + 127;
            line[x] = qRgb((qRed(p) * a + white) / 255, (qGreen(p) * a + white) / 255,
                           (qBlue(p) * a + white) / 255);
        }
    }
    out.reinterpretAsFormat(QImage::Format_RGB32);
    const int dpm = int(std::lround(dpi / 0.0254));
    out.setDotsPerMeterX(dpm);
    out.setDotsPerMeterY(dpm);
    return out;
}

QList<QRectF> PdfSourceDocument::exactBoxes(int index, const QList<Word> &words) const
{
    QList<QRectF> boxes;
    for (const Word &w : words)
        boxes.append(w.box);
    if (index < 0 || index >= m_sizes.size() || words.isEmpty())
        return boxes;
    std::shared_ptr<QPdfDocument> doc = m_doc;
    const QSizeF size = m_sizes.at(index);
    std::optional<QList<QRectF>> exact = ParseGuard::run(
        [doc, index, size, boxes, words]() mutable {
            const QPdfSelection all = doc->getAllText(index);
            const QString text = all.text();
            for (QChar c : text)
                if (c.isSurrogate())
                    return boxes; // indices would not be pdfium's character indices
            QList<QRectF> rects;
            for (const QPolygonF &poly : all.bounds())
                rects.append(poly.boundingRect());
            const TextLayerBuilder::Detailed built =
                TextLayerBuilder::buildDetailed(text, rects, size);
            for (qsizetype i = 0; i < words.size(); ++i) {
                // The occurrence of the same text whose estimated box lies nearest.
                qsizetype best = -1;
                double bestDistance = 1e9;
                for (qsizetype k = 0; k < built.words.size(); ++k) {
                    if (built.words.at(k).text != words.at(i).text)
                        continue;
                    const QPointF d = built.words.at(k).box.center() - words.at(i).box.center();
                    const double distance = std::hypot(d.x(), d.y());
                    if (distance < bestDistance) {
                        bestDistance = distance;
                        best = k;
                    }
                }
                if (best < 0)
                    continue;
                const auto [start, end] = built.ranges.at(best);
                const QPdfSelection one = doc->getSelectionAtIndex(index, start, end - start);
                const QRectF rect = one.boundingRectangle();
                if (one.text().trimmed() == words.at(i).text && rect.width() > 0 &&
                    rect.height() > 0)
                    boxes[i] = TextLayerBuilder::upright(rect, built.rotation, size);
            }
            return boxes;
        },
        m_limits.parseTimeoutMs);
    return exact.value_or(boxes);
}

} // namespace docket
