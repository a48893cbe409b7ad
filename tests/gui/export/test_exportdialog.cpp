// File > Export on a real SQLite database of generated documents: the dialog counts what
// its filters select, exports off the GUI thread, writes exactly the files `docket export
// --output` writes (Exporter::write), says where, remembers the folder, and on an error
// shows it and leaves nothing half-written.
#include "pipeline/Exporter.h"
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/ExtractionRepository.h"
#include "storage/ReviewRepository.h"
#include "translations/Translations.h"
#include "ui/Banner.h"
#include "ui/ExportDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDateEdit>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace docket;

namespace {

constexpr int kTimeoutMs = 30000;

struct Generated
{
    QString type;
    QString number;
    QString seller;
    QString total;
    int rows = 0;
    bool approve = true;
};

Field field(const QString &name, const QString &value)
{
    Field f;
    f.name = name;
    f.value = value;
    f.raw = value;
    f.confidence = 0.97;
    f.page = 1;
    f.bbox = QRectF(72, 100, 120, 12);
    f.source = QStringLiteral("text_layer");
    return f;
}

// Inserts a processed document and, when asked, approves it as reviewer "alice".
bool addDocument(Database &db, const Generated &g)
{
    Document doc;
    doc.fileName = g.number + QStringLiteral(".pdf");
    doc.originalPath = QStringLiteral("in/") + doc.fileName;
    doc.sha256 = QString::fromLatin1(
        QCryptographicHash::hash(g.number.toUtf8(), QCryptographicHash::Sha256).toHex());
    doc.mimeType = QStringLiteral("application/pdf");
    doc.pageCount = 1;
    auto stored = DocumentRepository(db).insertOrFind(doc);
    if (!stored)
        return false;
    ProcessingResult r;
    r.file = doc.originalPath;
    r.document = stored.value();
    r.extraction.documentType = g.type;
    r.extraction.typeConfidence = 0.9;
    const bool receipt = g.type == QLatin1String("receipt");
    for (const Field &f :
         {field(receipt ? QStringLiteral("receipt_number") : QStringLiteral("invoice_number"),
                g.number),
          field(QStringLiteral("seller_name"), g.seller),
          field(QStringLiteral("total_amount"), g.total),
          field(QStringLiteral("currency"), QStringLiteral("EUR"))})
        r.extraction.fields.insert(f.name, f);
    for (int i = 0; i < g.rows; ++i) {
        LineItem item;
        item.cells.insert(
            QStringLiteral("description"),
            field(QStringLiteral("description"), QStringLiteral("Item %1, \"large\"").arg(i + 1)));
        item.cells.insert(QStringLiteral("amount"),
                          field(QStringLiteral("amount"), QStringLiteral("%1.00").arg(i + 10)));
        r.extraction.lineItems.append(item);
    }
    r.review.required = true;
    if (!ExtractionRepository(db).saveResult(stored.value().id, r))
        return false;
    if (!g.approve)
        return true;
    auto current = DocumentRepository(db).get(stored.value().id);
    return current && ReviewRepository(db).approve(current.value().id, current.value().version,
                                                   QStringLiteral("alice"));
}

// With DOCKET_TEST_SCREENSHOTS set to a folder, saves what the dialog looks like there.
void screenshot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("DOCKET_TEST_SCREENSHOTS");
    if (!folder.isEmpty())
        widget->grab().save(QDir(folder).filePath(name + QStringLiteral(".png")));
}

// Stands in for the desktop's file manager (QDesktopServices::setUrlHandler).
class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> opened;

