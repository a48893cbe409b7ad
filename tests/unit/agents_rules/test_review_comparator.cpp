#include "RuleTestData.h"
#include "agents/ReviewComparator.h"

#include <QTest>

using namespace docket;
using namespace docket::testing;

Q_DECLARE_METATYPE(FieldKind)

class TestReviewComparator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameValue_data();
    void sameValue();
    void disagreements();
};

void TestReviewComparator::sameValue_data()
{
    QTest::addColumn<FieldKind>("kind");
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("amount trailing zeros") << FieldKind::Amount << "12"
                                           << "12.00" << true;
    QTest::newRow("amount one cent off") << FieldKind::Amount << "1041.25"
                                         << "1041.26" << false;
    QTest::newRow("amount sign") << FieldKind::Amount << "-5.00"
                                 << "5.00" << false;
    QTest::newRow("weight") << FieldKind::Weight << "150.5"
                            << "150.50" << true;
    QTest::newRow("unparsable numbers") << FieldKind::Number << "12 pcs"
                                        << "12pcs" << true;
    QTest::newRow("date") << FieldKind::Date << "2024-03-01"
                          << "2024-03-01" << true;
    QTest::newRow("other date") << FieldKind::Date << "2024-03-01"
                                << "2024-01-03" << false;
    QTest::newRow("currency case") << FieldKind::Currency << "EUR"
                                   << "eur" << true;
    QTest::newRow("currency") << FieldKind::Currency << "EUR"
                              << "USD" << false;
    QTest::newRow("identifier punctuation") << FieldKind::Identifier << "INV-001"
                                            << "inv 001" << true;
    QTest::newRow("identifier digits") << FieldKind::Identifier << "INV-001"
                                       << "INV-007" << false;
    QTest::newRow("name with suffix") << FieldKind::Text << "ACME"
                                      << "ACME Ltd." << true;
    QTest::newRow("name case and comma") << FieldKind::Text << "Amazon Web Services, Inc."
                                         << "AMAZON WEB SERVICES INC" << true;
    QTest::newRow("other party") << FieldKind::Text << "ACME Ltd"
                                 << "Globex Ltd" << false;
    QTest::newRow("address lines") << FieldKind::Address << "1 Main St\nSpringfield"
                                   << "1 Main St, Springfield" << true;
    QTest::newRow("blank") << FieldKind::Text << ""
                           << "ACME" << false;
}

void TestReviewComparator::sameValue()
{
    QFETCH(FieldKind, kind);
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(ReviewComparator::sameValue(kind, a, b), same);
    QCOMPARE(ReviewComparator::sameValue(kind, b, a), same);
}

void TestReviewComparator::disagreements()
{
    const DocumentSchema *schema =
        SchemaRegistry::builtin().schema(QStringLiteral("commercial_invoice"));
    QVERIFY(schema);
    const QString base = QStringLiteral(
        "invoice_number=INV-1|invoice_date=2024-03-01|seller_name=ACME Ltd|currency=USD|"
        "total_amount=939.60");
    const QStringList rows = {QStringLiteral("amount=200.00"), QStringLiteral("amount=739.60")};
    const Extraction local = makeExtraction(schema->name, base, {}, rows);
    QCOMPARE(ReviewComparator::disagreements(local, local, *schema), QStringList());
    // A gap is not a disagreement; equivalent spellings are not either.
    const Extraction llm = makeExtraction(
        schema->name, base,
        QStringLiteral("invoice_number=inv 1|seller_name=ACME|currency=|buyer_name=Globex|"
                       "total_amount=939.6"),
        {QStringLiteral("amount=200"), QStringLiteral("amount=739.6")});
    QCOMPARE(ReviewComparator::disagreements(local, llm, *schema), QStringList());
    const Extraction other = makeExtraction(
        schema->name, base, QStringLiteral("total_amount=993.60|invoice_date=2024-01-03"),
        {QStringLiteral("amount=200.00"), QStringLiteral("amount=793.60")});
    QCOMPARE(ReviewComparator::disagreements(local, other, *schema),
             (QStringList{QStringLiteral("invoice_date"), QStringLiteral("total_amount"),
                          QStringLiteral("line_items")}));
    const Extraction fewerRows =
        makeExtraction(schema->name, base, {}, {QStringLiteral("amount=939.60")});
    QCOMPARE(ReviewComparator::disagreements(local, fewerRows, *schema),
             QStringList{QStringLiteral("line_items")});
    const Extraction noRows = makeExtraction(schema->name, base, {}, {});
    QCOMPARE(ReviewComparator::disagreements(local, noRows, *schema), QStringList());
}

QTEST_GUILESS_MAIN(TestReviewComparator)
#include "test_review_comparator.moc"
