#pragma once

#include "OcrOptions.h"
#include "OcrTimings.h"
#include "core/Page.h"
#include "core/Result.h"

#include <QImage>

#include <memory>

namespace docket {

// Tesseract OCR of one page image into words with boxes and confidences. An instance owns
// one TessBaseAPI and is used by one thread at a time (make one per thread).
class OcrEngine
{
public:
    explicit OcrEngine(OcrOptions options = {});
    ~OcrEngine();
    OcrEngine(const OcrEngine &) = delete;
    OcrEngine &operator=(const OcrEngine &) = delete;

    // Error codes: "ocr_init_failed" (language data missing), "ocr_failed".
    // image: the page as rendered/decoded; dpi: its resolution; pageSizePoints: the page size
    // the word boxes must be expressed in (points, as SourceDocument::pageSize).
    // Preprocesses (ImagePreprocessor), detects orientation, recognises.
    // The returned Page has source Ocr, rotation set, words in reading order with line/block.
    Result<Page> recognize(const QImage &image, double dpi, const QSizeF &pageSizePoints,
                           int pageNumber);

    const OcrOptions &options() const { return m_options; }

    // Loads the language data now (recognize() does it on first use). Error "ocr_init_failed"
    // names the missing language packs. Calling it again after success costs nothing.
    Status initialize();

    // Stage times of the last recognize() call.
    const OcrTimings &lastTimings() const;

private:
    struct Private;
    OcrOptions m_options;
    std::unique_ptr<Private> d;
};

} // namespace docket
