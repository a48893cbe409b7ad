#include "RuleTestData.h"
#include "agents/RuleValidator.h"

#include <QTest>

using namespace docket;
using namespace docket::testing;

namespace {
QStringList sl(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out.append(QString::fromUtf8(i));
    return out;
}
} // namespace

namespace {

const QDate kToday(2025, 6, 15);

const QString kInvoice =
    QStringLiteral("invoice_number=INV-1|invoice_date=2024-03-01|seller_name=ACME Ltd|currency=USD|"
                   "subtotal=870.00|tax_amount=69.60|total_amount=939.60");
const QStringList kInvoiceRows = {
    QStringLiteral("description=Bolts|quantity=2|unit_price=100.00|amount=200.00"),
    QStringLiteral("description=Nuts|quantity=5|unit_price=34.00|amount=170.00"),
    QStringLiteral("description=Washers|quantity=10|unit_price=50.00|amount=500.00")};

const QString kPacking = QStringLiteral(
    "packing_list_number=PL-1|packing_date=2024-03-01|shipper_name=ACME|consignee_name=Buyer|"
    "total_packages=3|total_gross_weight=150.5|total_net_weight=140.0|weight_unit=kg");
const QStringList kPackingRows = {
    QStringLiteral("package_count=1|gross_weight=50.5|net_weight=47.0"),
    QStringLiteral("package_count=1|gross_weight=60.0|net_weight=56.0"),
    QStringLiteral("package_count=1|gross_weight=40.0|net_weight=37.0")};

} // namespace

class TestRuleValidator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void invoice_data();
    void invoice();
    void packingList_data();
    void packingList();
    void receiptAndCertificate();
    void messagesNameTheNumbers();
    void rulesAreEnabledPerSchema();
    void tolerance_data();
    void tolerance();
    void hostileValues();
};

void TestRuleValidator::initTestCase()
{
    SchemaRegistry probe;
    const QStringList errors = probe.load();
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QVERIFY2(probe.schema(QStringLiteral("commercial_invoice")),
             qPrintable(probe.names().join(QLatin1Char(','))));
    QVERIFY(SchemaRegistry::builtin().schema(QStringLiteral("commercial_invoice")));
    QVERIFY(SchemaRegistry::builtin().schema(QStringLiteral("packing_list")));
}

