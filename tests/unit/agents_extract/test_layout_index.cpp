#include "SyntheticPage.h"
#include "agents/LayoutIndex.h"

#include <QTest>

using namespace docket;
using namespace docket::test;

class TestLayoutIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsJoinColumns();
    void skewedLinesStayApart();
    void findsLabels_data();
    void findsLabels();
    void ocrToleratesOneError();
    void textLayerIsExact();
};

void TestLayoutIndex::rowsJoinColumns()
{
    // A label and its value far apart on one line form one row, left to right.
    SyntheticPage p;
    p.text(350, 90, QStringLiteral("42183017")).text(40, 90, QStringLiteral("Invoice Number:"));
    const DocumentContent c = contentOf({p.page()});
    const LayoutIndex index(c);
    QCOMPARE(index.rows().size(), 1);
    QCOMPARE(index.text(index.rows().first().words), QStringLiteral("Invoice Number: 42183017"));
    QCOMPARE(index.segments(0).size(), 2);
}

void TestLayoutIndex::skewedLinesStayApart()
{
    // Two OCR lines of a skewed scan: each drifts down by half a line over its length, so
    // the end of the first overlaps the start of the second.
    Page page;
    page.source = TextSource::Ocr;
    page.size = QSizeF(300, 400);
    auto word = [&](const QString &t, double x, double y, int line) {
        Word w;
        w.text = t;
        w.box = QRectF(x, y, 40, 10);
        w.line = line;
        w.confidence = 0.9;
        page.words.append(w);
    };
    word(QStringLiteral("NO"), 10, 100, 0);
    word(QStringLiteral("28,"), 55, 102, 0);
    word(QStringLiteral("JALAN"), 100, 104, 0);
    word(QStringLiteral("ASTANA"), 145, 106, 0);
    word(QStringLiteral("BANDAR"), 10, 109, 1);
    word(QStringLiteral("BUKIT"), 55, 111, 1);
    word(QStringLiteral("RAJA"), 100, 113, 1);
    const DocumentContent c = contentOf({page});
    const LayoutIndex index(c);
    QCOMPARE(index.rows().size(), 2);
    QCOMPARE(index.text(index.rows().at(0).words), QStringLiteral("NO 28, JALAN ASTANA"));
    QCOMPARE(index.text(index.rows().at(1).words), QStringLiteral("BANDAR BUKIT RAJA"));
}

void TestLayoutIndex::findsLabels_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("remainder");
    QTest::addColumn<bool>("labelLike");
    QTest::newRow("colon") << "Invoice No: 123"
                           << "invoice no"
                           << "" << true;
    QTest::newRow("hash glued") << "Invoice#12345"
                                << "invoice #"
                                << "12345" << true;
    QTest::newRow("no glued") << "No.123"
                              << "no."
                              << "123" << true;
    QTest::newRow("after hyphen") << "E-Order#: 2422095"
                                  << "order #"
                                  << "" << true;
    QTest::newRow("accents") << QStringLiteral("Échéance: 05/07/2015") << "echeance"
                             << "" << true;
    QTest::newRow("prose") << "greetings from Amazon"
                           << "from"
                           << "" << false;
}

void TestLayoutIndex::findsLabels()
{
    QFETCH(QString, line);
    QFETCH(QString, label);
    QFETCH(QString, remainder);
    QFETCH(bool, labelLike);
    SyntheticPage p;
    p.text(40, 100, line);
    const DocumentContent c = contentOf({p.page()});
    const LayoutIndex index(c);
    const QList<PhraseHit> hits = index.find(label);
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.first().remainder, remainder);
    QCOMPARE(hits.first().labelLike, labelLike);
}

void TestLayoutIndex::ocrToleratesOneError()
{
    SyntheticPage p(TextSource::Ocr);
    p.text(40, 100, QStringLiteral("Cashler: AMY"), 10, 0.8);
    const DocumentContent c = contentOf({p.page()});
    const LayoutIndex index(c);
    QCOMPARE(index.find(QStringLiteral("cashier")).size(), 1);
}

void TestLayoutIndex::textLayerIsExact()
{
    SyntheticPage p;
    p.text(40, 100, QStringLiteral("Cashler: AMY"));
    const DocumentContent c = contentOf({p.page()});
    const LayoutIndex index(c);
    QVERIFY(index.find(QStringLiteral("cashier")).isEmpty());
}

QTEST_GUILESS_MAIN(TestLayoutIndex)
#include "test_layout_index.moc"