public Q_SLOTS:
    void open(const QUrl &url) { opened.append(url); }
};

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestExportDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_url;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // What `docket export` writes for these options (the same Exporter::write).
    QStringList expectedFiles(const ExportOptions &options, Exporter::Format format,
                              const QString &target)
    {
        auto db = Database::open(m_url);
        if (!db)
            return {};
        auto records = Exporter(*db.value()).load(options);
        if (!records)
            return {};
        auto written = Exporter::write(records.value(), format, options.lineItems, target);
        return written ? written.value() : QStringList();
    }

    static void choose(QComboBox *combo, const QString &data)
    {
        const int index = combo->findData(data);
        QVERIFY2(index >= 0, qPrintable(data));
        combo->setCurrentIndex(index);
    }

    // Runs the export with the Export button and waits for it to end.
    static bool exportWith(ExportDialog &dialog)
    {
        QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
        auto *button = dialog.findChild<QPushButton *>(QStringLiteral("exportButton"));
        if (!button || !button->isEnabled())
            return false;
        QTest::mouseClick(button, Qt::LeftButton);
        return finished.wait(kTimeoutMs) && finished.constFirst().at(0).toBool();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("DocketTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_exportdialog"));
        QVERIFY(m_dir.isValid());
        Translations::install(qApp); // the locale's language, as the application does
        m_url = path(QStringLiteral("docket.sqlite"));
        auto db = Database::open(m_url);
        QVERIFY2(db, qPrintable(db.error().message));
        const QList<Generated> documents{
            {QStringLiteral("commercial_invoice"), QStringLiteral("INV-1"),
             QStringLiteral("Smith, Jones & Co"), QStringLiteral("1041.25"), 3, true},
            {QStringLiteral("commercial_invoice"), QStringLiteral("INV-2"),
             QStringLiteral("Northwind"), QStringLiteral("20.00"), 2, true},
            {QStringLiteral("commercial_invoice"), QStringLiteral("INV-3"),
             QStringLiteral("Contoso"), QStringLiteral("5.50"), 0, true},
            {QStringLiteral("receipt"), QStringLiteral("R-9"), QStringLiteral("Corner Shop"),
             QStringLiteral("7.10"), 1, true},
            {QStringLiteral("commercial_invoice"), QStringLiteral("INV-4"),
             QStringLiteral("Pending Ltd"), QStringLiteral("99.00"), 1, false},
        };
        for (const Generated &g : documents)
            QVERIFY2(addDocument(*db.value(), g), qPrintable(g.number));
    }

    void preview_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("type");
        // approved from N days ago, for 30 days (0: today only); -1: any time
        QTest::addColumn<int>("daysBack");
        QTest::addColumn<int>("expected");
        const QString approved = QStringLiteral("approved");
        const QString invoice = QStringLiteral("commercial_invoice");
        QTest::newRow("approved") << approved << QString() << -1 << 4;
        QTest::newRow("invoices") << approved << invoice << -1 << 3;
        QTest::newRow("receipts") << approved << QStringLiteral("receipt") << -1 << 1;
        QTest::newRow("awaiting review") << QStringLiteral("needs_review") << QString() << -1 << 1;
        QTest::newRow("all") << QStringLiteral("all") << QString() << -1 << 5;
        QTest::newRow("approved today") << approved << QString() << 0 << 4;
        QTest::newRow("approved a year ago") << approved << QString() << 400 << 0;
    }

    void preview()
    {
        QFETCH(QString, status);
        QFETCH(QString, type);
        QFETCH(int, daysBack);
        QFETCH(int, expected);
        ExportDialog dialog(m_url);
        dialog.show();
        choose(dialog.findChild<QComboBox *>(QStringLiteral("statusCombo")), status);
        choose(dialog.findChild<QComboBox *>(QStringLiteral("typeCombo")), type);
        if (daysBack >= 0) {
            auto *check = dialog.findChild<QCheckBox *>(QStringLiteral("dateCheck"));
            QVERIFY(check->isEnabled());
            check->setChecked(true);
            const QDate today = QDate::currentDate();
            dialog.findChild<QDateEdit *>(QStringLiteral("fromEdit"))
                ->setDate(today.addDays(-daysBack));
            dialog.findChild<QDateEdit *>(QStringLiteral("toEdit"))
                ->setDate(daysBack > 0 ? today.addDays(-daysBack + 30) : today);
        }
        QTRY_COMPARE_WITH_TIMEOUT(dialog.previewCount(), expected, kTimeoutMs);
        const auto *label = dialog.findChild<QLabel *>(QStringLiteral("previewLabel"));
        QVERIFY(expected == 0 || label->text().contains(QString::number(expected)));
        QCOMPARE(dialog.findChild<QPushButton *>(QStringLiteral("exportButton"))->isEnabled(),
                 expected > 0);
    }

    void exportsCsvLikeTheCommand()
    {
        ExportDialog dialog(m_url);
        dialog.show();
        choose(dialog.findChild<QComboBox *>(QStringLiteral("formatCombo")), QStringLiteral("csv"));
        dialog.findChild<QCheckBox *>(QStringLiteral("lineItemsCheck"))->setChecked(true);
        const QString target = path(QStringLiteral("out/approved.csv"));
        QVERIFY(QDir().mkpath(path(QStringLiteral("out"))));
        dialog.setDestination(target);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.previewCount(), 4, kTimeoutMs);
        screenshot(&dialog, QStringLiteral("export-dialog"));
        QVERIFY(exportWith(dialog));
        QCOMPARE(dialog.writtenFiles(),
                 QStringList({target, path(QStringLiteral("out/approved-line_items.csv"))}));
        const auto *banner = dialog.findChild<Banner *>(QStringLiteral("exportBanner"));
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->kind(), Banner::Kind::Info);
        QVERIFY(banner->text().contains(QStringLiteral("4")));
        QVERIFY(banner->text().contains(QDir::toNativeSeparators(target)));
        QVERIFY(banner->findChild<QPushButton *>(QStringLiteral("bannerAction"))->isVisible());
        screenshot(&dialog, QStringLiteral("export-csv"));
        UrlCatcher files;
        QDesktopServices::setUrlHandler(QStringLiteral("file"), &files, "open");
        QTest::mouseClick(banner->findChild<QPushButton *>(QStringLiteral("bannerAction")),
                          Qt::LeftButton);
        QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
        QCOMPARE(files.opened, QList<QUrl>{QUrl::fromLocalFile(QFileInfo(target).absolutePath())});

        // One row per approved document, one per line item, quoted where needed.
        const QByteArray documents = readFile(target);
        const QByteArray items = readFile(dialog.writtenFiles().at(1));
        QCOMPARE(documents.count("\r\n"), 1 + 4);
        QCOMPARE(items.count("\r\n"), 1 + 3 + 2 + 0 + 1);
        QVERIFY(documents.startsWith("file,sha256,document_type,status,"));
        QVERIFY(documents.contains("\"Smith, Jones & Co\""));
        QVERIFY(!documents.contains("Pending Ltd"));
        QVERIFY(items.contains("\"Item 1, \"\"large\"\"\""));

        // Byte for byte what `docket export --format csv --output FILE` writes.
        ExportOptions options;
        const QStringList expected =
            expectedFiles(options, Exporter::Format::Csv, path(QStringLiteral("cli.csv")));
        QCOMPARE(expected.size(), 2);
        QCOMPARE(documents, readFile(expected.at(0)));
        QCOMPARE(items, readFile(expected.at(1)));
    }

    void exportsJsonWithFilters()
    {
        ExportDialog dialog(m_url);
        dialog.show();
        choose(dialog.findChild<QComboBox *>(QStringLiteral("formatCombo")),
               QStringLiteral("json"));
        choose(dialog.findChild<QComboBox *>(QStringLiteral("typeCombo")),
               QStringLiteral("commercial_invoice"));
        dialog.findChild<QCheckBox *>(QStringLiteral("lineItemsCheck"))->setChecked(false);
        const QString target = path(QStringLiteral("invoices.json"));
        dialog.setDestination(target);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.previewCount(), 3, kTimeoutMs);
        QVERIFY(exportWith(dialog));
        QCOMPARE(dialog.writtenFiles(), QStringList{target});

        const QJsonArray array = QJsonDocument::fromJson(readFile(target)).array();
        QCOMPARE(array.size(), 3);
        QStringList numbers;
        for (const QJsonValue &v : array) {
            const QJsonObject o = v.toObject();
            QCOMPARE(o.value(QStringLiteral("document_type")).toString(),
                     QStringLiteral("commercial_invoice"));
            QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
            QVERIFY(!o.contains(QStringLiteral("line_items")));
            QCOMPARE(o.value(QStringLiteral("review"))[QStringLiteral("reviewer")].toString(),
                     QStringLiteral("alice"));
            const QJsonObject fields = o.value(QStringLiteral("fields")).toObject();
            numbers << fields.value(QStringLiteral("invoice_number"))[QStringLiteral("value")]
                           .toString();
            QVERIFY(fields.value(QStringLiteral("total_amount"))[QStringLiteral("bbox")].isArray());
        }
        numbers.sort();
        QCOMPARE(numbers, QStringList({QStringLiteral("INV-1"), QStringLiteral("INV-2"),
                                       QStringLiteral("INV-3")}));

        ExportOptions options;
        options.documentType = QStringLiteral("commercial_invoice");
        options.lineItems = false;
        const QStringList expected =
            expectedFiles(options, Exporter::Format::Json, path(QStringLiteral("cli.json")));
        QCOMPARE(readFile(target), readFile(expected.value(0)));
    }

    void remembersFolderAndFormat()
    {
        // The last successful export (JSON into the temporary folder) is the next default.
        ExportDialog dialog(m_url);
        QCOMPARE(dialog.format(), Exporter::Format::Json);
        QCOMPARE(QFileInfo(dialog.destination()).absolutePath(),
                 QFileInfo(path(QStringLiteral("invoices.json"))).absolutePath());
        QVERIFY(dialog.destination().endsWith(QLatin1String(".json")));
        // Switching the format keeps the destination's suffix in step.
        choose(dialog.findChild<QComboBox *>(QStringLiteral("formatCombo")), QStringLiteral("csv"));
        QVERIFY(dialog.destination().endsWith(QLatin1String(".csv")));
    }

    void errorWritesNothing()
    {
        // A destination inside a regular file: no folder can be made there.
        QFile blocker(path(QStringLiteral("blocker")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        ExportDialog dialog(m_url);
        dialog.show();
        choose(dialog.findChild<QComboBox *>(QStringLiteral("formatCombo")), QStringLiteral("csv"));
        const QString target = path(QStringLiteral("blocker/out.csv"));
        dialog.setDestination(target);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.previewCount(), 4, kTimeoutMs);
        QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
        QVERIFY(dialog.startExport());
        QVERIFY(finished.wait(kTimeoutMs));
        QCOMPARE(finished.constFirst().at(0).toBool(), false);
        const auto *banner = dialog.findChild<Banner *>(QStringLiteral("exportBanner"));
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->kind(), Banner::Kind::Error);
        QVERIFY(banner->text().contains(QDir::toNativeSeparators(target)));
        QVERIFY(dialog.writtenFiles().isEmpty());
        QVERIFY(!QFile::exists(target));
        screenshot(&dialog, QStringLiteral("export-error"));
        QVERIFY(!dialog.isExporting());
    }

    void stopIsHonoured()
    {
        // The export's loop stops when its progress callback says so; nothing is returned.
        auto db = Database::open(m_url);
        QVERIFY(db);
        int calls = 0;
        auto records =
            Exporter(*db.value()).load(ExportOptions(), [&](int, int) { return ++calls < 3; });
        QVERIFY(!records);
        QCOMPARE(records.error().code, QStringLiteral("cancelled"));
    }
};

QTEST_MAIN(TestExportDialog)
#include "test_exportdialog.moc"
