#pragma once

#include "PreparedImage.h"
#include "core/Word.h"

#include <QList>
#include <QString>

#include <optional>

namespace tesseract {
class TessBaseAPI;
}

namespace docket {

// A second look at numbers. After a page is read, words that look like numbers (amounts, dates,
// times: digits with separators) and were read with a confidence below a threshold are recognised
// again from their crop of the prepared image, as a single text line of digits and separators
// (tessedit_char_whitelist) scaled to 30 px: as it is, and when that disagrees with the page, with
// thickened strokes and adaptively thresholded. Where the variants outvote the page's reading,
// theirs replaces the word's text and confidence; the box stays.
// Thermal-print digits are often misread by one stroke (0/8/6, 1/4/7) in a page's reading and
// read right alone.
class NumberRereader
{
public:
    // One reading of a word: its text and Tesseract's confidence (0..1).
    struct Reading
    {
        QString text;
        double confidence = 0;
    };

    struct Stats
    {
        int candidates = 0; // number-like words below the threshold
        int rereads = 0;    // crop recognitions run
        int replaced = 0;   // words whose text changed
    };

    explicit NumberRereader(double belowConfidence = 0.90);

    // Digits with separators, at least two digits: "60.30", "1,041.25", "03/12/2018", "-5.00",
    // "12:30". Words with letters ("RM60.30", "No.12") are not numbers here.
    static bool looksNumeric(const QString &text);

    // The reading that replaces first, if any, from the readings of the variants. Every reading
    // votes with its confidence, first too; variant readings that are not numbers do not vote.
    // The winner replaces first when at least two variants read it, it keeps the shape of first
    // (same digits and separators; or a separator where first had none) and its mean confidence
    // over the variants that read it, which becomes its confidence, is at least 0.5.
    // Returns nothing when first stays.
    static std::optional<Reading> choose(const Reading &first, const QList<Reading> &variants);

    // Reads the number-like words of words again (boxes in pixels of prepared.gray) with api
    // (initialised; its page segmentation mode and whitelist are restored afterwards).
    Stats reread(tesseract::TessBaseAPI &api, const PreparedImage &prepared,
                 QList<Word> &words) const;

    // The readings of one box of prepared.gray by each variant (exposed for tests and study).
    QList<Reading> readVariants(tesseract::TessBaseAPI &api, const PreparedImage &prepared,
                                const QRectF &box) const;

    double threshold() const { return m_below; }

private:
    double m_below;
};

} // namespace docket
