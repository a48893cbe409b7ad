#pragma once

#include "core/DocumentSchema.h"
#include "core/Field.h"
#include "core/Page.h"
#include "core/Result.h"
#include "ingest/IngestLimits.h"
#include "vision/OcrOptions.h"

#include <QRectF>
#include <QString>

namespace docket {

// What a reviewer asked to be read: a rectangle drawn on a page of a stored original.
struct RegionRequest
{
    QString path;     // the stored original (Document::storedPath)
    QString password; // for an encrypted PDF
    int page = 1;     // 1-based
    QRectF rect;      // page points, origin top-left, as the page is stored (unrotated)
    int rotation = 0; // degrees clockwise the reviewer turned the page to read it upright
    QString fieldName;
    FieldKind kind = FieldKind::Text; // how the value is normalised
};

// Re-reads one field from a region of a page: the words of the PDF text layer that lie
// mostly inside the rectangle, in reading order; where the page has no usable text layer
// (scans, images) or the region holds no words, OCR of just that region at about 300 dpi.
// Synchronous and thread-safe (every call opens its own document; OCR engines are kept per
// thread): run it off the GUI thread. Usable headless.
class RegionReader
{
public:
    explicit RegionReader(OcrOptions ocr = {}, IngestLimits limits = {});

    // Error codes: those of SourceDocument::open, "page_out_of_range", "region_empty"
    // (nothing readable inside the rectangle), "render_failed", "ocr_init_failed", "ocr_failed".
    // The Field has value (normalised by kind), raw, page, bbox (union of the words read),
    // confidence (text layer 0.99, OCR the mean word confidence) and source "reviewer".
    Result<Field> read(const RegionRequest &request) const;

    // The words whose boxes lie at least minCover inside rect, in reading order.
    static QList<Word> wordsInside(const QList<Word> &words, const QRectF &rect,
                                   double minCover = 0.5);
    // Text of words: lines joined by a space, whitespace collapsed.
    static QString joinWords(const QList<Word> &words);
    // The value of text for a field of kind (ISO dates, decimal amounts, currency codes);
    // the trimmed text when it does not parse.
    static QString normalize(const QString &text, FieldKind kind);

    static constexpr double kOcrDpi = 300.0;
    static constexpr double kTextLayerConfidence = 0.99;

private:
    Result<QList<Word>> ocrRegion(const QImage &pageImage, const RegionRequest &request,
                                  const QSizeF &pageSize) const;

    OcrOptions m_ocr;
    IngestLimits m_limits;
};

} // namespace docket
