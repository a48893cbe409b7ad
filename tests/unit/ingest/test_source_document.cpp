#include "IngestFixtures.h"
#include "ingest/ParseGuard.h"
#include "ingest/SourceDocument.h"

#include <QFile>
#include <QImageWriter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace docket;
using fixtures::Text;

namespace {

const Word *findWord(const Page &page, const QString &text)
{
    for (const Word &w : page.words)
        if (w.text == text)
            return &w;
    return nullptr;
}

} // namespace

class TestSourceDocument : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QString makeInvoicePdf()
    {
        const QString file = path(QStringLiteral("invoice.pdf"));
        if (!QFile::exists(file)) {
            fixtures::writePdf(
                file, {{Text{QStringLiteral("INVOICE"), {72, 100}, 20},
                        Text{QStringLiteral("Invoice number: INV-2024-0042"), {72, 160}, 11},
                        Text{QStringLiteral("Total due"), {72, 400}, 11},
                        Text{QStringLiteral("1,041.25"), {400, 400}, 11}},
                       {Text{QStringLiteral("Page two says hello"), {100, 300}, 12}},
                       {Text{QStringLiteral("Third page"), {300, 700}, 12}}});
        }
        return file;
    }

private Q_SLOTS:
    void pdfWordsAndBoxes_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<QString>("word");
        QTest::addColumn<QPointF>("baseline"); // where the word's text was drawn
        QTest::addColumn<double>("size");
        QTest::newRow("title") << 0 << QStringLiteral("INVOICE") << QPointF(72, 100) << 20.0;
        QTest::newRow("label") << 0 << QStringLiteral("Invoice") << QPointF(72, 160) << 11.0;
        QTest::newRow("number") << 0 << QStringLiteral("INV-2024-0042") << QPointF(-1, 160) << 11.0;
        QTest::newRow("total label") << 0 << QStringLiteral("Total") << QPointF(72, 400) << 11.0;
        QTest::newRow("amount") << 0 << QStringLiteral("1,041.25") << QPointF(400, 400) << 11.0;
        QTest::newRow("page two") << 1 << QStringLiteral("Page") << QPointF(100, 300) << 12.0;
        QTest::newRow("page three") << 2 << QStringLiteral("Third") << QPointF(300, 700) << 12.0;
    }
    void pdfWordsAndBoxes()
    {
        QFETCH(int, page);
        QFETCH(QString, word);
        QFETCH(QPointF, baseline);
        QFETCH(double, size);
        auto doc = SourceDocument::open(makeInvoicePdf());
        QVERIFY2(doc.ok(), qPrintable(doc.error().message));
        QVERIFY(doc.value()->isPdf());
        QCOMPARE(doc.value()->pageCount(), 3);
        QCOMPARE(doc.value()->pageSize(page).toSize(), QSize(595, 842));
        const Page p = doc.value()->textLayer(page);
        QCOMPARE(p.number, page + 1);
        QCOMPARE(p.source, TextSource::TextLayer);
        const Word *w = findWord(p, word);
        QVERIFY2(w, qPrintable(p.text()));
        // The box sits on the baseline and reaches up by about the font size.
        QVERIFY2(std::abs(w->box.bottom() - baseline.y()) < 0.35 * size,
                 qPrintable(QStringLiteral("bottom %1").arg(w->box.bottom())));
        QVERIFY(w->box.top() < baseline.y() - 0.5 * size);
        QVERIFY(w->box.top() > baseline.y() - 1.3 * size);
        if (baseline.x() >= 0)
            QVERIFY2(std::abs(w->box.left() - baseline.x()) < 2.0,
                     qPrintable(QStringLiteral("left %1").arg(w->box.left())));
        // Width: about the advance of the characters (average glyph 0.45-0.75 em).
        QVERIFY(w->box.width() > 0.4 * size * word.size());
        QVERIFY(w->box.width() < 0.85 * size * word.size());
        QVERIFY(w->line >= 0);
        QVERIFY(w->block >= 0);
    }

    void pdfReadingOrder()
    {
        auto doc = SourceDocument::open(makeInvoicePdf());
        QVERIFY(doc.ok());
        const Page p = doc.value()->textLayer(0);
        QCOMPARE(p.text(),
                 QStringLiteral("INVOICE\nInvoice number: INV-2024-0042\nTotal due 1,041.25"));
        // Words of one line share a line index; lines go top to bottom.
        const Word *total = findWord(p, QStringLiteral("Total"));
        const Word *amount = findWord(p, QStringLiteral("1,041.25"));
        QVERIFY(total && amount);
        QCOMPARE(total->line, amount->line);
        QVERIFY(total->box.right() < amount->box.left());
        // Consecutive words of a line do not overlap and keep their order.
        const Word *number = findWord(p, QStringLiteral("number:"));
        const Word *inv = findWord(p, QStringLiteral("INV-2024-0042"));
        QVERIFY(number && inv);
        QVERIFY(number->box.right() <= inv->box.left() + 0.5);
    }

    void pdfPagesInAnyOrder()
    {
        // In order (read ahead), backwards, again, and closing while reading ahead.
        for (int round = 0; round < 3; ++round) {
            auto doc = SourceDocument::open(makeInvoicePdf());
            QVERIFY(doc.ok());
            const QList<int> order = round == 0   ? QList<int>{0, 1, 2}
                                     : round == 1 ? QList<int>{2, 1, 0, 0}
                                                  : QList<int>{0};
            for (int index : order) {
                const Page page = doc.value()->textLayer(index);
                QVERIFY(doc.value()->lastError().isNull());
                QCOMPARE(page.number, index + 1);
                const QString expected = index == 0   ? QStringLiteral("INVOICE")
                                         : index == 1 ? QStringLiteral("hello")
                                                      : QStringLiteral("Third");
                QVERIFY2(findWord(page, expected), qPrintable(page.text()));
            }
        }
        auto doc = SourceDocument::open(makeInvoicePdf());
        QVERIFY(doc.ok());
        QVERIFY(doc.value()->textLayer(5).words.isEmpty());
        QCOMPARE(doc.value()->lastError().code, QStringLiteral("page_out_of_range"));
    }

    void exactBoxesMatchTheDrawnText()
    {
        auto doc = SourceDocument::open(makeInvoicePdf());
        QVERIFY(doc.ok());
        const Page page = doc.value()->textLayer(0);
        QList<Word> asked{*findWord(page, QStringLiteral("1,041.25")),
                          *findWord(page, QStringLiteral("INV-2024-0042"))};
        Word missing;
        missing.text = QStringLiteral("nowhere");
        missing.box = QRectF(1, 2, 3, 4);
        asked.append(missing);
        const QList<QRectF> exact = doc.value()->exactBoxes(0, asked);
        QCOMPARE(exact.size(), 3);
        QVERIFY(std::abs(exact.at(0).left() - 400) < 2.0);
        QVERIFY(std::abs(exact.at(0).bottom() - 400) < 4.0);
        QVERIFY(exact.at(1).intersects(asked.at(1).box));
        QCOMPARE(exact.at(2), missing.box); // not found: unchanged
    }

    void pdfRenderIsOpaqueWhite()
    {
        auto doc = SourceDocument::open(makeInvoicePdf());
        QVERIFY(doc.ok());
        const QImage image = doc.value()->render(0, 100);
        QVERIFY(!image.isNull());
        QCOMPARE(image.format(), QImage::Format_RGB32);
        QVERIFY(!image.hasAlphaChannel());
        QCOMPARE(image.size(), QSize(qRound(595.0 * 100 / 72), qRound(842.0 * 100 / 72)));
        QCOMPARE(QColor(image.pixel(2, 2)), QColor(Qt::white));
        // The title's ink is dark.
        bool dark = false;
        for (int x = int(72 * 100 / 72.0); x < int(150 * 100 / 72.0) && !dark; ++x)
            dark = qGray(image.pixel(x, int(95 * 100 / 72.0))) < 100;
        QVERIFY(dark);
    }

    void pdfErrors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("code");
        QTest::newRow("garbage") << QByteArray("%PDF-1.7\n\x01\x02 this is not a pdf at all")
                                 << QStringLiteral("pdf_malformed");
        QTest::newRow("header only") << QByteArray("%PDF-1.4\n") << QStringLiteral("pdf_malformed");
        QTest::newRow("unknown") << QByteArray("just some words")
                                 << QStringLiteral("unsupported_format");
    }
    void pdfErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, code);
        const QString file =
            path(QStringLiteral("bad-%1.bin").arg(QString::fromLatin1(QTest::currentDataTag())));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        auto doc = SourceDocument::open(file);
        QVERIFY(!doc.ok());
        QCOMPARE(doc.error().code, code);
        QVERIFY(!doc.error().message.isEmpty());
    }

    void truncatedPdfIsMalformed()
    {
        QFile full(makeInvoicePdf());
        QVERIFY(full.open(QIODevice::ReadOnly));
        const QByteArray bytes = full.readAll();
        const QString file = path(QStringLiteral("truncated.pdf"));
        QFile cut(file);
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(bytes.left(bytes.size() / 3));
        cut.close();
        auto doc = SourceDocument::open(file);
        // pdfium may rebuild a damaged file; either way, no crash, and a clear code if not.
        if (!doc.ok())
            QCOMPARE(doc.error().code, QStringLiteral("pdf_malformed"));
        else
            for (int i = 0; i < doc.value()->pageCount(); ++i)
                doc.value()->textLayer(i);
    }

    void missingFile()
    {
        auto doc = SourceDocument::open(path(QStringLiteral("nope.pdf")));
        QVERIFY(!doc.ok());
        QCOMPARE(doc.error().code, QStringLiteral("file_not_found"));
    }

    void tooManyPages()
    {
        IngestLimits limits;
        limits.maxPages = 2;
        auto doc = SourceDocument::open(makeInvoicePdf(), limits);
        QVERIFY(!doc.ok());
        QCOMPARE(doc.error().code, QStringLiteral("too_many_pages"));
    }

    void encryptedPdf()
    {
        const QString qpdf = QStandardPaths::findExecutable(QStringLiteral("qpdf"));
        if (qpdf.isEmpty())
            QSKIP("qpdf is not installed (installer/install-deps.sh --test adds it)");
        const QString file = path(QStringLiteral("locked.pdf"));
        QProcess p;
        p.start(qpdf,
                {QStringLiteral("--encrypt"), QStringLiteral("s3cret"), QStringLiteral("owner"),
                 QStringLiteral("256"), QStringLiteral("--"), makeInvoicePdf(), file});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);

        auto noPassword = SourceDocument::open(file);
        QVERIFY(!noPassword.ok());
        QCOMPARE(noPassword.error().code, QStringLiteral("pdf_encrypted"));
        QVERIFY(noPassword.error().message.contains(QStringLiteral("password")));

        auto wrong = SourceDocument::open(file, {}, QStringLiteral("guess"));
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().code, QStringLiteral("pdf_encrypted"));
        QVERIFY(wrong.error().message.contains(QStringLiteral("wrong")));

        auto right = SourceDocument::open(file, {}, QStringLiteral("s3cret"));
        QVERIFY2(right.ok(), qPrintable(right.error().message));
        QVERIFY(findWord(right.value()->textLayer(0), QStringLiteral("INVOICE")));
    }

    void images_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("dpi"); // 0: none stored
        QTest::addColumn<double>("expectedDpi");
        QTest::newRow("png 150 dpi") << QStringLiteral("png") << 150 << 150.0;
        QTest::newRow("png no dpi") << QStringLiteral("png") << 0 << 300.0;
        QTest::newRow("jpeg 200 dpi") << QStringLiteral("jpg") << 200 << 200.0;
        QTest::newRow("tiff 300 dpi") << QStringLiteral("tif") << 300 << 300.0;
    }
    void images()
    {
        QFETCH(QString, format);
        QFETCH(int, dpi);
        QFETCH(double, expectedDpi);
        QImage image(600, 300, QImage::Format_RGB32);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            painter.fillRect(QRect(10, 10, 100, 50), Qt::black);
        }
        if (dpi > 0) {
            image.setDotsPerMeterX(qRound(dpi / 0.0254));
            image.setDotsPerMeterY(qRound(dpi / 0.0254));
        }
        const QString file = path(QStringLiteral("image-%1.%2")
                                      .arg(QString::fromLatin1(QTest::currentDataTag()), format));
        QImageWriter writer(file);
        if (!writer.canWrite())
            QSKIP(qPrintable(QStringLiteral("no image writer for %1").arg(format)));
        QVERIFY2(writer.write(image), qPrintable(writer.errorString()));

        auto doc = SourceDocument::open(file);
        QVERIFY2(doc.ok(), qPrintable(doc.error().message));
        QVERIFY(!doc.value()->isPdf());
        QCOMPARE(doc.value()->pageCount(), 1);
        const QSizeF size = doc.value()->pageSize(0);
        QVERIFY(std::abs(size.width() - 600 * 72 / expectedDpi) < 0.5);
        QVERIFY(std::abs(size.height() - 300 * 72 / expectedDpi) < 0.5);
        const Page page = doc.value()->textLayer(0);
        QCOMPARE(page.source, TextSource::None);
        QVERIFY(page.words.isEmpty());
        const QImage rendered = doc.value()->render(0, expectedDpi / 2);
        QCOMPARE(rendered.format(), QImage::Format_RGB32);
        QCOMPARE(rendered.size(), QSize(300, 150));
        QVERIFY(qGray(rendered.pixel(20, 15)) < 60);
        QVERIFY(qGray(rendered.pixel(200, 100)) > 200);
    }

    void transparentPngRendersOnWhite()
    {
        QImage image(40, 40, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        const QString file = path(QStringLiteral("alpha.png"));
        QVERIFY(image.save(file));
        auto doc = SourceDocument::open(file);
        QVERIFY(doc.ok());
        const QImage rendered = doc.value()->render(0, 300);
        QCOMPARE(QColor(rendered.pixel(5, 5)), QColor(Qt::white));
    }

    void multiFrameTiff()
    {
        QImage first(200, 100, QImage::Format_Grayscale8),
            second(100, 300, QImage::Format_Grayscale8);
        first.fill(255);
        second.fill(0);
        const QString file = path(QStringLiteral("two-frames.tif"));
        QVERIFY(fixtures::writeTiff(file, {first, second}, 200));
        auto doc = SourceDocument::open(file);
        QVERIFY2(doc.ok(), qPrintable(doc.error().message));
        QCOMPARE(doc.value()->pageCount(), 2);
        // dpi is stored as dots per metre, so allow for rounding.
        QVERIFY(std::abs(doc.value()->pageSize(0).width() - 72) < 0.01);
        QVERIFY(std::abs(doc.value()->pageSize(0).height() - 36) < 0.01);
        QVERIFY(std::abs(doc.value()->pageSize(1).width() - 36) < 0.01);
        QVERIFY(std::abs(doc.value()->pageSize(1).height() - 108) < 0.01);
        QCOMPARE(doc.value()->textLayer(1).number, 2);
        QVERIFY(qGray(doc.value()->render(1, 200).pixel(50, 50)) < 20);
    }

    void exifOrientationIsApplied()
    {
        QImage image(120, 60, QImage::Format_RGB32);
        image.fill(Qt::white);
        const QString file = path(QStringLiteral("rotated.jpg"));
        QImageWriter writer(file, "jpeg");
        if (!writer.supportsOption(QImageIOHandler::ImageTransformation))
            QSKIP("this Qt's JPEG writer cannot store an EXIF orientation");
        writer.setTransformation(QImageIOHandler::TransformationRotate90);
        QVERIFY(writer.write(image));
        auto doc = SourceDocument::open(file);
        QVERIFY(doc.ok());
        const QSizeF size = doc.value()->pageSize(0);
        QVERIFY2(size.height() > size.width(), "the page is upright as the EXIF tag says");
    }

    void imageAboveThePixelLimitIsRefused()
    {
        QImage image(400, 400, QImage::Format_RGB32);
        image.fill(Qt::gray);
        const QString file = path(QStringLiteral("large.png"));
        QVERIFY(image.save(file));
        IngestLimits limits;
        limits.maxImagePixels = 100 * 100;
        auto doc = SourceDocument::open(file, limits);
        QVERIFY(!doc.ok());
        QCOMPARE(doc.error().code, QStringLiteral("file_too_large"));
    }

    void corruptImage()
    {
        const QString file = path(QStringLiteral("broken.png"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR garbage follows", 30));
        f.close();
        auto doc = SourceDocument::open(file);
        QVERIFY(!doc.ok());
        QCOMPARE(doc.error().code, QStringLiteral("image_unreadable"));
    }

    void parseGuardAbandonsOverrunningWork()
    {
        ParseGuard::Outcome outcome = ParseGuard::Outcome::Finished;
        auto slow = ParseGuard::run(
            [] {
                std::this_thread::sleep_for(std::chrono::milliseconds(1500));
                return 1;
            },
            50, &outcome);
        QVERIFY(!slow.has_value());
        QCOMPARE(outcome, ParseGuard::Outcome::TimedOut);
        QVERIFY(ParseGuard::abandonedTasks() >= 1);
        auto quick = ParseGuard::run([] { return 7; }, 5000, &outcome);
        QCOMPARE(quick.value_or(0), 7);
        QCOMPARE(outcome, ParseGuard::Outcome::Finished);
        QTRY_COMPARE_WITH_TIMEOUT(ParseGuard::abandonedTasks(), 0, 10000);
    }
};

QTEST_MAIN(TestSourceDocument)
#include "test_source_document.moc"
