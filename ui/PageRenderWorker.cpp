#include "PageRenderWorker.h"

#include <QCoreApplication>
#include <QFile>
#include <QImageReader>
#include <QLoggingCategory>
#include <QMimeDatabase>
#include <QMutexLocker>
#include <QPainter>
#include <QPdfDocument>

Q_LOGGING_CATEGORY(lcRender, "docket.ui.render")

namespace docket {

namespace {
constexpr int kMaxRenderWidth = 8000;
constexpr qint64 kMaxImagePixels = 120'000'000;

QImage onWhite(const QImage &image)
{
    QImage out(image.size(), QImage::Format_RGB32);
    out.fill(Qt::white);
    QPainter painter(&out);
    painter.drawImage(0, 0, image);
    return out;
}

double imageDpi(const QImage &image)
{
    const double dpm = image.dotsPerMeterX();
    // Images without a resolution are taken as 72 dpi: one pixel per point.
    return dpm > 100 ? dpm * 0.0254 : 72.0;
}
} // namespace

PageRenderWorker::PageRenderWorker() = default;
PageRenderWorker::~PageRenderWorker() = default;

void PageRenderWorker::post(const Request &request)
{
    {
        QMutexLocker lock(&m_mutex);
        m_queue.append(request);
    }
    QMetaObject::invokeMethod(this, &PageRenderWorker::processNext, Qt::QueuedConnection);
}

void PageRenderWorker::dropThumbnails()
{
    QMutexLocker lock(&m_mutex);
    m_queue.removeIf([](const Request &r) { return r.thumbnail; });
}

void PageRenderWorker::close()
{
    if (m_pdf)
        m_pdf->close();
    m_pdf.reset();
    m_frames.clear();
    m_sizes.clear();
}

void PageRenderWorker::open(quint64 generation, const QString &path, const QString &password)
{
    if (generation != m_generation.load())
        return; // superseded before it started
    close();
    m_openGeneration = generation;
    QString error;
    const QString mime = QMimeDatabase().mimeTypeForFile(path).name();
    if (path.isEmpty() || !QFile::exists(path)) {
        error = QCoreApplication::translate("PageRenderer", "The stored file is missing.");
    } else if (mime == QLatin1String("application/pdf")) {
        m_pdf = std::make_unique<QPdfDocument>();
        if (!password.isEmpty())
            m_pdf->setPassword(password);
        const auto status = m_pdf->load(path);
        if (status == QPdfDocument::Error::IncorrectPassword) {
            error =
                QCoreApplication::translate("PageRenderer", "The PDF is protected by a password.");
        } else if (status != QPdfDocument::Error::None) {
            error = QCoreApplication::translate("PageRenderer", "The PDF cannot be read.");
        } else {
            for (int i = 0; i < m_pdf->pageCount(); ++i)
                m_sizes.append(m_pdf->pagePointSize(i));
        }
    } else {
        QImageReader reader(path);
        reader.setAutoTransform(true);
        const int frames = qMax(1, reader.imageCount());
        for (int i = 0; i < frames && i < 500; ++i) {
            const QSize size = reader.size();
            if (size.isValid() && qint64(size.width()) * size.height() > kMaxImagePixels) {
                error = QCoreApplication::translate("PageRenderer", "The image is too large.");
                break;
            }
            QImage image = reader.read();
            if (image.isNull())
                break;
            const double dpi = imageDpi(image);
            m_sizes.append(QSizeF(image.width() * 72.0 / dpi, image.height() * 72.0 / dpi));
            m_frames.append(image.hasAlphaChannel() ? onWhite(image)
                                                    : image.convertToFormat(QImage::Format_RGB32));
            if (!reader.jumpToNextImage())
                break;
        }
        if (m_frames.isEmpty() && error.isEmpty())
            error = QCoreApplication::translate("PageRenderer", "The image cannot be read.");
    }
    if (!error.isEmpty()) {
        qCInfo(lcRender) << "cannot open for display:" << error;
        close();
    }
    Q_EMIT opened(generation, m_sizes, error);
}

void PageRenderWorker::processNext()
{
    Request request;
    {
        QMutexLocker lock(&m_mutex);
        const quint64 current = m_generation.load();
        m_queue.removeIf([current](const Request &r) { return r.generation != current; });
        if (m_queue.isEmpty())
            return;
        // Pages before thumbnails; the newest request of a kind first.
        qsizetype pick = -1;
        for (qsizetype i = m_queue.size() - 1; i >= 0; --i) {
            if (!m_queue.at(i).thumbnail) {
                pick = i;
                break;
            }
        }
        if (pick < 0)
            pick = 0; // thumbnails in the order the strip asked for them
        request = m_queue.takeAt(pick);
    }
    if (request.generation != m_openGeneration)
        return;
    const QImage image = render(request.page, request.width);
    Q_EMIT rendered(request.generation, request.page, request.width, image);
}

QImage PageRenderWorker::render(int page, int width)
{
    if (page < 0 || page >= m_sizes.size() || width <= 0)
        return {};
    width = qMin(width, kMaxRenderWidth);
    const QSizeF points = m_sizes.at(page);
    const int height = qMax(1, qRound(width * points.height() / qMax(1.0, points.width())));
    if (m_pdf) {
        QPdfDocumentRenderOptions options;
        options.setRenderFlags(QPdfDocumentRenderOptions::RenderFlag::Annotations);
        const QImage image = m_pdf->render(page, QSize(width, height), options);
        return image.isNull() ? image : onWhite(image);
    }
    const QImage &frame = m_frames.at(page);
    if (frame.width() == width)
        return frame;
    return frame.scaled(width, height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

} // namespace docket
