// RegionReader headless: the words of a PDF text layer inside a rectangle, OCR of a region
// of a scan, normalisation by field kind, and the errors.
#include "fixtures/Fixtures.h"
#include "pipeline/RegionReader.h"

#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace docket;

class TestRegionReader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_pdf;
    QString m_scan;

    static QList<test::TextLine> lines()
    {
        return {{72, 100, QStringLiteral("Invoice No: INV-2024-0042"), 12, false},
                {72, 130, QStringLiteral("Date: 05/03/2024"), 12, false},
                {300, 130, QStringLiteral("Due: March 20, 2024"), 12, false},
                {72, 400, QStringLiteral("Seller Northwind Traders Ltd"), 12, false},
                {72, 418, QStringLiteral("12 Harbour Road"), 12, false},
                {330, 600, QStringLiteral("Total: USD 1,234.50"), 14, true}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pdf = m_dir.filePath(QStringLiteral("text.pdf"));
        QVERIFY(test::writePdf(m_pdf, {{}, lines()}));
        m_scan = m_dir.filePath(QStringLiteral("scan.png"));
        QVERIFY(test::renderScan(lines(), 200).save(m_scan));
    }

    void textLayer_data()
    {
        QTest::addColumn<QRectF>("rect");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("value");
        QTest::newRow("identifier")
            << QRectF(150, 95, 120, 24) << int(FieldKind::Identifier)
            << QStringLiteral("INV-2024-0042") << QStringLiteral("INV-2024-0042");
        QTest::newRow("whole line") << QRectF(60, 95, 260, 24) << int(FieldKind::Text)
                                    << QStringLiteral("Invoice No: INV-2024-0042")
                                    << QStringLiteral("Invoice No: INV-2024-0042");
        QTest::newRow("amount") << QRectF(370, 595, 160, 26) << int(FieldKind::Amount)
                                << QStringLiteral("USD 1,234.50") << QStringLiteral("1234.50");
        QTest::newRow("textual date")
            << QRectF(325, 125, 140, 24) << int(FieldKind::Date) << QStringLiteral("March 20, 2024")
            << QStringLiteral("2024-03-20");
        QTest::newRow("two lines")
            << QRectF(60, 395, 200, 42) << int(FieldKind::Address)
            << QStringLiteral("Seller Northwind Traders Ltd 12 Harbour Road")
            << QStringLiteral("Seller Northwind Traders Ltd 12 Harbour Road");
        QTest::newRow("currency") << QRectF(370, 595, 44, 26) << int(FieldKind::Currency)
                                  << QStringLiteral("USD") << QStringLiteral("USD");
    }

    void textLayer()
    {
        QFETCH(QRectF, rect);
        QFETCH(int, kind);
        QFETCH(QString, raw);
        QFETCH(QString, value);
        RegionRequest request;
        request.path = m_pdf;
        request.page = 2;
        request.rect = rect;
        request.fieldName = QStringLiteral("f");
        request.kind = FieldKind(kind);
        const auto field = RegionReader().read(request);
        QVERIFY2(field.ok(), qPrintable(field.error().message));
        QCOMPARE(field.value().raw, raw);
        QCOMPARE(field.value().value, value);
        QCOMPARE(field.value().name, QStringLiteral("f"));
        QCOMPARE(field.value().page, 2);
        QCOMPARE(field.value().source, QStringLiteral("reviewer"));
        QCOMPARE(field.value().confidence, RegionReader::kTextLayerConfidence);
        // The box is that of the words read: those mostly inside the rectangle.
        const QRectF box = field.value().bbox;
        QVERIFY(!box.isEmpty());
        QVERIFY(rect.contains(box.center()));
        QVERIFY(rect.adjusted(-12, -2, 12, 2).contains(box));
    }

    void ocrOfScanRegion_data()
    {
        QTest::addColumn<QRectF>("rect");
        QTest::addColumn<int>("rotation");
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("value");
        QTest::newRow("identifier")
            << QRectF(150, 95, 120, 24) << 0 << QStringLiteral("INV-2024-0042")
            << QStringLiteral("INV-2024-0042");
        QTest::newRow("amount") << QRectF(370, 595, 160, 26) << 0 << QStringLiteral("USD 1,234.50")
                                << QStringLiteral("1234.50");
    }

    void ocrOfScanRegion()
    {
        QFETCH(QRectF, rect);
        QFETCH(int, rotation);
        QFETCH(QString, raw);
        QFETCH(QString, value);
        RegionRequest request;
        request.path = m_scan;
        request.page = 1;
        request.rect = rect;
        request.rotation = rotation;
        request.kind = value == raw ? FieldKind::Identifier : FieldKind::Amount;
        const auto field = RegionReader().read(request);
        QVERIFY2(field.ok(), qPrintable(field.error().message));
        QCOMPARE(field.value().raw, raw);
        QCOMPARE(field.value().value, value);
        QVERIFY(field.value().confidence > 0.5 && field.value().confidence < 1.0);
        QVERIFY(rect.contains(field.value().bbox.center()));
        QVERIFY(rect.adjusted(-12, -3, 12, 3).contains(field.value().bbox));
    }

    void ocrOfTurnedScan()
    {
        // A page scanned sideways: the reviewer turned it upright (90 degrees clockwise)
        // and drew the region there; the stored page is still sideways.
        const QImage upright = test::renderScan(lines(), 200);
        const QImage sideways = upright.transformed(QTransform().rotate(-90));
        const QString path = m_dir.filePath(QStringLiteral("sideways.png"));
        QImage stored = sideways;
        stored.setDotsPerMeterX(upright.dotsPerMeterX());
        stored.setDotsPerMeterY(upright.dotsPerMeterY());
        QVERIFY(stored.save(path));
        // Upright (x, y) sits at (y, W - x - w) on the sideways page (points).
        const double pageWidth = upright.width() * 72.0 / 200;
        const QRectF uprightRect(150, 95, 120, 24);
        const QRectF storedRect(uprightRect.y(), pageWidth - uprightRect.right(),
                                uprightRect.height(), uprightRect.width());
        RegionRequest request;
        request.path = path;
        request.rect = storedRect;
        request.rotation = 90;
        const auto field = RegionReader().read(request);
        QVERIFY2(field.ok(), qPrintable(field.error().message));
        QCOMPARE(field.value().raw, QStringLiteral("INV-2024-0042"));
        QVERIFY(storedRect.contains(field.value().bbox.center()));
        QVERIFY(storedRect.adjusted(-3, -12, 3, 12).contains(field.value().bbox));
    }

    void threadSafe()
    {
        // Several reads at once on a pool: each opens its own document and OCR engine.
        QList<QRectF> rects = {QRectF(150, 95, 120, 24), QRectF(370, 595, 160, 26),
                               QRectF(150, 95, 120, 24), QRectF(370, 595, 160, 26)};
        const QString pdf = m_pdf;
        const QList<QString> raws =
            QtConcurrent::blockingMapped<QList<QString>>(rects, [pdf](const QRectF &rect) {
                RegionRequest request;
                request.path = pdf;
                request.page = 2;
                request.rect = rect;
                const auto field = RegionReader().read(request);
                return field ? field.value().raw : field.error().code;
            });
        QCOMPARE(raws,
                 (QList<QString>{QStringLiteral("INV-2024-0042"), QStringLiteral("USD 1,234.50"),
                                 QStringLiteral("INV-2024-0042"), QStringLiteral("USD 1,234.50")}));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("page");
        QTest::addColumn<QRectF>("rect");
        QTest::addColumn<QString>("code");
        QTest::newRow("missing file") << QStringLiteral("gone.pdf") << 1 << QRectF(10, 10, 50, 50)
                                      << QStringLiteral("file_not_found");
        QTest::newRow("no such page") << QStringLiteral("text.pdf") << 7 << QRectF(10, 10, 50, 50)
                                      << QStringLiteral("page_out_of_range");
        QTest::newRow("tiny") << QStringLiteral("text.pdf") << 2 << QRectF(10, 10, 0.5, 0.5)
                              << QStringLiteral("region_empty");
        QTest::newRow("outside page") << QStringLiteral("text.pdf") << 2 << QRectF(900, 900, 50, 50)
                                      << QStringLiteral("region_empty");
        QTest::newRow("blank region of a blank page")
            << QStringLiteral("text.pdf") << 1 << QRectF(100, 100, 200, 80)
            << QStringLiteral("region_empty");
    }

    void errors()
    {
        QFETCH(QString, file);
        QFETCH(int, page);
        QFETCH(QRectF, rect);
        QFETCH(QString, code);
        RegionRequest request;
        request.path = m_dir.filePath(file);
        request.page = page;
        request.rect = rect;
        const auto field = RegionReader().read(request);
        QVERIFY(!field.ok());
        QCOMPARE(field.error().code, code);
        QVERIFY(!field.error().message.isEmpty());
    }

    void wordsInsideNeedMostOfTheWord()
    {
        const QList<Word> words = {{QStringLiteral("left"), QRectF(0, 0, 20, 10)},
                                   {QStringLiteral("half"), QRectF(30, 0, 20, 10)},
                                   {QStringLiteral("in"), QRectF(60, 0, 20, 10)}};
        // Covers "in" whole, 70 % of "half", 25 % of "left".
        const QList<Word> inside = RegionReader::wordsInside(words, QRectF(15, -2, 80, 14));
        QCOMPARE(RegionReader::joinWords(inside), QStringLiteral("half in"));
    }
};

QTEST_MAIN(TestRegionReader)
#include "test_regionreader.moc"
