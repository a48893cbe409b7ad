#include "LlmInputBuilder.h"

#include <QBuffer>
#include <QImageReader>
#include <QPainter>
#include <QPdfDocument>

#include <algorithm>
#include <memory>

namespace docket {

LlmInputBuilder::LlmInputBuilder(LlmInputOptions options) : m_options(std::move(options)) {}

bool LlmInputBuilder::textIsGood(const DocumentContent &content) const
{
    if (content.pages.isEmpty())
        return false;
    for (const Page &p : content.pages)
        if (p.source != TextSource::TextLayer || p.words.size() < m_options.minWordsPerPage)
            return false;
    return true;
}

QString LlmInputBuilder::pageText(const DocumentContent &content, int maxPages, int maxChars)
{
    QString out;
    const int n = std::min<int>(int(content.pages.size()), maxPages);
    for (int i = 0; i < n; ++i) {
        const Page &p = content.pages.at(i);
        out += QStringLiteral("--- Page %1 (%2) ---\n").arg(p.number).arg(textSourceName(p.source));
        out += p.text();
        out += QLatin1Char('\n');
        if (out.size() > maxChars) {
            out.truncate(maxChars);
            out += QStringLiteral("\n[text truncated]\n");
            break;
        }
    }
    if (content.pages.size() > n)
        out += QStringLiteral("[%1 more pages not shown]\n").arg(content.pages.size() - n);
    return out;
}

QString LlmInputBuilder::jpegDataUrl(const QImage &image, int maxSide, int quality, QSize *sentSize)
{
    QImage img = image;
    if (maxSide > 0 && std::max(img.width(), img.height()) > maxSide)
        img = img.scaled(maxSide, maxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (img.hasAlphaChannel()) {
        QImage white(img.size(), QImage::Format_RGB32);
        white.fill(Qt::white);
        QPainter painter(&white);
        painter.drawImage(0, 0, img);
        painter.end();
        img = white;
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    img.save(&buffer, "JPEG", quality);
    if (sentSize)
        *sentSize = img.size();
    return QStringLiteral("data:image/jpeg;base64,") + QString::fromLatin1(bytes.toBase64());
}

LlmInputBuilder::Input LlmInputBuilder::build(const DocumentContent &content,
                                              const PageImageSource &images, int pageCount) const
{
    using Mode = LlmInputOptions::Mode;
    Input in;
    const bool hasText = content.wordCount() > 0;
    Mode mode = m_options.mode;
    if (mode == Mode::Auto)
        mode = textIsGood(content) ? Mode::Text : (hasText ? Mode::Both : Mode::Images);
    if (!images && mode != Mode::Text)
        mode = Mode::Text;
    if (pageCount < 0)
        pageCount = int(content.pages.size());

    if (mode == Mode::Images || mode == Mode::Both) {
        const int n = std::min(pageCount, m_options.maxPages);
        for (int i = 0; i < n; ++i) {
            const QImage page = images(i);
            if (page.isNull())
                continue;
            QSize sent;
            const QString url =
                jpegDataUrl(page, m_options.imageMaxSide, m_options.jpegQuality, &sent);
            in.parts.append(
                LlmContentPart::fromText(QStringLiteral("Image of page %1:").arg(i + 1)));
            in.parts.append(LlmContentPart::fromImage(url, m_options.imageDetail));
            in.imageSizes.append(sent);
        }
        if (in.imageSizes.isEmpty()) // no page could be rendered: fall back to the text
            mode = Mode::Text;
    }
    if (mode == Mode::Text || mode == Mode::Both) {
        QString text = pageText(content, m_options.maxPages, m_options.maxTextChars);
        if (text.trimmed().isEmpty())
            text = QStringLiteral("[the document has no readable text]");
        const QString intro = mode == Mode::Both
                                  ? QStringLiteral("Text read from the pages (OCR may contain "
                                                   "errors; the images are authoritative):\n")
                                  : QStringLiteral("Text of the document:\n");
        in.parts.prepend(LlmContentPart::fromText(intro + text));
    }
    in.mode = mode;
    return in;
}

PageImageSource LlmInputBuilder::fileImages(const QString &path, double dpi)
{
    if (path.isEmpty())
        return {};
    // Opened on first use: a document sent as text never loads its PDF.
    struct State
    {
        bool opened = false;
        std::unique_ptr<QPdfDocument> pdf;
    };
    auto state = std::make_shared<State>();
    return [state, path, dpi](int index) -> QImage {
        if (!state->opened) {
            state->opened = true;
            auto pdf = std::make_unique<QPdfDocument>();
            if (pdf->load(path) == QPdfDocument::Error::None && pdf->pageCount() > 0)
                state->pdf = std::move(pdf);
        }
        if (QPdfDocument *pdf = state->pdf.get()) {
            if (index < 0 || index >= pdf->pageCount())
                return {};
            const QSizeF points = pdf->pagePointSize(index);
            const QSize pixels(std::max(1, int(points.width() * dpi / 72.0)),
                               std::max(1, int(points.height() * dpi / 72.0)));
            const QImage rendered = pdf->render(index, pixels);
            QImage white(rendered.size(), QImage::Format_RGB32);
            white.fill(Qt::white);
            QPainter painter(&white);
            painter.drawImage(0, 0, rendered);
            painter.end();
            return white;
        }
        QImageReader reader(path);
        reader.setAutoTransform(true);
        if (index > 0 && !reader.jumpToImage(index))
            return {};
        return reader.read();
    };
}

} // namespace docket
