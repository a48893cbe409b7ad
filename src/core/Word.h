#pragma once

#include <QList>
#include <QRectF>
#include <QString>

namespace docket {

// Where a piece of text on a page came from.
enum class TextSource
{
    None,
    TextLayer,
    Ocr
};

QString textSourceName(TextSource source); // "text_layer", "ocr", "none"

// One word on a page. Boxes are in PDF points (1/72 in), origin top-left of the page,
// as Qt draws it. Images are treated as pages of (pixels * 72 / dpi) points.
struct Word
{
    QString text;
    QRectF box;
    double confidence = 1.0; // 0..1; text-layer words are 1.0
    int line = -1;           // index of the text line on its page, -1 when unknown
    int block = -1;          // index of the block/paragraph on its page, -1 when unknown
};

} // namespace docket
