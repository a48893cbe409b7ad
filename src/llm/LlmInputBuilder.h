#pragma once

#include "LlmRequest.h"
#include "core/Page.h"

#include <QImage>
#include <QList>
#include <QSize>
#include <QString>

#include <functional>

namespace docket {

// A page as an image (0-based index); a null image when it cannot be had.
using PageImageSource = std::function<QImage(int pageIndex)>;

// How a document is shown to a model.
struct LlmInputOptions
{
    enum class Mode
    {
        Auto,   // the text layer when it is good, else images (with OCR text when there is some)
        Text,   // page text only
        Images, // page images only
        Both    // text and images
    };
    Mode mode = Mode::Auto;
    int maxPages = 6;
    int maxTextChars = 60000; // of all pages together
    int minWordsPerPage = 12; // below: the text layer of that page is not good
    double renderDpi = 150;
    int imageMaxSide = 1600; // pixels, longest side
    QString imageDetail = QStringLiteral("high");
    int jpegQuality = 82;
};

// Builds the user content of a request from a document's pages: their text, their images
// as JPEG data URLs, or both.
class LlmInputBuilder
{
public:
    explicit LlmInputBuilder(LlmInputOptions options = LlmInputOptions());

    struct Input
    {
        QList<LlmContentPart> parts;
        LlmInputOptions::Mode mode = LlmInputOptions::Mode::Text; // what was used
        QList<QSize> imageSizes;                                  // as sent
    };
    // images may be empty (text only then).
    Input build(const DocumentContent &content, const PageImageSource &images,
                int pageCount = -1) const;

    // Every page has a text layer (not OCR) with enough words.
    bool textIsGood(const DocumentContent &content) const;
    static QString pageText(const DocumentContent &content, int maxPages, int maxChars);
    // Scaled so that the longest side is at most maxSide; JPEG; "data:image/jpeg;base64,…".
    static QString jpegDataUrl(const QImage &image, int maxSide, int quality,
                               QSize *sentSize = nullptr);
    // Pages of a stored PDF (rendered on white at dpi) or image file (first frame per page
    // for multi-page TIFF). Opens the file once; the source is used in one thread.
    static PageImageSource fileImages(const QString &path, double dpi);

    const LlmInputOptions &options() const { return m_options; }

private:
    LlmInputOptions m_options;
};

} // namespace docket
