// The reviewer's table edits in storage, on SQLite and on a real PostgreSQL: rows added at
// the start, middle and end and deleted again keep their order without gaps (UNIQUE row
// indexes hold after every statement), cell corrections land on the right row, and every
// change leaves an audit row.
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/ExtractionRepository.h"
#include "storage/ReviewRepository.h"
#include "support/PostgresServer.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace docket;

namespace {

LineItem row(const QString &description)
{
    LineItem item;
    Field cell;
    cell.value = description;
    cell.raw = description;
    cell.confidence = 1.0;
    item.cells.insert(QStringLiteral("description"), cell);
    return item;
}

QStringList descriptions(Database &db, qint64 documentId)
{
    QStringList out;
    const Extraction e = ExtractionRepository(db).latest(documentId).value();
    for (const LineItem &item : e.lineItems)
        out << item.value(QStringLiteral("description"));
    return out;
}

} // namespace

class TestReviewRows : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    docket::test::PostgresServer m_pg;

private Q_SLOTS:
    void rowsKeepOrder_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }

    void rowsKeepOrder()
    {
        QFETCH(bool, postgres);
        QString url = m_dir.filePath(QStringLiteral("rows.sqlite"));
        if (postgres) {
            if (!m_pg.isRunning())
                QVERIFY2(m_pg.start(), qPrintable(m_pg.errorString()));
            url = m_pg.createDatabase();
        }
        auto opened = Database::open(url);
        QVERIFY2(opened.ok(), qPrintable(opened.error().message));
        Database &db = *opened.value();

        Document doc;
        doc.sha256 = QStringLiteral("rows-%1").arg(postgres);
        doc.fileName = QStringLiteral("rows.pdf");
        doc.mimeType = QStringLiteral("application/pdf");
        auto stored = DocumentRepository(db).insertOrFind(doc);
        QVERIFY(stored.ok());
        const qint64 id = stored.value().id;
        ReviewRepository reviews(db);

        QVERIFY(reviews.insertLineItem(id, 0, row(QStringLiteral("B")), QStringLiteral("anna")));
        QVERIFY(reviews.insertLineItem(id, 0, row(QStringLiteral("A")), QStringLiteral("anna")));
        QVERIFY(reviews.insertLineItem(id, 99, row(QStringLiteral("D")), QStringLiteral("anna")));
        QVERIFY(reviews.insertLineItem(id, 2, row(QStringLiteral("C")), QStringLiteral("anna")));
        QCOMPARE(descriptions(db, id), QStringList({QStringLiteral("A"), QStringLiteral("B"),
                                                    QStringLiteral("C"), QStringLiteral("D")}));

        // A cell correction addresses the row by its place.
        Correction c;
        c.documentId = id;
        c.field = QStringLiteral("line_items[2].description");
        c.after = QStringLiteral("C2");
        c.reviewer = QStringLiteral("anna");
        Field f;
        f.value = c.after;
        QVERIFY(reviews.saveCorrection(c, f).ok());
        QCOMPARE(descriptions(db, id), QStringList({QStringLiteral("A"), QStringLiteral("B"),
                                                    QStringLiteral("C2"), QStringLiteral("D")}));

        QVERIFY(reviews.removeLineItem(id, 1, QStringLiteral("anna")));
        QCOMPARE(descriptions(db, id),
                 QStringList({QStringLiteral("A"), QStringLiteral("C2"), QStringLiteral("D")}));
        QVERIFY(reviews.removeLineItem(id, 0, QStringLiteral("anna")));
        QVERIFY(reviews.removeLineItem(id, 1, QStringLiteral("anna")));
        QCOMPARE(descriptions(db, id), QStringList({QStringLiteral("C2")}));
        const Status missing = reviews.removeLineItem(id, 5, QStringLiteral("anna"));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, QStringLiteral("not_found"));

        QStringList actions;
        const QList<AuditEntry> audit = reviews.audit(id).value();
        for (const AuditEntry &a : audit)
            if (a.action.startsWith(QLatin1String("line_item_")))
                actions << a.action;
        QCOMPARE(actions.count(QStringLiteral("line_item_added")), 4);
        QCOMPARE(actions.count(QStringLiteral("line_item_removed")), 3);
        QVERIFY(audit.last().detail.contains(QStringLiteral("\"D\"")));
        QCOMPARE(audit.last().actor, QStringLiteral("anna"));
    }
};

QTEST_GUILESS_MAIN(TestReviewRows)
#include "test_review_rows.moc"
