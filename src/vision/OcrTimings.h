#pragma once

#include <QtGlobal>

namespace docket {

// Where the time of one OcrEngine::recognize call went, in microseconds.
struct OcrTimings
{
    qint64 preprocessUs = 0; // conversion, scaling, denoising, rotation, deskew
    qint64 osdUs = 0;        // orientation detection
    qint64 recognizeUs = 0;  // Tesseract layout analysis and recognition (all passes)
    int passes = 0;          // recognition passes (2 when a rotated page was read again)
    qint64 rereadUs = 0;     // second look at numbers (NumberRereader)
    int rereadWords = 0;     // number-like words read again
    int rereads = 0;         // crop recognitions for them
    int replaced = 0;        // words whose reading changed
    bool osdRan = false;
};

} // namespace docket
