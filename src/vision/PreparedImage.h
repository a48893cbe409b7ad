#pragma once

#include <QRectF>
#include <QSize>
#include <QTransform>

#include <opencv2/core/mat.hpp>

namespace docket {

// A page image prepared for OCR, with the transform that maps pixel positions of the original
// image to pixel positions of the prepared one (its inverse maps OCR boxes back).
struct PreparedImage
{
    cv::Mat gray;            // 8-bit, one channel, dark text on a light background
    QTransform toPrepared;   // original image pixels -> pixels of gray
    QSize originalSize;      // pixels of the image that was given
    double effectiveDpi = 0; // resolution of gray (original dpi * scale)
    double scale = 1.0;      // gray pixels per original pixel (before rotations)
    int orientation = 0;     // degrees clockwise applied so far (0, 90, 180, 270)
    double skewDegrees = 0;  // rotation removed by deskew (degrees, clockwise positive)
    double textHeight = 0;   // median height of glyph-sized components (pixels of gray)
    bool noisy = false;      // many speckles were found (denoised)

    // A rectangle of gray's pixels as the bounding rectangle in original image pixels.
    QRectF mapToOriginal(const QRectF &preparedRect) const;
};

} // namespace docket
