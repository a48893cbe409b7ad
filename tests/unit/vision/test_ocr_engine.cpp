#include "TextPageFixture.h"
#include "vision/OcrEngine.h"

#include <QTest>

using namespace docket;

namespace {

const QStringList kLines = {
    QStringLiteral("INVOICE NUMBER 4711"),
    QStringLiteral("Docket reads receipts"),
    QStringLiteral("TOTAL AMOUNT 1041.25"),
    QStringLiteral("Thank you for shopping"),
};

// The recognised word with this text, or nullptr.
const Word *findWord(const Page &page, const QString &text)
{
    for (const Word &w : page.words) {
        if (w.text == text)
            return &w;
    }
    return nullptr;
}

double overlap(const QRectF &a, const QRectF &b)
{
    const QRectF i = a.intersected(b);
    const double inter = i.width() * i.height();
    const double uni = a.width() * a.height() + b.width() * b.height() - inter;
    return uni > 0 ? inter / uni : 0;
}

// Every drawn word must be read with a box where it was drawn: expected maps the drawn box
// (fixture pixels) to the box in page points the word should have. Returns how many matched.
int checkWords(const Page &page, const TextPageFixture &fixture,
               const std::function<QRectF(const QRectF &)> &expected, double minOverlap)
{
    int found = 0;
    for (const TextPageFixture::DrawnWord &drawn : fixture.words()) {
        const Word *w = findWord(page, drawn.text);
        if (!w) {
            qWarning() << "not recognised:" << drawn.text << "page text:" << page.text();
            continue;
        }
        const QRectF want = expected(drawn.pixels);
        const double iou = overlap(w->box, want);
        if (iou < minOverlap) {
            qWarning() << drawn.text << "box" << w->box << "expected" << want << "iou" << iou;
            continue;
        }
        if (w->confidence <= 0.0 || w->confidence > 1.0) {
            qWarning() << drawn.text << "confidence out of range" << w->confidence;
            continue;
        }
        ++found;
    }
    return found;
}

} // namespace

class TestOcrEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        OcrEngine engine;
        const Status s = engine.initialize();
        if (!s)
            QSKIP(
                qPrintable(QStringLiteral("Tesseract English data missing: ") + s.error().message));
    }

    void wordsAndBoxes_data()
    {
        QTest::addColumn<double>("dpi");
        QTest::newRow("300 dpi") << 300.0;
        QTest::newRow("150 dpi (upscaled)") << 150.0;
        QTest::newRow("600 dpi (downscaled)") << 600.0;
    }

    void wordsAndBoxes()
    {
        QFETCH(double, dpi);
        const TextPageFixture fixture(kLines, dpi);
        OcrEngine engine;
        const Result<Page> r = engine.recognize(fixture.image(), dpi, fixture.pageSizePoints(), 3);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        const Page &page = r.value();
        QCOMPARE(page.number, 3);
        QCOMPARE(page.source, TextSource::Ocr);
        QCOMPARE(page.rotation, 0);
        QCOMPARE(page.size, fixture.pageSizePoints());
        const double toPoints = 72.0 / dpi;
        const int found = checkWords(
            page, fixture,
            [&](const QRectF &px) { return QRectF(px.topLeft() * toPoints, px.size() * toPoints); },
            0.6);
        QCOMPARE(found, int(fixture.words().size()));

        // Reading order: lines top to bottom, words left to right, line indices increasing.
        QCOMPARE(page.text().split(QLatin1Char('\n')), kLines);
        for (qsizetype i = 1; i < page.words.size(); ++i) {
            const Word &a = page.words.at(i - 1);
            const Word &b = page.words.at(i);
            QVERIFY(b.line >= a.line);
            if (b.line == a.line)
                QVERIFY(b.box.left() > a.box.left());
            else
                QVERIFY(b.box.top() > a.box.top());
        }
    }

    void rotatedPage_data()
    {
        QTest::addColumn<int>("turn"); // clockwise turn of the scanned page
        QTest::addColumn<int>("rotation");
        QTest::addColumn<bool>("osdFirst"); // OcrOptions::osdOnlyWhenUnsure off
        for (bool osdFirst : {false, true}) {
            const char *mode = osdFirst ? " osd first" : "";
            QTest::addRow("90%s", mode) << 90 << 270 << osdFirst;
            QTest::addRow("180%s", mode) << 180 << 180 << osdFirst;
            QTest::addRow("270%s", mode) << 270 << 90 << osdFirst;
        }
    }

    void rotatedPage()
    {
        QFETCH(int, turn);
        QFETCH(int, rotation);
        QFETCH(bool, osdFirst);
        const TextPageFixture fixture(kLines, 300);
        QTransform toTurned;
        const QImage image = fixture.turned(turn, &toTurned);
        const QSizeF size = QSizeF(image.size()) * 72.0 / 300.0;
        OcrOptions options;
        options.osdOnlyWhenUnsure = !osdFirst;
        OcrEngine engine(options);
        const Result<Page> r = engine.recognize(image, 300, size, 1);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        const Page &page = r.value();
        QCOMPARE(page.rotation, rotation);
        QCOMPARE(page.text().split(QLatin1Char('\n')), kLines);
        // Boxes are on the page as given (turned), not on the upright image.
        const int found = checkWords(
            page, fixture,
            [&](const QRectF &px) {
                const QRectF t = toTurned.mapRect(px);
                return QRectF(t.topLeft() * 72.0 / 300.0, t.size() * 72.0 / 300.0);
            },
            0.5);
        QCOMPARE(found, int(fixture.words().size()));
    }

    void skewedPage_data()
    {
        QTest::addColumn<double>("degrees");
        QTest::newRow("3 clockwise") << 3.0;
        QTest::newRow("4 counter-clockwise") << -4.0;
    }

    void skewedPage()
    {
        QFETCH(double, degrees);
        const TextPageFixture fixture(kLines, 300);
        QTransform toTurned;
        const QImage image = fixture.turned(degrees, &toTurned);
        OcrEngine engine;
        const Result<Page> r = engine.recognize(image, 300, QSizeF(image.size()) * 72.0 / 300.0, 1);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        const Page &page = r.value();
        QCOMPARE(page.rotation, 0);
        QCOMPARE(page.text().split(QLatin1Char('\n')), kLines);
        // A word turned by a few degrees has a larger axis-aligned box; compare loosely.
        const int found = checkWords(
            page, fixture,
            [&](const QRectF &px) {
                const QRectF t = toTurned.mapRect(px);
                return QRectF(t.topLeft() * 72.0 / 300.0, t.size() * 72.0 / 300.0);
            },
            0.45);
        QCOMPARE(found, int(fixture.words().size()));
    }

    void blankPage_data()
    {
        QTest::addColumn<bool>("orientation");
        QTest::newRow("with orientation detection") << true;
        QTest::newRow("without") << false;
    }

    void blankPage()
    {
        QFETCH(bool, orientation);
        QImage blank(1200, 1600, QImage::Format_RGB32);
        blank.fill(Qt::white);
        OcrOptions options;
        options.detectOrientation = orientation;
        OcrEngine engine(options);
        const Result<Page> r = engine.recognize(blank, 300, QSizeF(288, 384), 1);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QVERIFY(r.value().words.isEmpty());
        QCOMPARE(r.value().rotation, 0);
        QCOMPARE(r.value().source, TextSource::Ocr);
    }

    void transparentPage()
    {
        // QPdfDocument renders onto a transparent background: it must read as white paper.
        const TextPageFixture fixture(kLines, 300);
        QImage image(fixture.image().size(), QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        QPainter p(&image);
        p.setFont(QFont(QStringLiteral("DejaVu Sans"), 40));
        p.setPen(Qt::black);
        p.drawText(QPointF(120, 300), QStringLiteral("Transparent background"));
        p.end();
        OcrEngine engine;
        const Result<Page> r = engine.recognize(image, 300, {}, 1);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r.value().text(), QStringLiteral("Transparent background"));
        // No page size given: pixels * 72 / dpi.
        QCOMPARE(r.value().size, QSizeF(image.size()) * 72.0 / 300.0);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("languages");
        QTest::addColumn<bool>("emptyImage");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("missing language")
            << QStringLiteral("xyz") << false << QStringLiteral("ocr_init_failed")
            << QStringLiteral("tesseract-ocr-xyz");
        QTest::newRow("one of two missing")
            << QStringLiteral("eng+zz_test") << false << QStringLiteral("ocr_init_failed")
            << QStringLiteral("tesseract-ocr-zz-test");
        QTest::newRow("empty image")
            << QStringLiteral("eng") << true << QStringLiteral("ocr_failed") << QString();
    }

    void errors()
    {
        QFETCH(QString, languages);
        QFETCH(bool, emptyImage);
        QFETCH(QString, code);
        QFETCH(QString, mentions);
        OcrOptions options;
        options.languages = languages;
        OcrEngine engine(options);
        const TextPageFixture fixture({QStringLiteral("Hello")}, 150);
        const QImage image = emptyImage ? QImage() : fixture.image();
        for (int attempt = 0; attempt < 2; ++attempt) { // the failure is kept, not retried
            const Result<Page> r = engine.recognize(image, 150, {}, 1);
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, code);
            QVERIFY(!r.error().message.isEmpty());
            if (!mentions.isEmpty())
                QVERIFY2(r.error().message.contains(mentions), qPrintable(r.error().message));
        }
    }

    void engineIsReusable()
    {
        // One engine reads many pages: no state leaks from one page into the next.
        OcrEngine engine;
        const TextPageFixture first({QStringLiteral("First page here")}, 300);
        const TextPageFixture second({QStringLiteral("Second sheet now")}, 200);
        for (int i = 0; i < 2; ++i) {
            const Result<Page> a = engine.recognize(first.image(), 300, {}, 1);
            QVERIFY(a.ok());
            QCOMPARE(a.value().text(), QStringLiteral("First page here"));
            const Result<Page> b = engine.recognize(second.image(), 200, {}, 2);
            QVERIFY(b.ok());
            QCOMPARE(b.value().text(), QStringLiteral("Second sheet now"));
            QVERIFY(engine.lastTimings().recognizeUs > 0);
        }
    }
};

QTEST_MAIN(TestOcrEngine)
#include "test_ocr_engine.moc"
