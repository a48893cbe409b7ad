#pragma once

#include <QString>

namespace docket {

struct OcrOptions
{
    QString languages = QStringLiteral("eng"); // Tesseract language codes joined by '+'
    QString tessdataPath;                      // empty: Tesseract's default
    bool detectOrientation = true;             // Tesseract OSD
    bool deskew = true;
    bool denoise = true;
    int targetDpi = 300;

    // Flatten uneven backgrounds (shadows, paper tint) before OCR.
    bool flattenBackground = true;
    // With detectOrientation: true (default) finds the orientation from the recognition itself:
    // Tesseract reads a page turned by 90 degrees as vertical lines, and a page whose reading is
    // not convincing (upside down) is read again turned by 180 degrees, keeping the better
    // reading; upright pages pay nothing. false runs Tesseract OSD on every page first (about
    // one recognition's time, and wrong on 6 of 20 upside-down receipts).
    bool osdOnlyWhenUnsure = true;
    // Tesseract page segmentation mode (tesseract::PageSegMode; 3 = fully automatic).
    int pageSegMode = 3;
    // A second look at numbers (NumberRereader): number-like words read with a confidence below
    // rereadBelowConfidence are recognised again from their crops, and the reading the variants
    // agree on replaces the page's.
    bool rereadNumbers = true;
    double rereadBelowConfidence = 0.90;
};

} // namespace docket
