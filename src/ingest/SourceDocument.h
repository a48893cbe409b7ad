#pragma once

#include "IngestLimits.h"
#include "core/Page.h"
#include "core/Result.h"

#include <QImage>
#include <QList>
#include <QSizeF>
#include <QString>

#include <memory>

namespace docket {

// An opened PDF or image: page count and sizes, the text layer of a page with word boxes,
// and page rendering. One instance is used by one thread at a time; open one per thread to
// work in parallel. Images are one page (TIFF: one per frame) of pixels*72/dpi points.
class SourceDocument
{
public:
    virtual ~SourceDocument() = default;

    // Opens path with the given limits. Error codes: "file_not_found", "file_too_large",
    // "unsupported_format", "pdf_encrypted" (a password is needed or was wrong),
    // "pdf_malformed", "too_many_pages", "parse_timeout", "image_unreadable".
    static Result<std::unique_ptr<SourceDocument>>
    open(const QString &path, const IngestLimits &limits = {}, const QString &password = {});

    virtual int pageCount() const = 0;
    virtual QSizeF pageSize(int index) const = 0; // points, 0-based index
    virtual bool isPdf() const = 0;

    // Words of the text layer (PDF) with boxes in points; Page::source is TextLayer, or
    // None when the page has no text layer (always None for images).
    virtual Page textLayer(int index) const = 0;

    // The page as an opaque RGB image (white background) at dpi (lowered when the image
    // would exceed IngestLimits::maxImagePixels). Null image on failure; see lastError().
    virtual QImage render(int index, double dpi) const = 0;

    // Exact boxes for some words of textLayer(index) (for example those a field was read
    // from, to highlight them): textLayer() estimates where each word sits inside a run of
    // text drawn in one piece; this asks pdfium for each word (a page load per word, so only
    // for a few). Same order as words; a word not found keeps its box. Images: unchanged.
    virtual QList<QRectF> exactBoxes(int index, const QList<Word> &words) const
    {
        Q_UNUSED(index);
        QList<QRectF> boxes;
        for (const Word &w : words)
            boxes.append(w.box);
        return boxes;
    }

    // Why the last textLayer() or render() call came back empty ("parse_timeout",
    // "render_failed", "page_out_of_range"); null when it succeeded.
    virtual Error lastError() const { return {}; }
};

} // namespace docket
