#include "TextPageFixture.h"
#include "vision/ImagePreprocessor.h"

#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

using namespace docket;

namespace {

const QStringList kLines = {
    QStringLiteral("The quick brown fox jumps"),  QStringLiteral("over the lazy dog 0123456789"),
    QStringLiteral("Subtotal 870.00 Tax 171.25"), QStringLiteral("Total due 1041.25 USD"),
    QStringLiteral("Payment within thirty days"),
};

// Position of the darkest pixel of a one-dot image.
QPointF darkestPixel(const cv::Mat &gray)
{
    double minVal = 0;
    cv::Point minLoc;
    cv::minMaxLoc(gray, &minVal, nullptr, &minLoc);
    return QPointF(minLoc.x + 0.5, minLoc.y + 0.5);
}

} // namespace

class TestImagePreprocessor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void grayConversion()
    {
        QImage argb(40, 30, QImage::Format_ARGB32);
        argb.fill(Qt::transparent);
        argb.setPixelColor(5, 6, QColor(0, 0, 0, 255));
        const cv::Mat g = ImagePreprocessor::toGrayMat(argb);
        QCOMPARE(g.cols, 40);
        QCOMPARE(g.rows, 30);
        QCOMPARE(g.type(), CV_8UC1);
        QCOMPARE(int(g.at<uchar>(0, 0)), 255); // transparent becomes white paper
        QCOMPARE(int(g.at<uchar>(6, 5)), 0);
        const QImage back = ImagePreprocessor::toQImage(g);
        QCOMPARE(back.size(), QSize(40, 30));
        QCOMPARE(back.format(), QImage::Format_Grayscale8);
        QCOMPARE(qGray(back.pixel(5, 6)), 0);
        QCOMPARE(qGray(back.pixel(0, 0)), 255);
        QVERIFY(ImagePreprocessor::toGrayMat(QImage()).empty());
    }

    void colouredPaper_data()
    {
        QTest::addColumn<QColor>("paper");
        QTest::addColumn<QColor>("ink");
        QTest::newRow("white, black ink") << QColor(Qt::white) << QColor(Qt::black);
        QTest::newRow("yellow paper") << QColor(250, 240, 60) << QColor(30, 30, 30);
        QTest::newRow("pink carbon copy") << QColor(250, 170, 200) << QColor(40, 20, 60);
        QTest::newRow("faded blue thermal print") << QColor(245, 245, 240) << QColor(90, 110, 200);
        QTest::newRow("red stamp on white") << QColor(Qt::white) << QColor(220, 30, 30);
    }

    void colouredPaper()
    {
        // Whatever the paper and ink, the gray image has bright paper and clearly darker text.
        QFETCH(QColor, paper);
        QFETCH(QColor, ink);
        QImage image(200, 100, QImage::Format_RGB32);
        image.fill(paper);
        {
            QPainter p(&image);
            p.fillRect(QRect(50, 40, 100, 20), ink);
        }
        const cv::Mat g = ImagePreprocessor::toGrayMat(image);
        const int background = g.at<uchar>(5, 5);
        const int text = g.at<uchar>(50, 100);
        QVERIFY2(background >= 160, qPrintable(QString::number(background)));
        QVERIFY2(background - text >= 100,
                 qPrintable(QStringLiteral("%1 vs %2").arg(background).arg(text)));
    }

    void estimateSkew_data()
    {
        QTest::addColumn<double>("degrees");
        for (double d : {-8.0, -3.0, -1.0, 0.0, 0.5, 2.0, 5.0, 12.0})
            QTest::newRow(qPrintable(QString::number(d))) << d;
    }

    void estimateSkew()
    {
        QFETCH(double, degrees);
        const TextPageFixture fixture(kLines, 200, 6.0, 3.0, 12.0);
        const QImage turned = fixture.turned(degrees, nullptr);
        const double est = ImagePreprocessor::estimateSkew(ImagePreprocessor::toGrayMat(turned));
        QVERIFY2(std::abs(est - degrees) <= 0.25,
                 qPrintable(QStringLiteral("estimated %1 for %2").arg(est).arg(degrees)));
    }

    void skewOfEmptyImageIsZero()
    {
        cv::Mat white(300, 400, CV_8UC1, cv::Scalar(255));
        QCOMPARE(ImagePreprocessor::estimateSkew(white), 0.0);
        cv::Mat black(300, 400, CV_8UC1, cv::Scalar(0));
        QCOMPARE(ImagePreprocessor::estimateSkew(black), 0.0);
        QCOMPARE(ImagePreprocessor::estimateTextHeight(white), 0.0);
    }

    void deskewCorrectsOnlySmallAngles_data()
    {
        QTest::addColumn<double>("degrees");
        QTest::addColumn<bool>("corrected");
        QTest::newRow("0.1 is left alone") << 0.1 << false;
        QTest::newRow("3 is corrected") << 3.0 << true;
        QTest::newRow("-6 is corrected") << -6.0 << true;
    }

    void deskewCorrectsOnlySmallAngles()
    {
        QFETCH(double, degrees);
        QFETCH(bool, corrected);
        const TextPageFixture fixture(kLines, 200, 6.0, 3.0, 12.0);
        const QImage turned = fixture.turned(degrees, nullptr);
        ImagePreprocessor pre;
        PreparedImage p = pre.prepare(turned, 200);
        const double removed = pre.deskew(p);
        if (corrected) {
            QVERIFY(std::abs(removed - degrees) < 0.25);
            QCOMPARE(p.skewDegrees, removed);
            QVERIFY(std::abs(ImagePreprocessor::estimateSkew(p.gray)) < 0.25);
        } else {
            QCOMPARE(removed, 0.0);
        }

        OcrOptions off;
        off.deskew = false;
        PreparedImage q = ImagePreprocessor(off).prepare(turned, 200);
        QCOMPARE(ImagePreprocessor(off).deskew(q), 0.0);
    }

    void resolutionIsNormalised_data()
    {
        QTest::addColumn<double>("dpi");
        QTest::addColumn<double>("givenDpi"); // what the caller says; 0 = unknown
        QTest::addColumn<double>("minScale");
        QTest::addColumn<double>("maxScale");
        QTest::newRow("300 stays") << 300.0 << 300.0 << 1.0 << 1.0;
        QTest::newRow("150 doubled") << 150.0 << 150.0 << 1.9 << 2.1;
        QTest::newRow("600 halved") << 600.0 << 600.0 << 0.45 << 0.55;
        QTest::newRow("100, unknown dpi: from text height") << 100.0 << 0.0 << 1.8 << 4.0;
        QTest::newRow("100 claimed 300: text too small") << 100.0 << 300.0 << 1.8 << 4.0;
    }

    void resolutionIsNormalised()
    {
        QFETCH(double, dpi);
        QFETCH(double, givenDpi);
        QFETCH(double, minScale);
        QFETCH(double, maxScale);
        const TextPageFixture fixture(kLines, dpi, 6.0, 3.0, 11.0);
        const PreparedImage p = ImagePreprocessor().prepare(fixture.image(), givenDpi);
        QVERIFY2(p.scale >= minScale && p.scale <= maxScale, qPrintable(QString::number(p.scale)));
        QCOMPARE(p.originalSize, fixture.image().size());
        QVERIFY(std::abs(p.gray.cols - fixture.image().width() * p.scale) <= 1.0);
        QVERIFY(p.effectiveDpi > 0);
        // The transform maps the original's corners onto the prepared image's.
        const QRectF back = p.mapToOriginal(QRectF(0, 0, p.gray.cols, p.gray.rows));
        QVERIFY(std::abs(back.width() - fixture.image().width()) < 0.5);
        QVERIFY(std::abs(back.height() - fixture.image().height()) < 0.5);
    }

    void transformFollowsRotations_data()
    {
        QTest::addColumn<int>("quarterTurn");
        QTest::addColumn<double>("skew");
        QTest::newRow("90") << 90 << 0.0;
        QTest::newRow("180") << 180 << 0.0;
        QTest::newRow("270") << 270 << 0.0;
        QTest::newRow("90 then deskew") << 90 << 4.0;
    }

    void transformFollowsRotations()
    {
        QFETCH(int, quarterTurn);
        QFETCH(double, skew);
        // A text page with one extra black dot: wherever the dot ends up in the prepared image,
        // the transform must say so, and map it back.
        const TextPageFixture fixture(kLines, 150, 6.0, 3.0, 12.0);
        QImage image = fixture.turned(skew, nullptr);
        const QPointF dot(image.width() * 0.8, image.height() * 0.9);
        {
            QPainter p(&image);
            p.fillRect(QRectF(dot - QPointF(3, 3), QSizeF(6, 6)), Qt::black);
        }
        ImagePreprocessor pre;
        PreparedImage p = pre.prepare(image, 150);
        ImagePreprocessor::rotate(p, quarterTurn);
        QCOMPARE(p.orientation, quarterTurn);
        ImagePreprocessor::rotate(p, 360 - quarterTurn); // back upright
        QCOMPARE(p.orientation, 0);
        pre.deskew(p);
        ImagePreprocessor::rotate(p, quarterTurn);

        const QPointF expected = p.toPrepared.map(dot);
        // Find the dot: the darkest 6x6 block after a box filter is the filled square.
        cv::Mat blurred;
        cv::blur(p.gray, blurred, cv::Size(int(6 * p.scale), int(6 * p.scale)));
        const QPointF found = darkestPixel(blurred);
        QVERIFY2(QLineF(expected, found).length() < 4.0 * p.scale,
                 qPrintable(QStringLiteral("expected %1,%2 found %3,%4")
                                .arg(expected.x())
                                .arg(expected.y())
                                .arg(found.x())
                                .arg(found.y())));
        const QRectF back = p.mapToOriginal(QRectF(found - QPointF(1, 1), QSizeF(2, 2)));
        QVERIFY(QLineF(back.center(), dot).length() < 4.0);
    }

    void flattenBackgroundRemovesShading()
    {
        // Text on paper that darkens from left to right, as a photo under a lamp.
        const TextPageFixture fixture(kLines, 200, 6.0, 3.0, 12.0);
        QImage shaded = fixture.image().convertToFormat(QImage::Format_Grayscale8);
        for (int y = 0; y < shaded.height(); ++y) {
            uchar *line = shaded.scanLine(y);
            for (int x = 0; x < shaded.width(); ++x)
                line[x] = uchar(line[x] * (1.0 - 0.55 * x / shaded.width()));
        }
        ImagePreprocessor pre;
        PreparedImage p = pre.prepare(shaded, 200);
        const double rightBefore = cv::mean(p.gray.colRange(p.gray.cols - 40, p.gray.cols))[0];
        ImagePreprocessor::flattenBackground(p);
        const double rightAfter = cv::mean(p.gray.colRange(p.gray.cols - 40, p.gray.cols))[0];
        QVERIFY(rightBefore < 150);
        QVERIFY2(rightAfter > 240, qPrintable(QString::number(rightAfter)));
        // The text stays dark.
        double minVal = 255;
        cv::minMaxLoc(p.gray, &minVal);
        QVERIFY(minVal < 60);
    }

    void noisyImageIsDenoised()
    {
        const TextPageFixture fixture(kLines, 300, 6.0, 3.0, 12.0);
        QImage noisy = fixture.image().convertToFormat(QImage::Format_Grayscale8);
        quint32 seed = 12345;
        for (int i = 0; i < 6000; ++i) {
            seed = seed * 1664525u + 1013904223u;
            const int x = int((seed >> 8) % quint32(noisy.width()));
            seed = seed * 1664525u + 1013904223u;
            const int y = int((seed >> 8) % quint32(noisy.height()));
            noisy.scanLine(y)[x] = 0;
        }
        const PreparedImage p = ImagePreprocessor().prepare(noisy, 300);
        QVERIFY(p.noisy);
        QVERIFY(!ImagePreprocessor().prepare(fixture.image(), 300).noisy);
    }
};

QTEST_MAIN(TestImagePreprocessor)
#include "test_image_preprocessor.moc"