void TestRuleValidator::invoice_data()
{
    QTest::addColumn<QString>("overrides");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QStringList>("expected");

    const QStringList none;
    QTest::newRow("valid") << QString() << kInvoiceRows << none;
    QTest::newRow("no rows") << QString() << QStringList() << none;
    QTest::newRow("required missing")
        << "invoice_number=|seller_name=" << kInvoiceRows
        << sl({"E:required_missing@invoice_number", "E:required_missing@seller_name"});
    QTest::newRow("blank value is missing")
        << "invoice_number= " << kInvoiceRows << sl({"E:required_missing@invoice_number"});
    QTest::newRow("impossible date")
        << "invoice_date=2024-02-30" << kInvoiceRows << sl({"E:bad_date@invoice_date"});
    QTest::newRow("unnormalised date")
        << "invoice_date=01/03/2024" << kInvoiceRows << sl({"E:bad_date@invoice_date"});
    QTest::newRow("leap day") << "invoice_date=2024-02-29" << kInvoiceRows << none;
    QTest::newRow("before 1990") << "invoice_date=1989-12-31" << kInvoiceRows
                                 << sl({"W:implausible_date@invoice_date"});
    QTest::newRow("1990 is plausible") << "invoice_date=1990-01-01" << kInvoiceRows << none;
    QTest::newRow("a year ahead is plausible")
        << "invoice_date=2026-06-15|due_date=2026-06-15" << kInvoiceRows << none;
    QTest::newRow("more than a year ahead")
        << "invoice_date=2026-06-16" << kInvoiceRows << sl({"W:implausible_date@invoice_date"});
    QTest::newRow("due before issue")
        << "due_date=2024-02-28" << kInvoiceRows << sl({"E:due_before_issue@due_date"});
    QTest::newRow("due on issue day") << "due_date=2024-03-01" << kInvoiceRows << none;
    QTest::newRow("bad amount") << "tax_amount=69,60" << kInvoiceRows
                                << sl({"E:bad_amount@tax_amount"});
    QTest::newRow("bad currency shape")
        << "currency=usd" << kInvoiceRows << sl({"E:bad_currency@currency"});
    QTest::newRow("not iso 4217") << "currency=ABC" << kInvoiceRows
                                  << sl({"E:bad_currency@currency"});
    QTest::newRow("withdrawn currency")
        << "currency=HRK" << kInvoiceRows << sl({"W:withdrawn_currency@currency"});
    QTest::newRow("credit note") << "subtotal=-870.00|tax_amount=-69.60|total_amount=-939.60"
                                 << QStringList()
                                 << sl({"W:negative_total@subtotal",
                                        "W:negative_total@total_amount"});
    QTest::newRow("subtotal wrong")
        << "subtotal=875.00|total_amount=944.60" << kInvoiceRows << sl({"E:sum_mismatch@subtotal"});
    QTest::newRow("total wrong") << "total_amount=949.60" << kInvoiceRows
                                 << sl({"E:total_mismatch@total_amount"});
    QTest::newRow("line amount wrong")
        << QString()
        << QStringList{kInvoiceRows.at(0),
                       QStringLiteral("description=Nuts|quantity=5|unit_price=34.00|amount=180.00"),
                       kInvoiceRows.at(2)}
        << sl({"E:amount_mismatch@line_items[1].amount", "E:sum_mismatch@subtotal"});
    QTest::newRow("row without amount counts as quantity x price")
        << QString()
        << QStringList{kInvoiceRows.at(0), QStringLiteral("quantity=5|unit_price=34.00"),
                       kInvoiceRows.at(2)}
        << none;
    QTest::newRow("heading rows are skipped")
        << QString()
        << QStringList{QStringLiteral("description=Hardware"), kInvoiceRows.at(0),
                       kInvoiceRows.at(1), kInvoiceRows.at(2)}
        << none;
    QTest::newRow("bad cell") << QString()
                              << QStringList{QStringLiteral("quantity=2|amount=two hundred"),
                                             kInvoiceRows.at(1), kInvoiceRows.at(2)}
                              << sl({"E:bad_amount@line_items[0].amount"});
    QTest::newRow("no subtotal, lines net of tax") << "subtotal=" << kInvoiceRows << none;
    QTest::newRow("no subtotal, no tax, lines make the total")
        << "subtotal=|tax_amount=|total_amount=870.00" << kInvoiceRows << none;
    QTest::newRow("no subtotal, total wrong")
        << "subtotal=|tax_amount=|total_amount=900.00" << kInvoiceRows
        << sl({"E:sum_mismatch@total_amount"});
    QTest::newRow("no subtotal, total wrong with tax")
        << "subtotal=|total_amount=949.60" << kInvoiceRows << sl({"E:sum_mismatch@total_amount"});
    QTest::newRow("gross line amounts")
        << QString() << QStringList{QStringLiteral("description=Service|amount=939.60")} << none;
    QTest::newRow("tax included in the subtotal")
        << "subtotal=870.00|tax_amount=151.00|total_amount=870.00" << kInvoiceRows
        << sl({"W:tax_included@tax_amount"});
    QTest::newRow("tax included, total misread")
        << "subtotal=870.00|tax_amount=151.00|total_amount=871.00" << kInvoiceRows
        << sl({"E:total_mismatch@total_amount"});
    QTest::newRow("no tax: subtotal and total not compared")
        << "tax_amount=|total_amount=900.00" << kInvoiceRows << none;
}

void TestRuleValidator::invoice()
{
    QFETCH(QString, overrides);
    QFETCH(QStringList, rows);
    QFETCH(QStringList, expected);
    const DocumentSchema *schema =
        SchemaRegistry::builtin().schema(QStringLiteral("commercial_invoice"));
    const Extraction e = makeExtraction(schema->name, kInvoice, overrides, rows);
    const ValidationReport report = RuleValidator(kToday).validate(e, *schema);
    std::sort(expected.begin(), expected.end());
    QCOMPARE(issueKeys(report), expected);
    for (const Issue &issue : report.issues)
        QVERIFY2(!issue.message.isEmpty(), qPrintable(issue.code));
}

