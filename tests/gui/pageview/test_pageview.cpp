// PageView on generated PDFs and images: background rendering onto white, page navigation,
// zoom and fit, field boxes (selection scrolls and zooms to the box, a click on a box names
// it, boxes of failing rules are marked), regions drawn on the page read through the text
// layer or OCR, and rotation.
#include "fixtures/Fixtures.h"
#include "ui/PageCanvas.h"
#include "ui/PageView.h"

#include <QAction>
#include <QLabel>
#include <QListView>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace docket;

namespace {

int darkPixels(const QImage &image)
{
    int dark = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            if (qGray(image.pixel(x, y)) < 128)
                ++dark;
    return dark;
}

Document documentAt(qint64 id, const QString &path)
{
    Document doc;
    doc.id = id;
    doc.storedPath = path;
    doc.fileName = QFileInfo(path).fileName();
    return doc;
}

Document documentAt(qint64 id, const QString &path, const QString &type)
{
    Document doc = documentAt(id, path);
    doc.documentType = type;
    return doc;
}

// A left drag on the canvas, as a reviewer draws a region.
void drag(PageCanvas *canvas, QPoint from, QPoint to, Qt::KeyboardModifiers modifiers = {})
{
    QWidget *viewport = canvas->viewport();
    QTest::mousePress(viewport, Qt::LeftButton, modifiers, from);
    QTest::mouseMove(viewport, (from + to) / 2);
    QTest::mouseMove(viewport, to);
    QTest::mouseRelease(viewport, Qt::LeftButton, modifiers, to);
}

// Pixels of the pure warning red the page view marks failing fields with.
int markPixels(const QImage &image, const QRect &area)
{
    int count = 0;
    const QRect r = area.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.red() > 180 && c.green() < 60 && c.blue() < 60)
                ++count;
        }
    return count;
}

QRect visibleArea(PageCanvas *canvas)
{
    return canvas->viewport()->rect();
}

} // namespace

