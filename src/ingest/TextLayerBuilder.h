#pragma once

#include "core/Word.h"

#include <QList>
#include <QPair>
#include <QRectF>
#include <QSizeF>
#include <QString>

namespace docket {

// Turns what QPdfDocument::getAllText() gives for a page — the page text (with the spaces
// and "\r\n" line breaks pdfium generates) and one rectangle per run of characters drawn by
// one text object, both in content order — into words with boxes.
//
// Why: in Qt 6.4 every getSelection*/getAllText call loads the page and its text page again
// in pdfium (a few milliseconds), so one call per word would be hundreds of times slower
// than reading the page once. The rectangles carry no character indices, so they are
// aligned to the words: rectangles that touch (a word drawn in pieces) are joined into
// clusters, clusters and words are matched line by line by a small dynamic programme on
// their widths (estimated from Helvetica advance widths), and a cluster that holds several
// words is split at estimated word positions, the slack going to the gaps between them.
class TextLayerBuilder
{
public:
    // Words in content order (not yet in reading order); line/block are left at -1.
    static QList<Word> build(const QString &text, const QList<QRectF> &rects,
                             const QSizeF &pageSize);

    // The same, with what exact lookups need: for each word its [start, end) in text (the
    // character indices QPdfDocument::getSelectionAtIndex takes when the text has no
    // surrogate pairs) and the turn applied to pdfium's rectangles (0, 90, 180, 270).
    struct Detailed
    {
        QList<Word> words;
        QList<QPair<int, int>> ranges;
        int rotation = 0;
    };
    static Detailed buildDetailed(const QString &text, const QList<QRectF> &rects,
                                  const QSizeF &pageSize);
    // A rectangle from pdfium's space turned upright as the page is displayed.
    static QRectF upright(const QRectF &rect, int rotation, const QSizeF &pageSize);

    // Advance width of a character in 1/1000 em (Helvetica metrics, 556 for others).
    static double advance(char16_t c);
};

} // namespace docket
