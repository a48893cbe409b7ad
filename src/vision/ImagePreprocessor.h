#pragma once

#include "OcrOptions.h"
#include "PreparedImage.h"

#include <QImage>

#include <opencv2/core/mat.hpp>

namespace docket {

// Image preparation for Tesseract with OpenCV: grayscale, resolution normalisation, orientation
// and skew correction, cheap denoising and background flattening. Stateless apart from the
// options; safe to use from several threads with one instance each.
class ImagePreprocessor
{
public:
    explicit ImagePreprocessor(OcrOptions options = {});

    // Grayscale (alpha composited onto white) and scaled so that the text is about the size it
    // has at options.targetDpi. dpi <= 0 means unknown: the scale then comes from the measured
    // text height alone. Despeckles when the image is noisy and options.denoise is set.
    PreparedImage prepare(const QImage &image, double dpi) const;

    // Turns the prepared image clockwise by degrees (a multiple of 90).
    static void rotate(PreparedImage &prepared, int degreesClockwise);

    // Estimates the skew of the text lines and removes it when it lies between minSkewDegrees and
    // maxSkewDegrees (in absolute value). Returns the angle removed (0 when none).
    double deskew(PreparedImage &prepared) const;

    // Flattens an uneven background (shadows, paper colour) and stretches the contrast.
    static void flattenBackground(PreparedImage &prepared);

    // Skew angle of the text lines in degrees, clockwise positive (the angle by which the
    // content is turned clockwise from horizontal), found from the projection profile of the
    // dark pixels. Searches within +-maxDegrees. Returns 0 when there is too little text.
    static double estimateSkew(const cv::Mat &gray, double maxDegrees = 15.0);

    // Median height in pixels of the glyph-sized dark components of gray, 0 when too few.
    static double estimateTextHeight(const cv::Mat &gray);

    // Conversions. toGrayMat composites transparent pixels onto white.
    static cv::Mat toGrayMat(const QImage &image);
    static QImage toQImage(const cv::Mat &gray);

    static constexpr double minSkewDegrees = 0.3;
    static constexpr double maxSkewDegrees = 15.0;

    const OcrOptions &options() const { return m_options; }

private:
    OcrOptions m_options;
};

} // namespace docket
