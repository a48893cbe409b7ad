// The headless commands as a user runs them: `docket process --json` on generated PDFs and
// images, the JSON contract of DESIGN.md, exit codes, duplicates and bad input.
#include "fixtures/Fixtures.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace docket::test;

namespace {

struct Run
{
    int exitCode = -1;
    QList<QJsonObject> lines;
    QString stdoutText;
    QString stderrText;
};

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    Run docket(const QStringList &args)
    {
        QProcess p;
        p.setProgram(QStringLiteral(DOCKET_BINARY));
        p.setArguments(args);
        p.start();
        Run run;
        if (!p.waitForFinished(300000)) {
            p.kill();
            return run;
        }
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        run.stdoutText = QString::fromUtf8(p.readAllStandardOutput());
        run.stderrText = QString::fromUtf8(p.readAllStandardError());
        for (const QString &line : run.stdoutText.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8());
            if (doc.isObject())
                run.lines.append(doc.object());
        }
        return run;
    }

    QStringList dbArgs() const
    {
        return {QStringLiteral("--db"), path(QStringLiteral("docket.sqlite")),
                QStringLiteral("--data"), path(QStringLiteral("data"))};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(
            writePdf(path(QStringLiteral("invoice.pdf")),
                     {invoicePage(QStringLiteral("Northwind Traders"), QStringLiteral("INV-4711"),
                                  QStringLiteral("2024-03-05"), QStringLiteral("1,041.25"))}));
        QDir().mkpath(path(QStringLiteral("folder/sub")));
        QVERIFY(writePdf(path(QStringLiteral("folder/two-pages.pdf")),
                         {invoicePage(QStringLiteral("Contoso GmbH"), QStringLiteral("2024-118"),
                                      QStringLiteral("12.04.2024"), QStringLiteral("250.00"),
                                      QStringLiteral("EUR")),
                          {{72, 72, QStringLiteral("Terms and conditions"), 12, false}}}));
        QVERIFY(renderScan(invoicePage(QStringLiteral("Fabrikam Supplies"), QStringLiteral("A-77"),
                                       QStringLiteral("2023-11-30"), QStringLiteral("99.90")))
                    .save(path(QStringLiteral("folder/sub/scan.png"))));
        QFile junk(path(QStringLiteral("folder/broken.pdf")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                   "trailer << /Root 1 0 R >>\n%%EOF\n garbage \x01\x02\x03");
        junk.close();
        QFile text(path(QStringLiteral("folder/notes.txt")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("not a document");
    }

    void versionAndHelp()
    {
        Run v = docket({QStringLiteral("--version")});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.stdoutText.startsWith(QStringLiteral("docket ")));
        Run h = docket({QStringLiteral("--help")});
        QCOMPARE(h.exitCode, 0);
        QVERIFY(h.stdoutText.contains(QStringLiteral("process")));
        Run ph = docket({QStringLiteral("process"), QStringLiteral("--help")});
        QCOMPARE(ph.exitCode, 0);
        QVERIFY(ph.stdoutText.contains(QStringLiteral("--engine")));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no paths") << QStringList{QStringLiteral("process")};
        QTest::newRow("bad engine")
            << QStringList{QStringLiteral("process"), QStringLiteral("--engine"),
                           QStringLiteral("magic"), QStringLiteral("x.pdf")};
        QTest::newRow("bad jobs") << QStringList{QStringLiteral("process"),
                                                 QStringLiteral("--jobs"), QStringLiteral("zero"),
                                                 QStringLiteral("x.pdf")};
        QTest::newRow("unknown option") << QStringList{
            QStringLiteral("process"), QStringLiteral("--frobnicate"), QStringLiteral("x.pdf")};
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        Run r = docket(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.stderrText.isEmpty());
    }

    void processesOnePdfAsJson()
    {
        Run r = docket(QStringList{QStringLiteral("process"), QStringLiteral("--json")} + dbArgs() +
                       QStringList{path(QStringLiteral("invoice.pdf"))});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.lines.size(), 1);
        const QJsonObject o = r.lines.first();
        for (const char *key :
             {"file", "sha256", "status", "document_type", "type_confidence", "pages", "fields",
              "line_items", "validation", "review", "usage", "timings_ms", "error"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QCOMPARE(o.value(QStringLiteral("sha256")).toString().size(), 64);
        QCOMPARE(o.value(QStringLiteral("pages")).toInt(), 1);
        QVERIFY(o.value(QStringLiteral("error")).isNull());
        const QString status = o.value(QStringLiteral("status")).toString();
        QVERIFY2(status == QLatin1String("needs_review") ||
                     status == QLatin1String("auto_approved"),
                 qPrintable(status));
        QCOMPARE(o.value(QStringLiteral("document_type")).toString(),
                 QStringLiteral("commercial_invoice"));
        const QJsonObject fields = o.value(QStringLiteral("fields")).toObject();
        const QJsonObject total = fields.value(QStringLiteral("total_amount")).toObject();
        QCOMPARE(total.value(QStringLiteral("value")).toString(), QStringLiteral("1041.25"));
        QCOMPARE(total.value(QStringLiteral("page")).toInt(), 1);
        QCOMPARE(total.value(QStringLiteral("source")).toString(), QStringLiteral("text_layer"));
        QCOMPARE(total.value(QStringLiteral("bbox")).toArray().size(), 4);
        QCOMPARE(fields.value(QStringLiteral("invoice_number"))
                     .toObject()
                     .value(QStringLiteral("value"))
                     .toString(),
                 QStringLiteral("INV-4711"));
        QCOMPARE(fields.value(QStringLiteral("invoice_date"))
                     .toObject()
                     .value(QStringLiteral("value"))
                     .toString(),
                 QStringLiteral("2024-03-05"));
        const QJsonObject review = o.value(QStringLiteral("review")).toObject();
        QVERIFY(review.contains(QStringLiteral("required")));
        QVERIFY(review.contains(QStringLiteral("priority")));
        QVERIFY(review.value(QStringLiteral("reasons")).isArray());
        QCOMPARE(
            o.value(QStringLiteral("usage")).toObject().value(QStringLiteral("requests")).toInt(),
            0);
    }

    void sameFileTwiceIsRecognised()
    {
        Run r = docket(QStringList{QStringLiteral("process"), QStringLiteral("--json")} + dbArgs() +
                       QStringList{path(QStringLiteral("invoice.pdf"))});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.lines.size(), 1);
        QCOMPARE(r.lines.first().value(QStringLiteral("duplicate")).toBool(), true);
        QCOMPARE(r.lines.first()
                     .value(QStringLiteral("fields"))
                     .toObject()
                     .value(QStringLiteral("total_amount"))
                     .toObject()
                     .value(QStringLiteral("value"))
                     .toString(),
                 QStringLiteral("1041.25"));
    }

    void folderWithScanAndBrokenFile()
    {
        Run r = docket(QStringList{QStringLiteral("process"), QStringLiteral("--json"),
                                   QStringLiteral("--jobs"), QStringLiteral("2")} +
                       dbArgs() + QStringList{path(QStringLiteral("folder"))});
        QCOMPARE(r.exitCode, 1);     // the broken PDF failed
        QCOMPARE(r.lines.size(), 3); // the .txt file in a folder is not a document
        QMap<QString, QJsonObject> byName;
        for (const QJsonObject &o : r.lines)
            byName.insert(QFileInfo(o.value(QStringLiteral("file")).toString()).fileName(), o);
        const QJsonObject broken = byName.value(QStringLiteral("broken.pdf"));
        QCOMPARE(broken.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        const QJsonObject error = broken.value(QStringLiteral("error")).toObject();
        QVERIFY(!error.value(QStringLiteral("code")).toString().isEmpty());
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());

        const QJsonObject two = byName.value(QStringLiteral("two-pages.pdf"));
        QCOMPARE(two.value(QStringLiteral("pages")).toInt(), 2);
        QCOMPARE(two.value(QStringLiteral("fields"))
                     .toObject()
                     .value(QStringLiteral("invoice_date"))
                     .toObject()
                     .value(QStringLiteral("value"))
                     .toString(),
                 QStringLiteral("2024-04-12"));

        const QJsonObject scan = byName.value(QStringLiteral("scan.png"));
        QVERIFY2(scan.value(QStringLiteral("status")).toString() != QLatin1String("failed"),
                 QJsonDocument(scan).toJson().constData());
        const QJsonObject scanTotal = scan.value(QStringLiteral("fields"))
                                          .toObject()
                                          .value(QStringLiteral("total_amount"))
                                          .toObject();
        QCOMPARE(scanTotal.value(QStringLiteral("source")).toString(), QStringLiteral("ocr"));
        QCOMPARE(scanTotal.value(QStringLiteral("value")).toString(), QStringLiteral("99.90"));
    }

    void missingFileFailsClearly()
    {
        Run r = docket(QStringList{QStringLiteral("process"), QStringLiteral("--json")} + dbArgs() +
                       QStringList{path(QStringLiteral("does-not-exist.pdf"))});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.lines.size(), 1);
        QCOMPARE(r.lines.first().value(QStringLiteral("status")).toString(),
                 QStringLiteral("failed"));
        QCOMPARE(r.lines.first()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
                 QStringLiteral("file_not_found"));
    }

    void importQueuesWithoutProcessing()
    {
        QVERIFY(writePdf(path(QStringLiteral("queued.pdf")),
                         {invoicePage(QStringLiteral("Queued Co"), QStringLiteral("Q-1"),
                                      QStringLiteral("2024-01-02"), QStringLiteral("10.00"))}));
        Run r = docket(QStringList{QStringLiteral("import")} + dbArgs() +
                       QStringList{path(QStringLiteral("queued.pdf"))});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.stdoutText.contains(QStringLiteral("queued")));
        Run again = docket(QStringList{QStringLiteral("import")} + dbArgs() +
                           QStringList{path(QStringLiteral("queued.pdf"))});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.stdoutText.contains(QStringLiteral("already imported")));
    }
};

QTEST_MAIN(TestCli)
#include "test_cli.moc"
