#include "ImageSourceDocument.h"

#include "IngestLog.h"
#include "ParseGuard.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImageReader>
#include <QPainter>

#include <cmath>

namespace docket {

namespace {

// This file's messages, under the context lupdate files them in.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(docket::SourceDocument)
};

// dpi of an image as stored, or 0 when absent or implausible for a document. Qt reports
// 96 dpi for files that say nothing, which is no scanner's setting either.
double storedDpi(const QImage &image)
{
    const double dpi = image.dotsPerMeterX() * 0.0254;
    const double dpiY = image.dotsPerMeterY() * 0.0254;
    if (dpi < 100 || dpi > 2400 || std::abs(dpi - dpiY) > 1)
        return 0;
    // Dots per metre are whole numbers: 300 dpi comes back as 299.9994.
    return std::abs(dpi - std::round(dpi)) < 0.05 ? std::round(dpi) : dpi;
}

struct Decoded
{
    QList<QImage> frames;
    Error error;
};

} // namespace

Result<std::unique_ptr<SourceDocument>> ImageSourceDocument::open(const QString &path,
                                                                  const IngestLimits &limits)
{
    using R = Result<std::unique_ptr<SourceDocument>>;
    const QString name = QFileInfo(path).fileName();
    const qint64 maxPixels = limits.maxImagePixels;
    const int maxPages = limits.maxPages;

    ParseGuard::Outcome outcome = ParseGuard::Outcome::Finished;
    std::optional<Decoded> decoded = ParseGuard::run(
        [path, name, maxPixels, maxPages] {
            Decoded d;
            QImageReader reader(path);
            reader.setAutoTransform(true);
            // Qt refuses to allocate beyond this many megabytes (4 bytes a pixel at most).
            reader.setAllocationLimit(int(std::min<qint64>(maxPixels * 4 / (1024 * 1024) + 1,
                                                           std::numeric_limits<int>::max())));
            if (!reader.canRead()) {
                d.error = Error{QStringLiteral("image_unreadable"),
                                Messages::tr("\"%1\" is not a readable image.").arg(name)};
                return d;
            }
            const int count = std::max(1, reader.imageCount());
            if (count > maxPages) {
                d.error = Error{QStringLiteral("too_many_pages"),
                                Messages::tr("\"%1\" has %2 pages; at most %3 are accepted.")
                                    .arg(name)
                                    .arg(count)
                                    .arg(maxPages)};
                return d;
            }
            for (int i = 0; i < count; ++i) {
                if (i > 0 && !reader.jumpToNextImage())
                    break;
                const QSize size = reader.size();
                if (size.isValid() && qint64(size.width()) * size.height() > maxPixels) {
                    d.error =
                        Error{QStringLiteral("file_too_large"),
                              Messages::tr("\"%1\" is %2 × %3 pixels, more than Docket accepts.")
                                  .arg(name)
                                  .arg(size.width())
                                  .arg(size.height())};
                    return d;
                }
                QImage image = reader.read();
                if (image.isNull()) {
                    if (i > 0)
                        break; // keep the frames read so far
                    d.error = Error{QStringLiteral("image_unreadable"),
                                    Messages::tr("\"%1\" could not be decoded: %2")
                                        .arg(name, reader.errorString())};
                    return d;
                }
                if (qint64(image.width()) * image.height() > maxPixels) {
                    d.error =
                        Error{QStringLiteral("file_too_large"),
                              Messages::tr("\"%1\" is %2 × %3 pixels, more than Docket accepts.")
                                  .arg(name)
                                  .arg(image.width())
                                  .arg(image.height())};
                    return d;
                }
                d.frames.append(image);
            }
            return d;
        },
        limits.parseTimeoutMs, &outcome);

    if (outcome == ParseGuard::Outcome::TimedOut)
        return R::failure(
            QStringLiteral("parse_timeout"),
            Messages::tr("Reading \"%1\" took too long and was stopped; the file may be "
                         "damaged or built to stall readers.")
                .arg(name));
    if (!decoded)
        return R::failure(QStringLiteral("image_unreadable"),
                          Messages::tr("\"%1\" could not be decoded.").arg(name));
    if (!decoded->error.isNull())
        return R(decoded->error);
    if (decoded->frames.isEmpty())
        return R::failure(QStringLiteral("image_unreadable"),
                          Messages::tr("\"%1\" holds no image.").arg(name));

    std::unique_ptr<ImageSourceDocument> doc(new ImageSourceDocument);
    doc->m_limits = limits;
    for (const QImage &image : std::as_const(decoded->frames)) {
        const double dpi = storedDpi(image);
        doc->m_frames.append(Frame{image, dpi > 0 ? dpi : DefaultDpi});
    }
    qCDebug(lcIngest) << "opened image" << name << "frames" << doc->m_frames.size();
    return R(std::unique_ptr<SourceDocument>(std::move(doc)));
}

QSizeF ImageSourceDocument::pageSize(int index) const
{
    if (index < 0 || index >= m_frames.size())
        return {};
    const Frame &f = m_frames.at(index);
    return QSizeF(f.image.width() * 72.0 / f.dpi, f.image.height() * 72.0 / f.dpi);
}

Page ImageSourceDocument::textLayer(int index) const
{
    Page page;
    page.number = index + 1;
    page.size = pageSize(index);
    page.source = TextSource::None;
    m_lastError = {};
    if (index < 0 || index >= m_frames.size())
        m_lastError = Error{QStringLiteral("page_out_of_range"), Messages::tr("No such page.")};
    return page;
}

QImage ImageSourceDocument::render(int index, double dpi) const
{
    m_lastError = {};
    if (index < 0 || index >= m_frames.size()) {
        m_lastError = Error{QStringLiteral("page_out_of_range"), Messages::tr("No such page.")};
        return {};
    }
    const Frame &f = m_frames.at(index);
    if (!(dpi > 0) || !std::isfinite(dpi))
        dpi = f.dpi;
    double scale = dpi / f.dpi;
    const double pixels = double(f.image.width()) * f.image.height() * scale * scale;
    if (pixels > double(m_limits.maxImagePixels))
        scale *= std::sqrt(double(m_limits.maxImagePixels) / pixels);

    QImage source = f.image;
    if (std::abs(scale - 1.0) > 0.005) {
        const QSize target(std::max(1, int(std::lround(f.image.width() * scale))),
                           std::max(1, int(std::lround(f.image.height() * scale))));
        if (source.format() == QImage::Format_Mono || source.format() == QImage::Format_MonoLSB ||
            source.format() == QImage::Format_Indexed8)
            source = source.convertToFormat(source.hasAlphaChannel() ? QImage::Format_ARGB32
                                                                     : QImage::Format_RGB32);
        source = source.scaled(target, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    }
    QImage out;
    if (source.hasAlphaChannel()) {
        out = QImage(source.size(), QImage::Format_RGB32);
        out.fill(Qt::white);
        QPainter painter(&out);
        painter.drawImage(0, 0, source);
    } else {
        out = source.convertToFormat(QImage::Format_RGB32);
    }
    const int dpm = int(std::lround(f.dpi * scale / 0.0254));
    out.setDotsPerMeterX(dpm);
    out.setDotsPerMeterY(dpm);
    return out;
}

} // namespace docket