void TestRuleValidator::packingList_data()
{
    QTest::addColumn<QString>("overrides");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QStringList>("expected");
    const QStringList none;
    QTest::newRow("valid") << QString() << kPackingRows << none;
    QTest::newRow("gross total wrong") << "total_gross_weight=152.0" << kPackingRows
                                       << sl({"E:weight_mismatch@total_gross_weight"});
    QTest::newRow("net total wrong")
        << "total_net_weight=130.0" << kPackingRows << sl({"E:weight_mismatch@total_net_weight"});
    QTest::newRow("rounding of one decimal tolerated")
        << "total_gross_weight=150.7" << kPackingRows << none;
    QTest::newRow("beyond rounding") << "total_gross_weight=150.8" << kPackingRows
                                     << sl({"E:weight_mismatch@total_gross_weight"});
    QTest::newRow("per-package weights")
        << "total_packages=5|total_gross_weight=80.0|total_net_weight=72.0"
        << QStringList{QStringLiteral("package_count=2|gross_weight=10.0|net_weight=9.0"),
                       QStringLiteral("package_count=3|gross_weight=20.0|net_weight=18.0")}
        << none;
    QTest::newRow("net above gross in total")
        << "total_gross_weight=100|total_net_weight=101" << QStringList()
        << sl({"E:net_above_gross@total_net_weight"});
    QTest::newRow("net equal to gross")
        << "total_gross_weight=100|total_net_weight=100" << QStringList() << none;
    QTest::newRow("net above gross in a package")
        << "total_net_weight=144.0"
        << QStringList{QStringLiteral("package_count=1|gross_weight=50.5|net_weight=51.0"),
                       kPackingRows.at(1), kPackingRows.at(2)}
        << sl({"E:net_above_gross@packages[0].net_weight"});
    QTest::newRow("package count")
        << "total_packages=4" << kPackingRows << sl({"W:package_count_mismatch@total_packages"});
    QTest::newRow("bad weight") << "total_gross_weight=150.5 kg" << kPackingRows
                                << sl({"E:bad_number@total_gross_weight"});
    QTest::newRow("missing consignee")
        << "consignee_name=" << kPackingRows << sl({"E:required_missing@consignee_name"});
}

void TestRuleValidator::packingList()
{
    QFETCH(QString, overrides);
    QFETCH(QStringList, rows);
    QFETCH(QStringList, expected);
    const DocumentSchema *schema = SchemaRegistry::builtin().schema(QStringLiteral("packing_list"));
    const Extraction e = makeExtraction(schema->name, kPacking, overrides, rows);
    const ValidationReport report = RuleValidator(kToday).validate(e, *schema);
    std::sort(expected.begin(), expected.end());
    QCOMPARE(issueKeys(report), expected);
}

void TestRuleValidator::receiptAndCertificate()
{
    const SchemaRegistry &reg = SchemaRegistry::builtin();
    const DocumentSchema *receipt = reg.schema(QStringLiteral("receipt"));
    QVERIFY(receipt);
    Extraction e = makeExtraction(
        receipt->name,
        QStringLiteral("receipt_date=2025-01-02|seller_name=Cafe|currency=EUR|subtotal=10.00|"
                       "tax_amount=1.90|total_amount=11.90"),
        {},
        {QStringLiteral("quantity=2|unit_price=2.50|amount=5.00"),
         QStringLiteral("quantity=1|unit_price=5.00|amount=5.00")});
    QCOMPARE(issueKeys(RuleValidator(kToday).validate(e, *receipt)), QStringList());
    e.fields[QStringLiteral("total_amount")].value = QStringLiteral("12.90");
    QCOMPARE(issueKeys(RuleValidator(kToday).validate(e, *receipt)),
             QStringList{QStringLiteral("E:total_mismatch@total_amount")});

    const DocumentSchema *certificate = reg.schema(QStringLiteral("certificate"));
    QVERIFY(certificate);
    const Extraction c = makeExtraction(
        certificate->name,
        QStringLiteral("certificate_number=C-1|certificate_type=origin|issue_date=1970-01-01|"
                       "issuer=Chamber"),
        {}, {});
    QCOMPARE(issueKeys(RuleValidator(kToday).validate(c, *certificate)),
             QStringList{QStringLiteral("W:implausible_date@issue_date")});
}

