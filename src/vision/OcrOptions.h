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
};

} // namespace docket
