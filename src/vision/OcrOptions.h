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
    // Run OSD only when the upright reading is not convincing (few words or low confidence):
    // most pages are upright, and OSD costs about as much as a recognition pass.
    bool osdOnlyWhenUnsure = true;
    // Tesseract page segmentation mode (tesseract::PageSegMode; 3 = fully automatic).
    int pageSegMode = 3;
};

} // namespace docket
