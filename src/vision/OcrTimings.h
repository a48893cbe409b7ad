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
    bool osdRan = false;
};

} // namespace docket