class TestPageView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_pdf;
    QString m_png;
    QString m_invoice;
    QString m_scan;

    static QList<test::TextLine> invoiceLines()
    {
        return {{72, 100, QStringLiteral("Invoice No: INV-2024-0042"), 12, false},
                {72, 130, QStringLiteral("Date: 05/03/2024"), 12, false},
                {330, 700, QStringLiteral("Total: USD 1,234.50"), 14, true}};
    }
    static FieldBoxes invoiceBoxes()
    {
        return {{QStringLiteral("invoice_number"), QStringLiteral("Invoice number"), 2,
                 QRectF(150, 99, 95, 15), 0.97},
                {QStringLiteral("total_amount"), QStringLiteral("Total"), 2,
                 QRectF(415, 699, 70, 17), 0.62}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pdf = m_dir.filePath(QStringLiteral("three.pdf"));
        QVERIFY(test::writePdf(m_pdf, {{{72, 72, QStringLiteral("FIRST PAGE"), 28, true}},
                                       {{72, 72, QStringLiteral("SECOND PAGE"), 28, true},
                                        {300, 600, QStringLiteral("Total: 99.00"), 14, true}},
                                       {{72, 72, QStringLiteral("THIRD PAGE"), 28, true}}}));
        m_png = m_dir.filePath(QStringLiteral("scan.png"));
        QImage scan(850, 1100, QImage::Format_ARGB32);
        scan.fill(Qt::transparent); // transparent must come out white
        for (int y = 100; y < 200; ++y)
            for (int x = 100; x < 400; ++x)
                scan.setPixel(x, y, qRgb(0, 0, 0));
        QVERIFY(scan.save(m_png));
        m_invoice = m_dir.filePath(QStringLiteral("invoice.pdf"));
        QVERIFY(test::writePdf(m_invoice, {{{72, 72, QStringLiteral("COVER"), 28, true}},
                                           invoiceLines(),
                                           {{72, 72, QStringLiteral("TERMS"), 28, true}}}));
        m_scan = m_dir.filePath(QStringLiteral("receipt.png"));
        QVERIFY(test::renderScan({{72, 100, QStringLiteral("RECEIPT 20417"), 16, true},
                                  {72, 300, QStringLiteral("TOTAL 58.90"), 16, true}},
                                 200)
                    .save(m_scan));
    }

    void rendersPdfPagesInTheBackground()
    {
        PageView view;
        view.resize(800, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(!view.isPageRendered());
        view.setDocument(documentAt(1, m_pdf));
        QTRY_VERIFY(view.isPageRendered());
        QCOMPARE(view.pageCount(), 3);
        QCOMPARE(view.currentPage(), 0);
        const QImage first = view.renderedImage();
        QVERIFY(darkPixels(first) > 20);
        QCOMPARE(qGray(first.pixel(first.width() - 3, first.height() - 3)), 255); // opaque white
        // The thumbnails strip lists every page.
        auto *thumbnails = view.findChild<QListView *>(QStringLiteral("thumbnails"));
        QVERIFY(thumbnails);
        QCOMPARE(thumbnails->model()->rowCount(), 3);

        // Navigation: action, spin box, PgDn at the bottom of a page.
        view.nextPage();
        QCOMPARE(view.currentPage(), 1);
        QTRY_VERIFY(view.isPageRendered());
        auto *spin = view.findChild<QSpinBox *>(QStringLiteral("pageSpin"));
        QVERIFY(spin);
        QCOMPARE(spin->value(), 2);
        spin->setValue(3);
        QCOMPARE(view.currentPage(), 2);
        view.previousPage();
        view.previousPage();
        view.previousPage(); // stays on the first page
        QCOMPARE(view.currentPage(), 0);
        view.fitPage(); // whole page visible: PgDn turns the page
        view.canvas()->setFocus();
        QTest::keyClick(view.canvas(), Qt::Key_PageDown);
        QCOMPARE(view.currentPage(), 1);
        QTest::keyClick(view.canvas(), Qt::Key_PageUp);
        QCOMPARE(view.currentPage(), 0);
    }

    void zoomSteps_data()
    {
        QTest::addColumn<double>("start");
        QTest::addColumn<int>("steps");
        QTest::addColumn<double>("expected");
        QTest::newRow("in from 100") << 1.0 << 1 << 1.1;
        QTest::newRow("out from 100") << 1.0 << -1 << 0.9;
        QTest::newRow("in twice") << 1.0 << 2 << 1.25;
        QTest::newRow("in from between") << 1.05 << 1 << 1.1;
        QTest::newRow("out at minimum") << 0.25 << -1 << 0.25;
        QTest::newRow("in at maximum") << 8.0 << 1 << 8.0;
    }

    void zoomSteps()
    {
        QFETCH(double, start);
        QFETCH(int, steps);
        QFETCH(double, expected);
        PageView view;
        view.resize(600, 500);
        view.setDocument(documentAt(1, m_pdf));
        QTRY_VERIFY(view.pageCount() == 3);
        view.setZoom(start);
        for (int i = 0; i < qAbs(steps); ++i)
            steps > 0 ? view.zoomIn() : view.zoomOut();
        QCOMPARE(view.zoom(), expected);
        QCOMPARE(view.fitMode(), PageView::FitMode::None);
    }

    void fitWidthFollowsResize()
    {
        PageView view;
        view.resize(600, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDocument(documentAt(1, m_pdf));
        QTRY_VERIFY(view.isPageRendered());
        view.fitWidth();
        const double narrow = view.zoom();
        view.resize(1000, 500);
        QTRY_VERIFY(view.zoom() > narrow);
        QCOMPARE(view.fitMode(), PageView::FitMode::Width);
        QTRY_VERIFY(view.isPageRendered()); // re-rendered sharp at the new zoom
    }

    void selectsAndClicksFieldBoxes()
    {
        PageView view;
        view.resize(700, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDocument(documentAt(1, m_pdf));
        view.setFieldBoxes(
            {{QStringLiteral("total_amount"), QStringLiteral("Total"), 2, QRectF(300, 590, 120, 18),
              0.7},
             {QStringLiteral("title"), QStringLiteral("Title"), 1, QRectF(72, 60, 200, 30), 0.99}});
        view.selectField(QStringLiteral("total_amount")); // before the document is open
        QTRY_COMPARE(view.currentPage(), 1);
        QCOMPARE(view.selectedField(), QStringLiteral("total_amount"));

        PageCanvas *canvas = view.canvas();
        const QRect box = canvas->viewportRect(QRectF(300, 590, 120, 18));
        QVERIFY2(canvas->viewport()->rect().contains(box.center()), "box scrolled into view");

        QSignalSpy clicked(&view, &PageView::fieldClicked);
        QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, box.center());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().first().toString(), QStringLiteral("total_amount"));
        // A click beside the boxes names nothing.
        QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, QPoint(2, 2));
        QCOMPARE(clicked.count(), 1);

        view.selectField(QStringLiteral("title"));
        QCOMPARE(view.currentPage(), 0);
    }

    void selectedFieldComesIntoViewOnLongDocumentsAndHighZoom_data()
    {
        QTest::addColumn<double>("zoom");
        QTest::newRow("fit width") << 0.0;
        QTest::newRow("400 %") << 4.0;
        QTest::newRow("800 %") << 8.0;
    }

    void selectedFieldComesIntoViewOnLongDocumentsAndHighZoom()
    {
        QFETCH(double, zoom);
        PageView view;
        view.resize(640, 520);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDocument(documentAt(7, m_invoice));
        view.setFieldBoxes(invoiceBoxes() +
                           FieldBoxes{{QStringLiteral("terms"), QStringLiteral("Terms"), 3,
                                       QRectF(72, 70, 520, 700), 0.9}});
        QTRY_COMPARE(view.pageCount(), 3);
        if (zoom > 0)
            view.setZoom(zoom);
        PageCanvas *canvas = view.canvas();
        for (const FieldBox &box : invoiceBoxes()) {
            view.selectField(box.name);
            QCOMPARE(view.currentPage(), box.page - 1);
            const QRect shown = canvas->viewportRect(box.bbox);
            QVERIFY2(visibleArea(canvas).contains(shown),
                     qPrintable(box.name + QStringLiteral(" not in view")));
            // Readable: a line of text at least about 12 pixels tall.
            QVERIFY(shown.height() >= 12);
            view.selectField(QStringLiteral("title")); // no box: nothing moves
            QCOMPARE(view.currentPage(), box.page - 1);
        }
        // A box larger than the viewport: zoomed out until it fits whole.
        view.selectField(QStringLiteral("terms"));
        QCOMPARE(view.currentPage(), 2);
        QVERIFY(visibleArea(canvas).contains(canvas->viewportRect(QRectF(72, 70, 520, 700))));
    }

    void regionDrawnOverWordsReadsThem()
    {
        PageView view;
        view.resize(900, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDocument(documentAt(8, m_invoice, QStringLiteral("commercial_invoice")));
        view.setFieldBoxes(invoiceBoxes());
        QTRY_VERIFY(view.pageCount() == 3);
        view.selectField(QStringLiteral("total_amount"));
        QTRY_VERIFY(view.isPageRendered());
        PageCanvas *canvas = view.canvas();

        QSignalSpy read(&view, &PageView::fieldRegionRead);
        QSignalSpy failed(&view, &PageView::regionReadFailed);
        // Around "USD 1,234.50" only (the label "Total:" stays outside).
        const QRectF words(370, 695, 130, 26);
        const QRect band = canvas->viewportRect(words);
        drag(canvas, band.topLeft(), band.bottomRight());
        QVERIFY(view.isReadingRegion());
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 20000);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(read.first().at(0).toString(), QStringLiteral("total_amount"));
        const auto field = read.first().at(1).value<Field>();
        QCOMPARE(field.raw, QStringLiteral("USD 1,234.50"));
        QCOMPARE(field.value, QStringLiteral("1234.50")); // an amount, by the schema
        QCOMPARE(field.page, 2);
        QCOMPARE(field.source, QStringLiteral("reviewer"));
        QVERIFY(field.confidence > 0.9);
        QVERIFY(!field.bbox.isEmpty());
        QVERIFY(words.adjusted(-2, -2, 2, 2).contains(field.bbox));
        QVERIFY(!view.isReadingRegion());

        // Shift-drag starting on a box draws a region too (a plain press there selects).
        view.selectField(QStringLiteral("invoice_number"));
        const QRect number = canvas->viewportRect(QRectF(148, 95, 110, 22));
        drag(canvas, number.topLeft() + QPoint(4, 4), number.bottomRight(), Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 2, 20000);
        QCOMPARE(read.last().at(0).toString(), QStringLiteral("invoice_number"));
        QCOMPARE(read.last().at(1).value<Field>().value, QStringLiteral("INV-2024-0042"));

        // Esc cancels a drag in progress.
        canvas->setFocus();
        QTest::mousePress(canvas->viewport(), Qt::LeftButton, {}, band.topLeft());
        QTest::mouseMove(canvas->viewport(), band.center());
        QTest::keyClick(canvas, Qt::Key_Escape);
        QTest::mouseRelease(canvas->viewport(), Qt::LeftButton, {}, band.bottomRight());
        QTest::qWait(300);
        QCOMPARE(read.count(), 2);
    }

    void regionWithoutSelectedFieldOnlyHints()
    {
        PageView view;
        view.resize(800, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDocument(documentAt(9, m_invoice));
        QTRY_VERIFY(view.isPageRendered());
        view.setCurrentPage(1);
        QSignalSpy read(&view, &PageView::fieldRegionRead);
        const QRect band = view.canvas()->viewportRect(QRectF(150, 95, 110, 24));
        drag(view.canvas(), band.topLeft(), band.bottomRight());
        QVERIFY(!view.isReadingRegion());
        QVERIFY(!view.hintText().isEmpty());
        QTest::qWait(200);
        QCOMPARE(read.count(), 0);
    }

    void regionOfScanIsReadByOcr()
    {
        PageView view;
        view.resize(800, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDocument(documentAt(10, m_scan, QStringLiteral("receipt")));
        view.setFieldBoxes({{QStringLiteral("total_amount"), QStringLiteral("Total"), 1,
                             QRectF(72, 300, 40, 18), 0.4}});
        QTRY_VERIFY(view.isPageRendered());
        view.selectField(QStringLiteral("total_amount"));
        // The toolbar toggle: any drag draws, even one that starts on a box.
        view.readRegionAction()->setChecked(true);
        QSignalSpy read(&view, &PageView::fieldRegionRead);
        const QRect band = view.canvas()->viewportRect(QRectF(66, 294, 160, 30));
        drag(view.canvas(), band.topLeft(), band.bottomRight());
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 30000);
        const auto field = read.first().at(1).value<Field>();
        QCOMPARE(field.raw, QStringLiteral("TOTAL 58.90"));
        QCOMPARE(field.value, QStringLiteral("58.90"));
        QVERIFY(field.confidence > 0.5 && field.confidence < 1.0);
        QVERIFY(QRectF(66, 294, 160, 30).adjusted(-3, -3, 3, 3).contains(field.bbox));
    }

    void rotationTurnsPageBoxesAndHitTests()
    {
        PageView view;
        view.resize(800, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDocument(documentAt(11, m_invoice, QStringLiteral("commercial_invoice")));
        view.setFieldBoxes(invoiceBoxes());
        QTRY_VERIFY(view.pageCount() == 3);
        view.setCurrentPage(1);
        view.fitWidth();
        const double upright = view.zoom();
        QSignalSpy clicked(&view, &PageView::fieldClicked);
        QSignalSpy read(&view, &PageView::fieldRegionRead);

        view.rotateRightAction()->trigger();
        QCOMPARE(view.rotation(), 90);
        QVERIFY(view.zoom() < upright); // fit width: the page's height is now its width
        QCOMPARE(view.fitMode(), PageView::FitMode::Width);
        PageCanvas *canvas = view.canvas();
        const QRectF total = invoiceBoxes().at(1).bbox;
        const QRect shown = canvas->viewportRect(total);
        QVERIFY(shown.height() > shown.width()); // turned on its side
        canvas->ensureVisible(total);
        QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {},
                          canvas->viewportRect(total).center());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().first().toString(), QStringLiteral("total_amount"));
        // A region drawn on the turned page reads the words under it.
        view.selectField(QStringLiteral("invoice_number"));
        const QRect band = canvas->viewportRect(QRectF(148, 95, 110, 22));
        drag(canvas, band.topLeft(), band.bottomRight(), Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 20000);
        QCOMPARE(read.first().at(1).value<Field>().raw, QStringLiteral("INV-2024-0042"));

        view.rotateLeftAction()->trigger();
        view.rotateLeft();
        QCOMPARE(view.rotation(), 270);
        QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {},
                          canvas->viewportRect(invoiceBoxes().at(0).bbox).center());
        QCOMPARE(clicked.last().first().toString(), QStringLiteral("invoice_number"));
        view.fitPage();
        QVERIFY(
            canvas->viewportRect(QRectF(QPointF(0, 0), canvas->pageSize()))
                .adjusted(1, 1, -1, -1)
                .intersected(visibleArea(canvas)) ==
            canvas->viewportRect(QRectF(QPointF(0, 0), canvas->pageSize())).adjusted(1, 1, -1, -1));

        // Remembered per document while the app runs.
        view.setDocument(documentAt(12, m_pdf));
        QCOMPARE(view.rotation(), 0);
        view.setDocument(documentAt(11, m_invoice));
        QCOMPARE(view.rotation(), 270);
        QTRY_VERIFY(view.isPageRendered());
        const QImage image = view.renderedImage();
        QVERIFY(image.width() < image.height()); // rendered upright, turned when drawn
    }

    void failingFieldsAreMarked()
    {
        PageView view;
        view.resize(800, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDocument(documentAt(13, m_invoice));
        FieldBoxes boxes = invoiceBoxes();
        boxes[0].confidence = 0.99; // green: no red of its own
        markInvalid(boxes, {QStringLiteral("invoice_number")});
        QVERIFY(boxes.at(0).invalid);
        QVERIFY(!boxes.at(1).invalid);
        view.setFieldBoxes(boxes);
        QTRY_VERIFY(view.pageCount() == 3);
        view.setCurrentPage(1);
        QTRY_VERIFY(view.isPageRendered());
        PageCanvas *canvas = view.canvas();
        canvas->ensureVisible(boxes.at(0).bbox);
        const QRect box = canvas->viewportRect(boxes.at(0).bbox);
        const QRect corner(box.right() - 6, box.top() - 20, 18, 20);
        QImage shot = canvas->viewport()->grab().toImage();
        QVERIFY2(markPixels(shot, corner) > 12, "warning mark drawn");
        QVERIFY(markPixels(shot, box.adjusted(-5, -5, 5, 5)) > 20); // red dashed outline

        markInvalid(boxes, {});
        view.setFieldBoxes(boxes);
        shot = canvas->viewport()->grab().toImage();
        QCOMPARE(markPixels(shot, corner), 0);
    }

    void invalidMarksFollowIssueFields_data()
    {
        QTest::addColumn<QString>("issueField");
        QTest::addColumn<QString>("box");
        QTest::addColumn<bool>("invalid");
        QTest::newRow("same") << QStringLiteral("total_amount") << QStringLiteral("total_amount")
                              << true;
        QTest::newRow("other") << QStringLiteral("subtotal") << QStringLiteral("total_amount")
                               << false;
        QTest::newRow("cell of row")
            << QStringLiteral("line_items[2].amount") << QStringLiteral("line_items[2]") << true;
        QTest::newRow("other row")
            << QStringLiteral("line_items[12].amount") << QStringLiteral("line_items[1]") << false;
        QTest::newRow("prefix only")
            << QStringLiteral("total_amount_due") << QStringLiteral("total_amount") << false;
    }

    void invalidMarksFollowIssueFields()
    {
        QFETCH(QString, issueField);
        QFETCH(QString, box);
        QFETCH(bool, invalid);
        FieldBoxes boxes{{box, box, 1, QRectF(1, 1, 5, 5), 0.5}};
        markInvalid(boxes, {issueField});
        QCOMPARE(boxes.first().invalid, invalid);
    }

    void rendersImagesOnWhite()
    {
        PageView view;
        view.resize(600, 600);
        view.show();
        view.setDocument(documentAt(2, m_png));
        QTRY_VERIFY(view.isPageRendered());
        QCOMPARE(view.pageCount(), 1);
        const QImage image = view.renderedImage();
        QVERIFY(darkPixels(image) > 100);
        QCOMPARE(qGray(image.pixel(image.width() - 2, image.height() - 2)), 255);
    }

    void missingFileShowsMessage()
    {
        PageView view;
        view.resize(600, 600);
        view.show();
        view.setDocument(documentAt(3, m_dir.filePath(QStringLiteral("gone.pdf"))));
        QTest::qWait(200);
        QVERIFY(!view.isPageRendered());
        QCOMPARE(view.pageCount(), 0);
        view.nextPage(); // nothing to do, no crash
        view.clear();
        QVERIFY(!view.isPageRendered());
    }
};

QTEST_MAIN(TestPageView)
#include "test_pageview.moc"