void TestRuleValidator::messagesNameTheNumbers()
{
    const DocumentSchema *schema =
        SchemaRegistry::builtin().schema(QStringLiteral("commercial_invoice"));
    const Extraction e = makeExtraction(
        schema->name, kInvoice,
        QStringLiteral("subtotal=875|total_amount=944.60|due_date=2024-02-20"),
        {kInvoiceRows.at(0), QStringLiteral("quantity=5|unit_price=34.00|amount=165.00"),
         kInvoiceRows.at(2), QStringLiteral("description=Freight|amount=5.00")});
    const ValidationReport report = RuleValidator(kToday).validate(e, *schema);
    QCOMPARE(report.forField(QStringLiteral("subtotal")).size(), 1);
    QCOMPARE(report.forField(QStringLiteral("subtotal")).first().message,
             QStringLiteral("line items sum to 870.00 but subtotal is 875.00"));
    const QList<Issue> row = report.forField(QStringLiteral("line_items[1].amount"));
    QCOMPARE(row.size(), 1);
    QCOMPARE(row.first().code, QStringLiteral("amount_mismatch"));
    QVERIFY2(row.first().message.contains(QStringLiteral("170.00")),
             qPrintable(row.first().message));
    QVERIFY2(row.first().message.contains(QStringLiteral("165.00")),
             qPrintable(row.first().message));
    const QList<Issue> due = report.forField(QStringLiteral("due_date"));
    QCOMPARE(due.size(), 1);
    QVERIFY(due.first().message.contains(QStringLiteral("2024-02-20")));
    QVERIFY(due.first().message.contains(QStringLiteral("2024-03-01")));
    QVERIFY(report.hasErrors());
    QCOMPARE(report.errors().size(), 3);
}

void TestRuleValidator::rulesAreEnabledPerSchema()
{
    DocumentSchema schema = *SchemaRegistry::builtin().schema(QStringLiteral("commercial_invoice"));
    schema.rules = {QStringLiteral("no_such_rule")};
    const Extraction e = makeExtraction(
        schema.name, kInvoice,
        QStringLiteral("subtotal=875.00|total_amount=1000|currency=ABC|invoice_date=1980-01-01"),
        kInvoiceRows);
    // Without the cross-field rules only formats and required fields are checked; an
    // unknown rule name is ignored.
    QCOMPARE(issueKeys(RuleValidator(kToday).validate(e, schema)), QStringList());
    schema.rules = {QStringLiteral("subtotal_plus_tax_total")};
    QCOMPARE(issueKeys(RuleValidator(kToday).validate(e, schema)),
             QStringList{QStringLiteral("E:total_mismatch@total_amount")});
    QVERIFY(RuleValidator::knownRules().contains(QStringLiteral("package_weights_sum")));
}

