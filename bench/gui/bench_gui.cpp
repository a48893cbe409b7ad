// Figures of the workstation's responsiveness, on generated data in a temporary folder:
// cold start of the main window over a large queue (lazy model), scrolling through the
// queue, page 1 of a long PDF, paging, and the longest stall of the GUI thread while pages
// render in the background. With --shot, also saves a picture of the window showing a
// processed invoice with a field selected.
#include "StallMeter.h"
#include "ui/FieldPanel.h"
#include "ui/MainWindow.h"
#include "ui/PageView.h"
#include "ui/QueueModel.h"
#include "ui/QueueView.h"

#include "core/ProcessingResult.h"
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/ExtractionRepository.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFont>
#include <QPainter>
#include <QPdfWriter>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

using namespace docket;
using docket::bench::StallMeter;

namespace {

QTextStream out(stdout);

bool writeLongPdf(const QString &path, int pages)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(72);
    QPainter painter(&writer);
    if (!painter.isActive())
        return false;
    QFont font(QStringLiteral("DejaVu Sans"));
    for (int p = 0; p < pages; ++p) {
        if (p > 0)
            writer.newPage();
        font.setPointSize(20);
        painter.setFont(font);
        painter.drawText(72, 90, QStringLiteral("Statement page %1").arg(p + 1));
        font.setPointSize(9);
        painter.setFont(font);
        for (int line = 0; line < 60; ++line)
            painter.drawText(72, 130 + line * 11,
                             QStringLiteral("%1  Item %2 of page %3 ........ %4.00 USD")
                                 .arg(line + 1)
                                 .arg(line * 7 % 13)
                                 .arg(p + 1)
                                 .arg((line * 37 + p) % 1000));
    }
    return true;
}

bool writeInvoicePdf(const QString &path)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(72);
    QPainter painter(&writer);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSize(24);
    font.setBold(true);
    painter.setFont(font);
    painter.drawText(72, 90, QStringLiteral("INVOICE"));
    font.setPointSize(11);
    font.setBold(false);
    painter.setFont(font);
    painter.drawText(72, 140, QStringLiteral("Northwind Traders"));
    painter.drawText(72, 170, QStringLiteral("Invoice No: 4711"));
    painter.drawText(72, 190, QStringLiteral("Date: 2024-03-05"));
    painter.drawText(320, 400, QStringLiteral("Total: 1,041.25 USD"));
    return true;
}

