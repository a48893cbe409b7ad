// `docket export`: approved documents with their (corrected) fields and line items
// round-trip through JSON and RFC 4180 CSV, against a real PostgreSQL.
#include "fixtures/Fixtures.h"
#include "pipeline/Exporter.h"
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/ExtractionRepository.h"
#include "storage/ReviewRepository.h"
#include "support/PostgresServer.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace docket;
using namespace docket::test;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run runDocket(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(DOCKET_BINARY), args);
    Run run;
    if (!p.waitForFinished(300000)) {
        p.kill();
        p.waitForFinished();
        return run;
    }
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = p.readAllStandardOutput();
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

// An independent RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF line ends.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool any = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            quoted = true;
            any = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
            any = true;
        } else if (c == QLatin1Char('\r')) {
            continue;
        } else if (c == QLatin1Char('\n')) {
            row << field;
            rows << row;
            row.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (any)
        rows << (row << field);
    return rows;
}

QMap<QString, QString> rowMap(const QStringList &header, const QStringList &row)
{
    QMap<QString, QString> m;
    for (int i = 0; i < header.size() && i < row.size(); ++i)
        m.insert(header.at(i), row.at(i));
    return m;
}

const QString kTricky = QStringLiteral("Smith, \"Jones\" & Co\nLtd");

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private:
    PostgresServer m_pg;
    QTemporaryDir m_dir;
    QString m_url;
    // sha256 -> the stored extraction, read independently of the exporter
    QMap<QString, Extraction> m_expected;
    QMap<QString, QString> m_status;

    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_pg.start(), qPrintable(m_pg.errorString()));
        m_url = m_pg.createDatabase();
        QVERIFY(!m_url.isEmpty());
        const QString in = path(QStringLiteral("in"));
        QVERIFY(QDir().mkpath(in));
        for (int i = 0; i < 4; ++i)
            QVERIFY(writePdf(QDir(in).filePath(QStringLiteral("inv-%1.pdf").arg(i)),
                             {invoicePage(QStringLiteral("Export Vendor %1").arg(i),
                                          QStringLiteral("EX-%1").arg(100 + i),
                                          QStringLiteral("2024-06-1%1").arg(i),
                                          QStringLiteral("%1.40").arg(300 + i))}));
        const Run processed = runDocket({QStringLiteral("process"), QStringLiteral("--db"), m_url,
                                         QStringLiteral("--data"), path(QStringLiteral("data")),
                                         QStringLiteral("--jobs"), QStringLiteral("1"), in});
        QVERIFY2(processed.exitCode == 0, qPrintable(processed.err));

        // Reviewers: correct a value with every CSV special character, approve three of the
        // four; the fourth stays as the pipeline left it (needs_review or auto_approved).
        auto db = Database::open(m_url);
        QVERIFY(db);
        DocumentRepository documents(*db.value());
        ReviewRepository reviews(*db.value());
        ExtractionRepository extractions(*db.value());
        auto all = documents.list({}, 0, 100);
        QVERIFY(all);
        QCOMPARE(all.value().size(), 4);
        std::sort(all.value().begin(), all.value().end(),
                  [](const Document &a, const Document &b) { return a.fileName < b.fileName; });
        for (int i = 0; i < 3; ++i) {
            const Document &doc = all.value().at(i);
            Correction c;
            c.documentId = doc.id;
            c.field = QStringLiteral("seller_name");
            c.after = i == 0 ? kTricky : QStringLiteral("Corrected Seller %1").arg(i);
            c.reviewer = QStringLiteral("reviewer-%1").arg(i);
            Field f;
            f.name = c.field;
            f.value = c.after;
            QVERIFY(reviews.saveCorrection(c, f));
            const int version = documents.get(doc.id).value().version;
            QVERIFY(reviews.approve(doc.id, version, c.reviewer));
        }
        auto after = documents.list({}, 0, 100);
        QVERIFY(after);
        for (const Document &doc : after.value()) {
            auto e = extractions.latest(doc.id);
            QVERIFY(e);
            m_expected.insert(doc.sha256, e.value());
            m_status.insert(doc.sha256, statusName(doc.status));
        }
    }

    void csvField_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("abc") << QStringLiteral("abc");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
        QTest::newRow("quote") << QStringLiteral("5\" bolt") << QStringLiteral("\"5\"\" bolt\"");
        QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
        QTest::newRow("cr") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
    }

    void csvField()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(Exporter::csvField(text), expected);
        QCOMPARE(parseCsv(Exporter::csvField(text) + QStringLiteral("\r\n")).value(0).value(0),
                 text);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no format") << QStringList{QStringLiteral("export")};
        QTest::newRow("bad format") << QStringList{
            QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("xml")};
        QTest::newRow("bad status") << QStringList{
            QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv"),
            QStringLiteral("--status"), QStringLiteral("maybe")};
        QTest::newRow("bad date") << QStringList{
            QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv"),
            QStringLiteral("--approved-from"), QStringLiteral("31.12.2024")};
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QCOMPARE(runDocket(args).exitCode, 2);
    }

    void jsonRoundTrip_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QStringList>("statuses");
        QTest::newRow("approved") << QStringLiteral("approved")
                                  << QStringList{QStringLiteral("approved"),
                                                 QStringLiteral("auto_approved")};
        QTest::newRow("needs_review")
            << QStringLiteral("needs_review") << QStringList{QStringLiteral("needs_review")};
        QTest::newRow("all") << QStringLiteral("all") << QStringList();
    }

    void jsonRoundTrip()
    {
        QFETCH(QString, status);
        QFETCH(QStringList, statuses);
        const Run run = runDocket({QStringLiteral("export"), QStringLiteral("--db"), m_url,
                                   QStringLiteral("--format"), QStringLiteral("json"),
                                   QStringLiteral("--status"), status});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
        QVERIFY2(doc.isArray(), qPrintable(error.errorString()));
        int expectedCount = 0;
        for (const QString &s : std::as_const(m_status))
            expectedCount += statuses.isEmpty() || statuses.contains(s);
        QCOMPARE(doc.array().size(), expectedCount);
        for (const QJsonValue &v : doc.array()) {
            const QJsonObject o = v.toObject();
            const QString sha = o.value(QStringLiteral("sha256")).toString();
            QVERIFY(m_expected.contains(sha));
            QCOMPARE(o.value(QStringLiteral("status")).toString(), m_status.value(sha));
            const Extraction &e = m_expected.value(sha);
            QCOMPARE(o.value(QStringLiteral("document_type")).toString(), e.documentType);
            const QJsonObject fields = o.value(QStringLiteral("fields")).toObject();
            int nonEmpty = 0;
            for (auto it = e.fields.cbegin(); it != e.fields.cend(); ++it) {
                if (it->value.isEmpty())
                    continue;
                ++nonEmpty;
                QCOMPARE(
                    fields.value(it.key()).toObject().value(QStringLiteral("value")).toString(),
                    it->value);
            }
            QCOMPARE(fields.size(), nonEmpty);
            const QJsonArray rows = o.value(e.tableName).toArray();
            QCOMPARE(rows.size(), e.lineItems.size());
            for (int i = 0; i < rows.size(); ++i)
                for (auto it = e.lineItems.at(i).cells.cbegin();
                     it != e.lineItems.at(i).cells.cend(); ++it)
                    if (!it->value.isEmpty())
                        QCOMPARE(rows.at(i)
                                     .toObject()
                                     .value(it.key())
                                     .toObject()
                                     .value(QStringLiteral("value"))
                                     .toString(),
                                 it->value);
            if (m_status.value(sha) == QLatin1String("approved"))
                QVERIFY(o.value(QStringLiteral("review"))
                            .toObject()
                            .value(QStringLiteral("reviewer"))
                            .toString()
                            .startsWith(QStringLiteral("reviewer-")));
        }
        if (status == QLatin1String("approved"))
            QVERIFY(run.out.contains("Jones"));
    }

    void csvRoundTrip()
    {
        const QString out = path(QStringLiteral("approved.csv"));
        const Run run = runDocket({QStringLiteral("export"), QStringLiteral("--db"), m_url,
                                   QStringLiteral("--format"), QStringLiteral("csv"),
                                   QStringLiteral("--output"), out});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(file.readAll()));
        QVERIFY(rows.size() >= 2);
        const QStringList header = rows.first();
        for (const char *column : {"file", "sha256", "document_type", "status", "reviewer",
                                   "invoice_number", "total_amount", "seller_name"})
            QVERIFY2(header.contains(QLatin1String(column)), column);
        QVERIFY(!header.contains(QStringLiteral("line_items"))); // in their own file
        int approved = 0;
        int lineItems = 0;
        bool sawTricky = false;
        for (int r = 1; r < rows.size(); ++r) {
            QCOMPARE(rows.at(r).size(), header.size());
            const auto m = rowMap(header, rows.at(r));
            const QString sha = m.value(QStringLiteral("sha256"));
            QVERIFY(m_expected.contains(sha));
            const QString status = m.value(QStringLiteral("status"));
            QVERIFY(status == QLatin1String("approved") ||
                    status == QLatin1String("auto_approved"));
            approved += status == QLatin1String("approved");
            const Extraction &e = m_expected.value(sha);
            for (auto it = e.fields.cbegin(); it != e.fields.cend(); ++it)
                if (header.contains(it.key()))
                    QCOMPARE(m.value(it.key()), it->value);
            sawTricky |= m.value(QStringLiteral("seller_name")) == kTricky;
            lineItems += e.lineItems.size();
        }
        QCOMPARE(approved, 3);
        QVERIFY(sawTricky);

        QFile items(path(QStringLiteral("approved-line_items.csv")));
        QVERIFY(items.open(QIODevice::ReadOnly));
        const QList<QStringList> itemRows = parseCsv(QString::fromUtf8(items.readAll()));
        QVERIFY(!itemRows.isEmpty());
        QCOMPARE(itemRows.size() - 1, lineItems);
        const QStringList itemHeader = itemRows.first();
        for (int r = 1; r < itemRows.size(); ++r) {
            const auto m = rowMap(itemHeader, itemRows.at(r));
            const Extraction &e = m_expected.value(m.value(QStringLiteral("sha256")));
            const int index = m.value(QStringLiteral("row")).toInt() - 1;
            QVERIFY(index >= 0 && index < e.lineItems.size());
            for (auto it = e.lineItems.at(index).cells.cbegin();
                 it != e.lineItems.at(index).cells.cend(); ++it)
                QCOMPARE(m.value(it.key()), it->value);
        }
    }

    void csvToStandardOutputKeepsLineItemsAsJson()
    {
        const Run run = runDocket({QStringLiteral("export"), QStringLiteral("--db"), m_url,
                                   QStringLiteral("--format"), QStringLiteral("csv"),
                                   QStringLiteral("--status"), QStringLiteral("all")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(run.out));
        QCOMPARE(rows.size(), 1 + m_expected.size());
        const QStringList header = rows.first();
        QVERIFY(header.contains(QStringLiteral("line_items")));
        for (int r = 1; r < rows.size(); ++r) {
            const auto m = rowMap(header, rows.at(r));
            const Extraction &e = m_expected.value(m.value(QStringLiteral("sha256")));
            const QString cell = m.value(QStringLiteral("line_items"));
            if (e.lineItems.isEmpty()) {
                QVERIFY(cell.isEmpty());
                continue;
            }
            const QJsonArray items = QJsonDocument::fromJson(cell.toUtf8()).array();
            QCOMPARE(items.size(), e.lineItems.size());
            for (int i = 0; i < items.size(); ++i)
                for (auto it = e.lineItems.at(i).cells.cbegin();
                     it != e.lineItems.at(i).cells.cend(); ++it)
                    if (!it->value.isEmpty())
                        QCOMPARE(items.at(i).toObject().value(it.key()).toString(), it->value);
        }
    }

    // The filters of File > Export on the command line: type, approval days, line items.
    void filters_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("count"); // -1: as many as approved
        QTest::addColumn<bool>("lineItems");
        const QString today = QDate::currentDate().toString(Qt::ISODate);
        const QString tomorrow = QDate::currentDate().addDays(1).toString(Qt::ISODate);
        QTest::newRow("type") << QStringList{QStringLiteral("--type"),
                                             QStringLiteral("commercial_invoice")}
                              << -1 << true;
        QTest::newRow("other type")
            << QStringList{QStringLiteral("--type"), QStringLiteral("packing_list")} << 0 << true;
        QTest::newRow("approved up to today")
            << QStringList{QStringLiteral("--approved-to"), today} << -1 << true;
        QTest::newRow("approved from tomorrow")
            << QStringList{QStringLiteral("--approved-from"), tomorrow} << 0 << true;
        QTest::newRow("no line items")
            << QStringList{QStringLiteral("--no-line-items")} << -1 << false;
    }

    void filters()
    {
        QFETCH(QStringList, args);
        QFETCH(int, count);
        QFETCH(bool, lineItems);
        int approved = 0;
        for (const QString &s : std::as_const(m_status))
            approved += s == QLatin1String("approved") || s == QLatin1String("auto_approved");
        const Run run =
            runDocket(QStringList{QStringLiteral("export"), QStringLiteral("--db"), m_url,
                                  QStringLiteral("--format"), QStringLiteral("json")} +
                      args);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonArray array = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(array.size(), count < 0 ? approved : count);
        for (const QJsonValue &v : array)
            QCOMPARE(v.toObject().contains(QStringLiteral("line_items")), lineItems);
    }
};

QTEST_MAIN(TestExport)
#include "test_export.moc"