void TestRuleValidator::tolerance_data()
{
    // Edges of the rounding tolerance: max(0.01, half a unit of each printed term).
    QTest::addColumn<QString>("overrides");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QStringList>("expected");
    const QStringList none;
    const QString noTax = QStringLiteral("tax_amount=|");
    // Three rows and a subtotal printed to cents carry 4 x 0.005 = 0.02.
    QTest::newRow("sum off by 0.02")
        << QString(noTax + QLatin1String("subtotal=870.02|total_amount=870.02")) << kInvoiceRows
        << none;
    QTest::newRow("sum off by 0.03")
        << QString(noTax + QLatin1String("subtotal=870.03|total_amount=870.03")) << kInvoiceRows
        << sl({"E:sum_mismatch@subtotal"});
    // subtotal + tax = total: three terms, 0.015.
    QTest::newRow("total off by 0.01") << "total_amount=939.61" << kInvoiceRows << none;
    QTest::newRow("total off by 0.02")
        << "total_amount=939.62" << kInvoiceRows << sl({"E:total_mismatch@total_amount"});
    // One row, one cent: the floor.
    const QString one = QStringLiteral("subtotal=|tax_amount=|total_amount=");
    QTest::newRow("3 x 33.33 printed as 100.00")
        << QString(one + QLatin1String("100.00"))
        << QStringList{QStringLiteral("quantity=3|unit_price=33.33|amount=100.00")} << none;
    QTest::newRow("3 x 33.33 printed as 100.02")
        << QString(one + QLatin1String("100.02"))
        << QStringList{QStringLiteral("quantity=3|unit_price=33.33|amount=100.02")}
        << sl({"E:amount_mismatch@line_items[0].amount"});
    // A unit price rounded to cents: 300 x 0.005 + 0.005 = 1.505.
    QTest::newRow("300 x 0.33 printed as 100.50")
        << QString(one + QLatin1String("100.50"))
        << QStringList{QStringLiteral("quantity=300|unit_price=0.33|amount=100.50")} << none;
    QTest::newRow("300 x 0.33 printed as 100.51")
        << QString(one + QLatin1String("100.51"))
        << QStringList{QStringLiteral("quantity=300|unit_price=0.33|amount=100.51")}
        << sl({"E:amount_mismatch@line_items[0].amount"});
    // A four-decimal unit price is rounded only at its fourth decimal.
    QTest::newRow("300 x 0.3333 printed as 100.02")
        << QString(one + QLatin1String("100.02"))
        << QStringList{QStringLiteral("quantity=300|unit_price=0.3333|amount=100.02")}
        << sl({"E:amount_mismatch@line_items[0].amount"});
    QTest::newRow("300 x 0.3333 printed as 99.99")
        << QString(one + QLatin1String("99.99"))
        << QStringList{QStringLiteral("quantity=300|unit_price=0.3333|amount=99.99")} << none;
    // Cash rounding of a total to 0.05 or 0.10.
    const QString cash = QStringLiteral("subtotal=12.23|tax_amount=0.00|total_amount=");
    const QStringList cashRow{QStringLiteral("amount=12.23")};
    QTest::newRow("rounded to 0.05") << QString(cash + QLatin1String("12.25")) << cashRow << none;
    QTest::newRow("rounded to 0.10") << QString(cash + QLatin1String("12.20")) << cashRow << none;
    QTest::newRow("0.04 off, not a rounding step")
        << QString(cash + QLatin1String("12.27")) << cashRow
        << sl({"E:total_mismatch@total_amount"});
    QTest::newRow("0.07 off a 0.05 step") << QString(cash + QLatin1String("12.30")) << cashRow
                                          << sl({"E:total_mismatch@total_amount"});
    QTest::newRow("lines to a cash-rounded total")
        << "subtotal=|tax_amount=|total_amount=12.25" << cashRow << none;
    // No relative slack: a misread digit 0.48% off is still caught.
    QTest::newRow("misread digit")
        << QString(noTax + QLatin1String("subtotal=1046.25|total_amount=1046.25"))
        << QStringList{QStringLiteral("amount=1041.25")} << sl({"E:sum_mismatch@subtotal"});
}

void TestRuleValidator::tolerance()
{
    invoice();
}

// Values no extractor should produce, in every field and cell of every schema: the validator
// reports them and never crashes, overflows or loops.
void TestRuleValidator::hostileValues()
{
    const QStringList values = {QString(),
                                QStringLiteral(" "),
                                QStringLiteral("999999999999.999999"),
                                QStringLiteral("-999999999999.999999"),
                                QStringLiteral("99999999999999999999999"),
                                QStringLiteral("1e308"),
                                QStringLiteral("NaN"),
                                QStringLiteral("0000-00-00"),
                                QStringLiteral("9999-12-31"),
                                QStringLiteral("-0"),
                                QStringLiteral("1.2.3"),
                                QStringLiteral("--5"),
                                QStringLiteral("+5"),
                                QString(QChar(0)),
                                QString::fromUtf8("\u0663\u0664"),
                                QString(100000, QLatin1Char('9')),
                                QStringLiteral("0.0000001"),
                                QStringLiteral("ZZZ")};
    const SchemaRegistry &reg = SchemaRegistry::builtin();
    int reports = 0;
    for (const DocumentSchema *schema : reg.schemas()) {
        for (int shift = 0; shift < values.size(); ++shift) {
            Extraction e;
            e.documentType = schema->name;
            int k = shift;
            for (const FieldSpec &spec : schema->fields)
                e.fields.insert(spec.name, makeField(spec.name, values.at(k++ % values.size())));
            for (int row = 0; row < 5; ++row) {
                LineItem item;
                for (const FieldSpec &spec : schema->columns)
                    item.cells.insert(spec.name,
                                      makeField(spec.name, values.at(k++ % values.size())));
                e.lineItems.append(item);
            }
            const ValidationReport report = RuleValidator(kToday).validate(e, *schema);
            for (const Issue &issue : report.issues) {
                QVERIFY(!issue.code.isEmpty());
                QVERIFY(!issue.message.isEmpty());
                QVERIFY(!issue.field.isEmpty());
            }
            ++reports;
        }
    }
    QVERIFY(reports > 0);
}

QTEST_GUILESS_MAIN(TestRuleValidator)
#include "test_rule_validator.moc"
