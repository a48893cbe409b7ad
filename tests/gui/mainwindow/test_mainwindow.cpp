// The real main window with a real ProcessingService on a temporary SQLite database:
// dropping a PDF imports it, the queue lists it, selecting it renders its first page, and
// dropping it again shows the duplicate banner that leads back to the first import.
#include "fixtures/Fixtures.h"
#include "ui/Banner.h"
#include "ui/FieldPanel.h"
#include "ui/MainWindow.h"
#include "ui/PageView.h"
#include "ui/QueueModel.h"
#include "ui/QueueView.h"

#include "pipeline/ProcessingService.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace docket;

namespace {

constexpr int kProcessTimeoutMs = 120000;

// Sends a drag enter and a drop of urls to the window, as a file manager would.
bool dropUrls(QWidget *target, const QList<QUrl> &urls)
{
    QMimeData mime;
    mime.setUrls(urls);
    const QPoint pos = target->rect().center();
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

// Dark pixels in a region of an image given as fractions of its size.
int darkPixels(const QImage &image, const QRectF &fraction)
{
    const QRect r(qRound(fraction.x() * image.width()), qRound(fraction.y() * image.height()),
                  qRound(fraction.width() * image.width()),
                  qRound(fraction.height() * image.height()));
    int dark = 0;
    for (int y = r.top(); y <= r.bottom() && y < image.height(); ++y)
        for (int x = r.left(); x <= r.right() && x < image.width(); ++x)
            if (qGray(image.pixel(x, y)) < 128)
                ++dark;
    return dark;
}

bool isProcessed(const QueueModel *model, int row)
{
    const auto status = DocumentStatus(model->index(row, 0).data(QueueModel::StatusRole).toInt());
    return status != DocumentStatus::Pending && status != DocumentStatus::Processing;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ProcessingService> m_service;
    std::unique_ptr<MainWindow> m_window;
    QString m_pdf;

    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("DocketTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_mainwindow"));
        QVERIFY(m_dir.isValid());
        m_pdf = path(QStringLiteral("invoice-4711.pdf"));
        QVERIFY(
            test::writePdf(m_pdf, {{
                                      {72, 72, QStringLiteral("INVOICE"), 24, true},
                                      {72, 130, QStringLiteral("Northwind Traders"), 11},
                                      {72, 160, QStringLiteral("Invoice No: 4711"), 11},
                                      {72, 180, QStringLiteral("Date: 2024-03-05"), 11},
                                      {320, 400, QStringLiteral("Total: 1,041.25 USD"), 12, true},
                                  }}));

        PipelineConfig config;
        config.databaseUrl = path(QStringLiteral("docket.sqlite"));
        config.dataFolder = path(QStringLiteral("data"));
        config.jobs = 1;
        m_service = std::make_unique<ProcessingService>(config);
        m_window = std::make_unique<MainWindow>(m_service.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_service.reset();
    }

    void startsEmpty()
    {
        QCOMPARE(m_window->objectName(), QStringLiteral("mainWindow"));
        QVERIFY(m_window->database());
        QVERIFY(!m_window->banner()->isVisible());
        QCOMPARE(m_window->queueModel()->rowCount(), 0);
        for (const char *name : {"queueView", "queueSearch", "pageView", "thumbnails", "fieldPanel",
                                 "banner", "progressBar"})
            QVERIFY2(m_window->findChild<QWidget *>(QString::fromLatin1(name)), name);
        QVERIFY(m_window->findChild<QAction *>(QStringLiteral("actionImport")));
    }

    void ignoresRemoteUrls()
    {
        QVERIFY(!dropUrls(m_window.get(), {QUrl(QStringLiteral("https://example.com/a.pdf"))}));
        QVERIFY(m_service->isIdle());
    }

    void dropImportsAndShowsDocument()
    {
        QVERIFY(dropUrls(m_window.get(), {QUrl::fromLocalFile(m_pdf)}));

        QueueModel *model = m_window->queueModel();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, kProcessTimeoutMs);
        QCOMPARE(model->index(0, QueueModel::FileColumn).data().toString(),
                 QStringLiteral("invoice-4711.pdf"));
        QTRY_VERIFY_WITH_TIMEOUT(isProcessed(model, 0), kProcessTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_service->isIdle(), kProcessTimeoutMs);

        // Select it as a user does: a click on its row.
        QueueView *view = m_window->queueView();
        const QModelIndex index = model->index(0, QueueModel::FileColumn);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
        const qint64 id = index.data(QueueModel::DocumentIdRole).toLongLong();
        QVERIFY(id > 0);
        QCOMPARE(view->currentDocumentId(), id);

        PageView *page = m_window->pageView();
        QTRY_VERIFY_WITH_TIMEOUT(page->isPageRendered(), 30000);
        QCOMPARE(page->pageCount(), 1);
        QCOMPARE(page->currentPage(), 0);
        const QImage image = page->renderedImage();
        QVERIFY(!image.isNull());
        // "INVOICE" is drawn near the top-left (72 pt from the edges of an A4 page) ...
        QVERIFY(darkPixels(image, QRectF(0.08, 0.06, 0.35, 0.06)) > 50);
        // ... and the page is opaque white where nothing was drawn.
        QCOMPARE(qGray(image.pixel(image.width() - 5, image.height() - 5)), 255);

        // The field panel shows the document's type with one editor per field.
        FieldPanel *fields = m_window->fieldPanel();
        QCOMPARE(fields->documentId(), id);
        QVERIFY(!fields->documentType().isEmpty());
        QVERIFY(!fields->findChildren<QLineEdit *>(QRegularExpression(QStringLiteral("^field_")))
                     .isEmpty());
    }

