// Figures of the page view: a 50-page PDF to page 1 shown, a field selected to its box
// highlighted (same page and another page), a region drawn to the value read (text layer and
// OCR), and the GUI thread's longest stall while ProcessingService processes 100 generated
// documents with the real main window shown. With --shots DIR, saves pictures of the page
// view: boxes (one failing a rule), a region being drawn, and the page turned.
#include "StallMeter.h"
#include "fixtures/Fixtures.h"
#include "ui/MainWindow.h"
#include "ui/PageCanvas.h"
#include "ui/PageView.h"
#include "ui/QueueModel.h"

#include "pipeline/PipelineConfig.h"
#include "pipeline/ProcessingService.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFont>
#include <QPainter>
#include <QPdfWriter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

using namespace docket;
using docket::bench::StallMeter;

namespace {

QTextStream out(stdout);

QList<test::TextLine> invoiceLines(int n)
{
    const QString total =
        QStringLiteral("%1.%2").arg(100 + n * 37).arg(n % 100, 2, 10, QLatin1Char('0'));
    return {{72, 60, QStringLiteral("Vendor %1 Trading Ltd").arg(n % 17), 16},
            {400, 60, QStringLiteral("INVOICE"), 20},
            {72, 140, QStringLiteral("Invoice No: INV-%1").arg(10000 + n), 11},
            {72, 160,
             QStringLiteral("Invoice Date: 2024-%1-%2")
                 .arg(1 + n % 12, 2, 10, QLatin1Char('0'))
                 .arg(1 + n % 28, 2, 10, QLatin1Char('0')),
             11},
            {72, 300, QStringLiteral("Consulting services"), 11},
            {360, 300, total, 11},
            {360, 360, QStringLiteral("Total: USD %1").arg(total), 11}};
}

Document documentAt(qint64 id, const QString &path, const QString &type = {})
{
    Document d;
    d.id = id;
    d.storedPath = path;
    d.fileName = QFileInfo(path).fileName();
    d.documentType = type;
    return d;
}

qint64 median(QList<qint64> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

void drag(PageCanvas *canvas, const QRect &band, bool release = true)
{
    QTest::mousePress(canvas->viewport(), Qt::LeftButton, Qt::ShiftModifier, band.topLeft());
    QTest::mouseMove(canvas->viewport(), band.center());
    QTest::mouseMove(canvas->viewport(), band.bottomRight());
    if (release)
        QTest::mouseRelease(canvas->viewport(), Qt::LeftButton, Qt::ShiftModifier,
                            band.bottomRight());
}

// Microseconds from selectField() to the canvas painted with the box highlighted.
qint64 selectAndPaint(PageView &view, const QString &name)
{
    QElapsedTimer t;
    t.start();
    view.selectField(name);
    view.canvas()->viewport()->repaint();
    return t.nsecsElapsed() / 1000;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("DocketBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_pageview"));
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("documents"), QStringLiteral("documents to process"),
                      QStringLiteral("n"), QStringLiteral("100")});
    parser.addOption({QStringLiteral("shots"), QStringLiteral("save pictures into a folder"),
                      QStringLiteral("dir")});
    parser.addOption(
        {QStringLiteral("stall-only"), QStringLiteral("only the processing stall figure")});
    parser.addHelpOption();
    parser.process(app);
    const int documents = parser.value(QStringLiteral("documents")).toInt();
    const QString shots = parser.value(QStringLiteral("shots"));

    QTemporaryDir dir;
    const QString longPdf = dir.filePath(QStringLiteral("long.pdf"));
    QList<QList<test::TextLine>> pages;
    FieldBoxes boxes;
    for (int p = 0; p < 50; ++p) {
        QList<test::TextLine> page = invoiceLines(p);
        for (int line = 0; line < 40; ++line)
            page.append({72, 420.0 + line * 10,
                         QStringLiteral("%1  Item %2 ........ %3.00 USD")
                             .arg(line + 1)
                             .arg(line * 7 % 13)
                             .arg((line * 37 + p) % 1000),
                         8});
        pages.append(page);
        boxes.append({QStringLiteral("number_%1").arg(p + 1), QStringLiteral("Number"), p + 1,
                      QRectF(140, 139, 75, 14), 0.97});
        boxes.append({QStringLiteral("total_%1").arg(p + 1), QStringLiteral("Total"), p + 1,
                      QRectF(410, 359, 80, 14), 0.7});
    }
    if (!test::writePdf(longPdf, pages)) {
        out << "cannot write the PDF\n";
        return 1;
    }
    const QString scan = dir.filePath(QStringLiteral("scan.png"));
    test::renderScan(invoiceLines(7), 200).save(scan);

    const bool stallOnly = parser.isSet(QStringLiteral("stall-only"));
    // 1. A 50-page PDF to page 1 shown.
    PageView view;
    if (!stallOnly) {
        view.resize(900, 1000);
        view.show();
        if (!QTest::qWaitForWindowExposed(&view))
            return 1;
        QList<qint64> open;
        for (int run = 0; run < 5; ++run) {
            QElapsedTimer t;
            t.start();
            view.setDocument(documentAt(100 + run, longPdf));
            if (!QTest::qWaitFor([&] { return view.isPageRendered(); }, 30000))
                return 1;
            open.append(t.elapsed());
        }
        out << "50-page PDF to page 1 shown: median " << median(open) << " ms, first "
            << open.first() << " ms (5 opens)\n";

        // 2. Field selected to box highlighted.
        view.setFieldBoxes(boxes);
        QList<qint64> samePage, otherPage, sharp;
        for (int i = 0; i < 20; ++i) {
            const int page = (i * 7) % 50 + 1;
            otherPage.append(selectAndPaint(view, QStringLiteral("number_%1").arg(page)));
            samePage.append(selectAndPaint(view, QStringLiteral("total_%1").arg(page)));
            QElapsedTimer t;
            t.start();
            (void)QTest::qWaitFor([&] { return view.isPageRendered(); }, 30000);
            sharp.append(t.elapsed());
        }
        out << "field selected to box highlighted: same page median " << median(samePage) / 1000.0
            << " ms (max " << *std::max_element(samePage.begin(), samePage.end()) / 1000.0
            << "), another page median " << median(otherPage) / 1000.0 << " ms (max "
            << *std::max_element(otherPage.begin(), otherPage.end()) / 1000.0
            << "); the page then sharp after a further " << median(sharp) << " ms median\n";
        view.setZoom(4.0);
        QList<qint64> zoomed;
        for (int i = 0; i < 10; ++i)
            zoomed.append(selectAndPaint(view, QStringLiteral("total_%1").arg(i * 5 + 1)));
        out << "at 400 %: selected to highlighted median " << median(zoomed) / 1000.0 << " ms\n";

        // 3. Region read: drawn to value delivered.
        QSignalSpy read(&view, &PageView::fieldRegionRead);
        QSignalSpy failed(&view, &PageView::regionReadFailed);
        const auto regionTimes = [&](const QString &path, const QString &type, int runs) {
            view.setDocument(documentAt(300 + read.count(), path, type));
            view.setFieldBoxes({{QStringLiteral("total_amount"), QStringLiteral("Total"), 1,
                                 QRectF(410, 359, 80, 14), 0.5}});
            (void)QTest::qWaitFor([&] { return view.isPageRendered(); }, 30000);
            view.fitWidth();
            view.selectField(QStringLiteral("total_amount"));
            QList<qint64> times;
            for (int r = 0; r < runs; ++r) {
                const int before = int(read.count() + failed.count());
                QElapsedTimer t;
                t.start();
                drag(view.canvas(), view.canvas()->viewportRect(QRectF(355, 354, 150, 24)));
                (void)QTest::qWaitFor([&] { return read.count() + failed.count() > before; },
                                      60000);
                times.append(t.elapsed());
            }
            return times;
        };
        const QList<qint64> textTimes =
            regionTimes(longPdf, QStringLiteral("commercial_invoice"), 10);
        const QString textValue =
            read.isEmpty() ? QString() : read.last().at(1).value<Field>().value;
        const QList<qint64> ocrTimes = regionTimes(scan, QStringLiteral("commercial_invoice"), 6);
        const QString ocrValue =
            read.isEmpty() ? QString() : read.last().at(1).value<Field>().value;
        out << "region read (drawn to value): text layer median " << median(textTimes)
            << " ms (value " << textValue << "); OCR median " << median(ocrTimes.mid(1))
            << " ms, first " << ocrTimes.first() << " ms with engine start (value " << ocrValue
            << "); failures " << failed.count() << '\n';

        if (!shots.isEmpty()) {
            QDir().mkpath(shots);
            view.resize(760, 900);
            view.setDocument(documentAt(500, longPdf, QStringLiteral("commercial_invoice")));
            FieldBoxes shown = {{QStringLiteral("seller_name"), QStringLiteral("Seller"), 1,
                                 QRectF(70, 59, 190, 19), 0.97},
                                {QStringLiteral("invoice_number"), QStringLiteral("Invoice number"),
                                 1, QRectF(140, 139, 75, 14), 0.88},
                                {QStringLiteral("invoice_date"), QStringLiteral("Invoice date"), 1,
                                 QRectF(153, 159, 70, 14), 0.99},
                                {QStringLiteral("total_amount"), QStringLiteral("Total"), 1,
                                 QRectF(410, 359, 50, 14), 0.62}};
            markInvalid(shown, {QStringLiteral("total_amount")});
            view.setFieldBoxes(shown);
            (void)QTest::qWaitFor([&] { return view.isPageRendered(); }, 30000);
            view.fitWidth();
            view.selectField(QStringLiteral("invoice_number"));
            view.canvas()->scrollToTop();
            QTest::qWait(400);
            view.grab().save(shots + QStringLiteral("/pageview-boxes.png"));
            view.selectField(QStringLiteral("total_amount"));
            drag(view.canvas(), view.canvas()->viewportRect(QRectF(355, 354, 150, 24)), false);
            view.grab().save(shots + QStringLiteral("/pageview-region.png"));
            QTest::mouseRelease(
                view.canvas()->viewport(), Qt::LeftButton, Qt::ShiftModifier,
                view.canvas()->viewportRect(QRectF(355, 354, 150, 24)).bottomRight());
            QTest::qWait(50);
            view.grab().save(shots + QStringLiteral("/pageview-reading.png"));
            (void)QTest::qWaitFor([&] { return !view.isReadingRegion(); }, 30000);
            view.grab().save(shots + QStringLiteral("/pageview-read.png"));
            view.rotateRight();
            view.fitPage();
            (void)QTest::qWaitFor([&] { return view.isPageRendered(); }, 30000);
            QTest::qWait(300);
            view.grab().save(shots + QStringLiteral("/pageview-rotated.png"));
            out << "pictures in " << shots << '\n';
        }

    } // !stallOnly

    // 4. The GUI thread while 100 documents are processed in the background.
    {
        const QString data = dir.filePath(QStringLiteral("data"));
        const QString inbox = dir.filePath(QStringLiteral("inbox"));
        QDir().mkpath(inbox);
        for (int n = 0; n < documents; ++n)
            test::writePdf(
                QStringLiteral("%1/invoice-%2.pdf").arg(inbox).arg(n, 3, 10, QLatin1Char('0')),
                {invoiceLines(n)});
        PipelineConfig config;
        config.databaseUrl = dir.filePath(QStringLiteral("bench.sqlite"));
        config.dataFolder = data;
        ProcessingService service(config);
        MainWindow window(&service);
        window.resize(1400, 900);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            return 1;
        QTest::qWait(200);
        StallMeter stall;
        QSignalSpy idle(&service, &ProcessingService::idle);
        int finished = 0, failedDocs = 0;
        QObject::connect(&service, &ProcessingService::documentFinished, &window,
                         [&](const ProcessingResult &r) {
                             ++finished;
                             if (r.document.status == DocumentStatus::Failed)
                                 ++failedDocs;
                         });
        QElapsedTimer t;
        t.start();
        stall.start();
        window.importPaths({inbox});
        if (!QTest::qWaitFor([&] { return idle.count() > 0; }, 600000)) {
            out << "processing did not finish\n";
            return 1;
        }
        const qint64 wall = t.elapsed();
        const qint64 worst = stall.stop();
        out << documents << " documents processed in the background in " << wall
            << " ms with the main window shown: longest GUI stall " << worst << " ms ("
            << stall.over50() << " ticks over 50 ms); " << finished << " finished, " << failedDocs
            << " failed\n";
        // What the GUI thread does per document, to attribute the stalls.
        QElapsedTimer step;
        step.start();
        window.queueModel()->refresh();
        const qint64 refresh = step.restart();
        QList<qint64> opens;
        for (int row = 1; row < 6 && row < window.queueModel()->rowCount(); ++row) {
            step.restart();
            window.showDocument(window.queueModel()->document(row).id);
            opens.append(step.elapsed());
        }
        out << "  queue refresh " << refresh << " ms; a processed document shown (queue "
            << "selection to fields and boxes loaded, synchronous part) median " << median(opens)
            << " ms, max " << (opens.isEmpty() ? 0 : *std::max_element(opens.begin(), opens.end()))
            << " ms\n";
    }
    return 0;
}
