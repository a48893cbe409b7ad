// PageView on generated PDFs and images: background rendering onto white, page navigation,
// zoom and fit, field boxes (selection scrolls to the box, a click on a box names it).
#include "fixtures/Fixtures.h"
#include "ui/PageCanvas.h"
#include "ui/PageView.h"

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

} // namespace

class TestPageView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_pdf;
    QString m_png;

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