    void zoomAndFit()
    {
        PageView *page = m_window->pageView();
        QVERIFY(page->isPageRendered());
        page->fitPage();
        const double fitPage = page->zoom();
        page->fitWidth();
        const double fitWidth = page->zoom();
        QVERIFY(fitWidth >= fitPage);
        page->zoomIn();
        QVERIFY(page->zoom() > fitWidth);
        QCOMPARE(page->fitMode(), PageView::FitMode::None);
        QTRY_VERIFY_WITH_TIMEOUT(page->isPageRendered(), 30000);
        page->zoomOut();
        QVERIFY(page->zoom() < fitWidth + 0.2);
    }

    void dropAgainShowsDuplicateBanner()
    {
        const qint64 first =
            m_window->queueModel()->index(0, 0).data(QueueModel::DocumentIdRole).toLongLong();
        QVERIFY(dropUrls(m_window.get(), {QUrl::fromLocalFile(m_pdf)}));
        Banner *banner = m_window->banner();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kProcessTimeoutMs);
        QVERIFY2(banner->text().contains(QStringLiteral("invoice-4711.pdf")),
                 qPrintable(banner->text()));
        QVERIFY2(banner->text().contains(QStringLiteral("already imported")),
                 qPrintable(banner->text()));
        QTRY_VERIFY_WITH_TIMEOUT(m_service->isIdle(), kProcessTimeoutMs);
        QTRY_COMPARE(m_window->queueModel()->rowCount(), 1); // not imported twice

        // The banner's button selects the document imported before.
        auto *action = banner->findChild<QPushButton *>(QStringLiteral("bannerAction"));
        QVERIFY(action);
        QVERIFY(action->isVisible());
        QTest::mouseClick(action, Qt::LeftButton);
        QVERIFY(!banner->isVisible());
        QCOMPARE(m_window->queueView()->currentDocumentId(), first);
    }

    void savesGeometryOnClose()
    {
        m_window->close();
        QSettings settings;
        QVERIFY(!settings.value(QStringLiteral("mainWindow/geometry")).toByteArray().isEmpty());
        QVERIFY(!settings.value(QStringLiteral("mainWindow/splitter")).toByteArray().isEmpty());
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