Field located(const QString &name, const QString &value, double confidence, QRectF box)
{
    Field f;
    f.name = name;
    f.value = value;
    f.raw = value;
    f.confidence = confidence;
    f.page = 1;
    f.bbox = box;
    f.source = QStringLiteral("text_layer");
    return f;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("DocketBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_gui"));
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("documents"), QStringLiteral("queue size"),
                      QStringLiteral("n"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("pages"), QStringLiteral("pages of the long PDF"),
                      QStringLiteral("n"), QStringLiteral("50")});
    parser.addOption({QStringLiteral("shot"), QStringLiteral("save a picture of the window"),
                      QStringLiteral("file")});
    parser.addHelpOption();
    parser.process(app);
    const int documents = parser.value(QStringLiteral("documents")).toInt();
    const int pages = parser.value(QStringLiteral("pages")).toInt();

    QTemporaryDir dir;
    const QString dbPath = dir.filePath(QStringLiteral("bench.sqlite"));
    const QString longPdf = dir.filePath(QStringLiteral("long.pdf"));
    const QString invoicePdf = dir.filePath(QStringLiteral("invoice.pdf"));
    if (!writeLongPdf(longPdf, pages) || !writeInvoicePdf(invoicePdf)) {
        out << "cannot write the test PDFs\n";
        return 1;
    }
    qint64 longId = 0, invoiceId = 0;
    {
        auto db = Database::open(dbPath);
        if (!db) {
            out << "cannot open the database: " << db.error().message << '\n';
            return 1;
        }
        Database &d = *db.value();
        QElapsedTimer fill;
        fill.start();
        d.transaction([&]() -> Status {
            DocumentRepository repo(d);
            for (int i = 0; i < documents; ++i) {
                Document doc;
                doc.sha256 = QStringLiteral("%1").arg(i, 64, 10, QLatin1Char('0'));
                doc.fileName = QStringLiteral("scan-%1.pdf").arg(i, 5, 10, QLatin1Char('0'));
                doc.originalPath = doc.fileName;
                doc.storedPath = i % 2 ? invoicePdf : longPdf;
                doc.mimeType = QStringLiteral("application/pdf");
                doc.pageCount = 1;
                auto stored = repo.insertOrFind(doc);
                if (!stored)
                    return stored.error();
            }
            Document inv;
            inv.sha256 = QStringLiteral("invoice");
            inv.fileName = QStringLiteral("invoice-4711.pdf");
            inv.storedPath = invoicePdf;
            inv.mimeType = QStringLiteral("application/pdf");
            inv.pageCount = 1;
            inv.pageSizes = {QSizeF(595.3, 841.9)};
            invoiceId = repo.insertOrFind(inv).value().id;
            Document lng = inv;
            lng.sha256 = QStringLiteral("long");
            lng.fileName = QStringLiteral("statement-50-pages.pdf");
            lng.storedPath = longPdf;
            lng.pageCount = pages;
            lng.pageSizes.clear();
            longId = repo.insertOrFind(lng).value().id;
            return {};
        });
        ProcessingResult r;
        r.document.id = invoiceId;
        r.document.status = DocumentStatus::NeedsReview;
        r.extraction.documentType = QStringLiteral("commercial_invoice");
        r.extraction.typeConfidence = 0.97;
        for (const Field &f :
             {located(QStringLiteral("invoice_number"), QStringLiteral("4711"), 0.97,
                      QRectF(135, 159, 30, 13)),
              located(QStringLiteral("invoice_date"), QStringLiteral("2024-03-05"), 0.88,
                      QRectF(106, 179, 68, 13)),
              located(QStringLiteral("seller_name"), QStringLiteral("Northwind Traders"), 0.72,
                      QRectF(72, 129, 110, 13)),
              located(QStringLiteral("total_amount"), QStringLiteral("1041.25"), 0.91,
                      QRectF(356, 389, 60, 14)),
              located(QStringLiteral("currency"), QStringLiteral("USD"), 0.96,
                      QRectF(420, 389, 28, 14))})
            r.extraction.fields.insert(f.name, f);
        r.review.priority = Priority::Urgent;
        r.validation.issues.append({Issue::Severity::Error, QStringLiteral("required_missing"),
                                    QStringLiteral("buyer_name"),
                                    QStringLiteral("The buyer is missing.")});
        ExtractionRepository(d).saveResult(invoiceId, r);
        out << "setup: " << documents << " documents stored in " << fill.elapsed() << " ms\n";
    }

    StallMeter stall;
    QElapsedTimer t;
    t.start();
    MainWindow window(nullptr, dbPath);
    const qint64 constructed = t.elapsed();
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    out << "main window with a " << documents << "-document queue: constructed in " << constructed
        << " ms, shown in " << t.elapsed() << " ms (" << window.queueModel()->rowCount()
        << " rows loaded of " << window.queueModel()->totalCount() << ")\n";

    // Scroll the queue to its end: pages load as the view reaches them.
    QueueView *queue = window.queueView();
    t.restart();
    stall.start();
    int fetches = 0;
    while (window.queueModel()->canFetchMore({})) {
        queue->verticalScrollBar()->setValue(queue->verticalScrollBar()->maximum());
        QCoreApplication::processEvents();
        ++fetches;
        if (fetches > documents)
            break;
    }
    out << "scrolled to the end of the queue: " << window.queueModel()->rowCount() << " rows in "
        << t.elapsed() << " ms, longest GUI stall " << stall.stop() << " ms\n";

    // Page 1 of the long PDF, then every page in turn.
    PageView *view = window.pageView();
    t.restart();
    stall.start();
    window.showDocument(longId);
    if (!QTest::qWaitFor([&] { return view->isPageRendered(); }, 30000)) {
        out << "page 1 was not rendered\n";
        return 1;
    }
    out << "page 1 of a " << pages << "-page PDF shown in " << t.elapsed()
        << " ms after selection\n";
    t.restart();
    for (int p = 1; p < view->pageCount(); ++p) {
        view->nextPage();
        (void)QTest::qWaitFor([&] { return view->isPageRendered(); }, 30000);
    }
    const qint64 paging = t.elapsed();
    out << "paged through " << view->pageCount() - 1
        << " pages: " << (view->pageCount() > 1 ? paging / (view->pageCount() - 1) : 0)
        << " ms per page (with read-ahead), longest GUI stall " << stall.stop() << " ms\n";

    t.restart();
    view->zoomIn();
    (void)QTest::qWaitFor([&] { return view->isPageRendered(); }, 30000);
    out << "zoom step re-rendered in " << t.elapsed() << " ms\n";

    if (parser.isSet(QStringLiteral("shot"))) {
        window.showDocument(invoiceId);
        (void)QTest::qWaitFor([&] { return view->isPageRendered(); }, 30000);
        window.fieldPanel()->selectField(QStringLiteral("total_amount"));
        view->selectField(QStringLiteral("total_amount"));
        QTest::qWait(300);
        window.grab().save(parser.value(QStringLiteral("shot")));
        out << "picture: " << parser.value(QStringLiteral("shot")) << '\n';
    }
    return 0;
}
