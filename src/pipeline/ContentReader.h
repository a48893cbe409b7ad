#pragma once

#include "core/CancelToken.h"
#include "core/Page.h"
#include "core/Result.h"
#include "vision/OcrOptions.h"

namespace docket {

class SourceDocument;

// Reads the words of every page: the PDF text layer where it is usable, OCR where it is
// not (scans, images, garbled text layers). Pages are rendered on the calling thread and
// recognised in parallel on a shared OCR pool, one Tesseract engine per pool thread.
class ContentReader
{
public:
    struct Stats
    {
        qint64 textLayerMs = 0;
        qint64 ocrMs = 0;
        int ocrPages = 0;
    };

    explicit ContentReader(OcrOptions options);

    Result<DocumentContent> read(const SourceDocument &source, const CancelToken &cancel,
                                 Stats *stats = nullptr) const;

    static int ocrThreads(); // the size of the OCR pool

private:
    OcrOptions m_options;
};

} // namespace docket
