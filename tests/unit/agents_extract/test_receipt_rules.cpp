// Rules for scanned receipts: OCR date repair, sums that must agree, letterhead names.
#include "SyntheticPage.h"
#include "agents/AnchorMatcher.h"
#include "agents/DateParser.h"
#include "agents/LayoutIndex.h"
#include "agents/LocalClassifier.h"
#include "agents/LocalExtractor.h"
#include "agents/SumReader.h"
#include "agents/SumReconciler.h"
#include "core/SchemaRegistry.h"

#include <QTest>

using namespace docket;
using namespace docket::test;

class TestReceiptRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void repairOcrDates_data();
    void repairOcrDates();
    void reconcileTotal_data();
    void reconcileTotal();
    void reconcileCues_data();
    void reconcileCues();
    void unreadRounding();
    void subtotalLabels_data();
    void subtotalLabels();
    void receiptDates_data();
    void receiptDates();
    void dateConfidence();
    void receiptSums_data();
    void receiptSums();
    void totalFromAgreeingSums_data();
    void totalFromAgreeingSums();
    void letterhead_data();
    void letterhead();
    void layoutIndexShared();

private:
    Extraction run(const DocumentContent &content);
    SchemaRegistry m_registry;
};

void TestReceiptRules::initTestCase()
{
    m_registry.load();
    QVERIFY(m_registry.schema(QStringLiteral("receipt")));
}

Extraction TestReceiptRules::run(const DocumentContent &content)
{
    LocalExtractor extractor;
    AgentContext ctx;
    ctx.schemas = &m_registry;
    auto r = extractor.extract(content, *m_registry.schema(QStringLiteral("receipt")), ctx);
    return r.ok() ? r.value() : Extraction{};
}

void TestReceiptRules::repairOcrDates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("repaired");
    QTest::newRow("day 4 for 1") << QStringLiteral("Date: 43/03/2018")
                                 << QStringLiteral("Date: 13/03/2018");
    QTest::newRow("month 6 for 0")
        << QStringLiteral("19/62/2018 16:45") << QStringLiteral("19/02/2018 16:45");
    QTest::newRow("year 7 for 1") << QStringLiteral("10/03/2078") << QStringLiteral("10/03/2018");
    QTest::newRow("day 8 for 0") << QStringLiteral("38.05.2018") << QStringLiteral("30.05.2018");
    QTest::newRow("valid stays") << QStringLiteral("25/12/2018") << QStringLiteral("25/12/2018");
    QTest::newRow("us order stays") << QStringLiteral("12/28/2017") << QStringLiteral("12/28/2017");
    // No confusion makes 55 a day or a month: nothing is guessed.
    QTest::newRow("no repair") << QStringLiteral("55/77/2018") << QStringLiteral("55/77/2018");
    QTest::newRow("no date") << QStringLiteral("Total 43.03") << QStringLiteral("Total 43.03");
}

void TestReceiptRules::repairOcrDates()
{
    QFETCH(QString, text);
    QFETCH(QString, repaired);
    QCOMPARE(DateParser::repairOcr(text), repaired);
}

namespace {

FieldCandidate amount(double v, bool decimals = true)
{
    FieldCandidate c;
    c.number = v;
    c.value = QString::number(v, 'f', 2);
    c.hasDecimals = decimals;
    c.words = {0};
    return c;
}

using Amounts = QList<double>;

QList<FieldCandidate> amounts(const Amounts &values)
{
    QList<FieldCandidate> out;
    for (double v : values)
        out.append(amount(v));
    return out;
}

// The readings of the current data row (columns totals ... change).
SumReconciler::Input fetchedInput()
{
    QFETCH(Amounts, totals);
    QFETCH(Amounts, subtotals);
    QFETCH(Amounts, taxes);
    QFETCH(Amounts, roundings);
    QFETCH(Amounts, tendered);
    QFETCH(Amounts, change);
    SumReconciler::Input in;
    in.totals = amounts(totals);
    in.subtotals = amounts(subtotals);
    in.taxes = amounts(taxes);
    in.roundings = amounts(roundings);
    in.tendered = amounts(tendered);
    in.change = amounts(change);
    return in;
}

} // namespace

void TestReceiptRules::reconcileTotal_data()
{
    QTest::addColumn<Amounts>("totals");
    QTest::addColumn<Amounts>("subtotals");
    QTest::addColumn<Amounts>("taxes");
    QTest::addColumn<Amounts>("roundings");
    QTest::addColumn<Amounts>("tendered");
    QTest::addColumn<Amounts>("change");
    QTest::addColumn<double>("total");
    QTest::addColumn<int>("support");
    QTest::addColumn<bool>("computed");
    // A digit of the total misread; subtotal + tax + rounding and cash - change agree.
    QTest::newRow("misread total")
        << Amounts{7.55} << Amounts{26.00} << Amounts{1.56} << Amounts{-0.01} << Amounts{30.00}
        << Amounts{2.45} << 27.55 << 4 << true; // and the label's last digits
    // The total label read right and confirmed by the payment.
    QTest::newRow("confirmed") << Amounts{10.00} << Amounts{} << Amounts{} << Amounts{}
                               << Amounts{20.00} << Amounts{10.00} << 10.00 << 2 << false;
    // A second total label elsewhere reads the value the sums agree on.
    QTest::newRow("other label wins")
        << Amounts{10.06, 10.00} << Amounts{10.00} << Amounts{} << Amounts{} << Amounts{20.00}
        << Amounts{10.00} << 10.00 << 3 << false;
    // One reading alone never overrules the label.
    QTest::newRow("payment alone") << Amounts{9.60} << Amounts{} << Amounts{} << Amounts{}
                                   << Amounts{20.00} << Amounts{11.00} << 9.60 << 1 << false;
    // Paid exactly, no change printed: the payment confirms the second total label.
    QTest::newRow("exact payment") << Amounts{45.00, 47.70} << Amounts{} << Amounts{} << Amounts{}
                                   << Amounts{47.70} << Amounts{} << 47.70 << 2 << false;
    QTest::newRow("nothing else") << Amounts{42.00} << Amounts{} << Amounts{} << Amounts{}
                                  << Amounts{} << Amounts{} << 42.00 << 1 << false;
}

void TestReceiptRules::reconcileTotal()
{
    QFETCH(double, total);
    QFETCH(int, support);
    QFETCH(bool, computed);
    const SumReconciler::Input in = fetchedInput();
    const SumReconciler::Outcome r = SumReconciler::reconcile(in, in.totals.first());
    QCOMPARE(SumReconciler::cents(r.total.number), SumReconciler::cents(total));
    QCOMPARE(r.total.value, QString::number(total, 'f', 2));
    QCOMPARE(r.support, support);
    QCOMPARE(r.computed, computed);
}

void TestReceiptRules::reconcileCues_data()
{
    QTest::addColumn<Amounts>("totals");
    QTest::addColumn<Amounts>("subtotals");
    QTest::addColumn<Amounts>("taxes");
    QTest::addColumn<Amounts>("roundings");
    QTest::addColumn<Amounts>("tendered");
    QTest::addColumn<Amounts>("change");
    QTest::addColumn<Amounts>("charges");
    QTest::addColumn<Amounts>("printed");
    QTest::addColumn<double>("total"); // 0: none
    QTest::addColumn<int>("support");
    // No total label read; cash - change is printed on a line of its own.
    QTest::newRow("payment printed")
        << Amounts{} << Amounts{28.40} << Amounts{} << Amounts{} << Amounts{100.00}
        << Amounts{71.40} << Amounts{} << Amounts{28.60} << 28.60 << 2;
    // The printed rounding brings subtotal + tax to a multiple of five cents.
    QTest::newRow("rounding agrees")
        << Amounts{} << Amounts{106.10} << Amounts{6.37} << Amounts{-0.02} << Amounts{} << Amounts{}
        << Amounts{} << Amounts{} << 112.45 << 2;
    // The total label lost its leading digit: it still reads the sum it ends.
    QTest::newRow("leading digit lost")
        << Amounts{7.55} << Amounts{26.00} << Amounts{1.55} << Amounts{} << Amounts{} << Amounts{}
        << Amounts{} << Amounts{} << 27.55 << 2;
    // A service charge is part of the total.
    QTest::newRow("service charge")
        << Amounts{} << Amounts{295.00} << Amounts{19.47} << Amounts{-0.02} << Amounts{}
        << Amounts{} << Amounts{29.50} << Amounts{} << 343.95 << 2;
    // The subtotal printed again (a single item line) says nothing about the total.
    QTest::newRow("subtotal repeated")
        << Amounts{10.60} << Amounts{10.00} << Amounts{} << Amounts{} << Amounts{} << Amounts{}
        << Amounts{} << Amounts{10.00} << 10.60 << 1;
    // Cash and change alone, nothing printed: no total is made up.
    QTest::newRow("payment alone")
        << Amounts{} << Amounts{} << Amounts{} << Amounts{} << Amounts{50.00} << Amounts{21.40}
        << Amounts{} << Amounts{28.40} << 0.0 << 0;
}

void TestReceiptRules::reconcileCues()
{
    QFETCH(Amounts, charges);
    QFETCH(Amounts, printed);
    QFETCH(double, total);
    QFETCH(int, support);
    SumReconciler::Input in = fetchedInput();
    in.charges = amounts(charges);
    in.printed = printed;
    const SumReconciler::Outcome r =
        SumReconciler::reconcile(in, in.totals.isEmpty() ? FieldCandidate{} : in.totals.first());
    QCOMPARE(SumReconciler::cents(r.total.number), SumReconciler::cents(total));
    QCOMPARE(r.support, support);
}

void TestReceiptRules::subtotalLabels_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<bool>("subtotal"); // the total label reads the subtotal
    QTest::newRow("sub before total") << QStringLiteral("Sub Total(RM) : 106.10") << true;
    QTest::newRow("excluding tax") << QStringLiteral("Total Sales (Excluding GST) 31.03") << true;
    QTest::newRow("plain total") << QStringLiteral("Total : 32.70") << false;
    // The qualifier of another amount further on the line leaves the total label alone.
    QTest::newRow("excluding after the amount")
        << QStringLiteral("Total 538.00 Amt Excl GST 507.55") << false;
}

void TestReceiptRules::subtotalLabels()
{
    QFETCH(QString, line);
    QFETCH(bool, subtotal);
    SyntheticPage p(TextSource::Ocr, {226, 600});
    p.text(10, 100, line, 8, 0.9);
    const DocumentContent content = contentOf({p.page()});
    std::shared_ptr<const LayoutIndex> cache;
    const auto index = LayoutIndex::shared(content, cache);
    const DocumentSchema &schema = *m_registry.schema(QStringLiteral("receipt"));
    AnchorMatcher matcher(*index);
    QHash<QString, QList<AnchorHit>> hits = matcher.match(schema.fields);
    const bool total = !hits.value(QStringLiteral("total_amount")).isEmpty();
    QVERIFY(total || !hits.value(QStringLiteral("subtotal")).isEmpty());
    SumReader::rerouteSubtotals(*index, schema, hits);
    QCOMPARE(hits.value(QStringLiteral("total_amount")).isEmpty(), subtotal || !total);
}

void TestReceiptRules::unreadRounding()
{
    // Label and parts agree on 23.26, but a rounding line whose amount was not read says
    // that what is paid may be 23.25: the parts no longer confirm the label.
    SumReconciler::Input in;
    in.totals = amounts({23.26});
    in.subtotals = amounts({21.30});
    in.taxes = amounts({1.96});
    QCOMPARE(SumReconciler::reconcile(in, in.totals.first()).support, 2);
    in.roundingPrinted = true;
    const SumReconciler::Outcome r = SumReconciler::reconcile(in, in.totals.first());
    QCOMPARE(r.total.value, QStringLiteral("23.26"));
    QCOMPARE(r.support, 1);
    // A rounded amount is what is paid whatever the rounding was.
    in.totals = amounts({23.25});
    in.taxes = amounts({1.95});
    QCOMPARE(SumReconciler::reconcile(in, in.totals.first()).support, 2);
}

void TestReceiptRules::receiptDates_data()
{
    QTest::addColumn<QStringList>("lines"); // the head of a receipt under its letterhead
    QTest::addColumn<QString>("date");
    QTest::newRow("separator lost") << sl({"Tax Invoice", "2703/2018 CN OS -20243", "Cashier 01"})
                                    << QStringLiteral("2018-03-27");
    // "$" alone would make 12/03/18 month-first; the document number's stamp says otherwise.
    QTest::newRow("stamp in the number")
        << sl({"Tax Invoice: BAT0220180312 0255 12/03/18", "1 SHIRT $53.50"})
        << QStringLiteral("2018-03-12");
}

void TestReceiptRules::receiptDates()
{
    QFETCH(QStringList, lines);
    QFETCH(QString, date);
    SyntheticPage p(TextSource::Ocr, {226, 600});
    p.text(40, 20, QStringLiteral("KEDAI MAJU SDN BHD"), 9, 0.9)
        .text(40, 32, QStringLiteral("43000 KAJANG, SELANGOR"), 8, 0.9);
    double y = 60;
    for (const QString &line : std::as_const(lines)) {
        p.text(10, y, line, 8, 0.9);
        y += 12;
    }
    p.text(10, y + 10, QStringLiteral("TOTAL 53.50"), 8, 0.9);
    const Extraction e = run(contentOf({p.page()}));
    QCOMPARE(e.value(QStringLiteral("receipt_date")), date);
}

void TestReceiptRules::dateConfidence()
{
    auto read = [&](const QString &dateLine, const QString &totalLine) {
        SyntheticPage p(TextSource::Ocr, {226, 600});
        p.text(40, 20, QStringLiteral("KEDAI MAJU SDN BHD"), 9, 0.9)
            .text(40, 32, QStringLiteral("43000 KAJANG, SELANGOR"), 8, 0.9)
            .text(10, 60, dateLine, 8, 0.9)
            .text(10, 80, totalLine, 8, 0.9);
        return run(contentOf({p.page()})).fields.value(QStringLiteral("receipt_date"));
    };
    const QString rm = QStringLiteral("TOTAL RM 12.00");
    const Field clean = read(QStringLiteral("Date: 25/12/2018"), rm);
    QCOMPARE(clean.value, QStringLiteral("2018-12-25"));
    // A day of 38 repaired to 30: a guess, less sure than a clean reading.
    const Field repaired = read(QStringLiteral("Date: 38/05/2018"), rm);
    QCOMPARE(repaired.value, QStringLiteral("2018-05-30"));
    QVERIFY(repaired.confidence < clean.confidence - 0.1);
    // A ringgit receipt writes the day first: 12/03/2018 is no guess there, but it is on a
    // page that names no currency.
    const Field ringgit = read(QStringLiteral("Date: 12/03/2018"), rm);
    const Field bare = read(QStringLiteral("Date: 12/03/2018"), QStringLiteral("TOTAL 12.00"));
    QCOMPARE(ringgit.value, QStringLiteral("2018-03-12"));
    QCOMPARE(bare.value, QStringLiteral("2018-03-12"));
    QVERIFY(ringgit.confidence > bare.confidence + 0.1);
}

void TestReceiptRules::receiptSums_data()
{
    QTest::addColumn<QStringList>("lines"); // the sums of a receipt, one line each
    QTest::addColumn<QString>("total");
    QTest::addColumn<QString>("subtotal");
    QTest::newRow("sub split from total")
        << sl({"(Excluded GST) Sub Total(RM) : 106.10", "Total GST (RM) : 6.37",
               "Rounding (RM) : -0.02", "Total :"})
        << QStringLiteral("112.45") << QStringLiteral("106.10");
    QTest::newRow("total excluding tax")
        << sl({"Total Sales (Excluding GST) 31.03", "Total GST : 1.65", "Rounding 0.02",
               "Total Sales (Inclusive of GST)", "32.70", "CASH : 40.00"})
        << QStringLiteral("32.70") << QStringLiteral("31.03");
    QTest::newRow("tax summary total")
        << sl({"Total Sales (Inclusive of GST) : 100.90", "CASH 107.00", "GST SUMMARY",
               "Tax Code % Amt(RM) Tax(RM)", "SR 6 95.19 5.71", "Totals 9847"})
        << QStringLiteral("100.90") << QString();
    QTest::newRow("payment and an unlabelled line")
        << sl({"SUBTOTAL: 28.40", "LRM a 28.60 q", "CASH 100.00", "CASH CHANGE 71.40"})
        << QStringLiteral("28.60") << QStringLiteral("28.40");
}

void TestReceiptRules::receiptSums()
{
    QFETCH(QStringList, lines);
    QFETCH(QString, total);
    QFETCH(QString, subtotal);
    SyntheticPage p(TextSource::Ocr, {226, 600});
    p.text(40, 20, QStringLiteral("KEDAI MAJU SDN BHD"), 9, 0.9)
        .text(40, 32, QStringLiteral("43000 KAJANG, SELANGOR"), 8, 0.9)
        .text(10, 60, QStringLiteral("Date: 25/12/2018"), 8, 0.9)
        .text(10, 80, QStringLiteral("1 KOPI O 10.00"), 8, 0.9);
    double y = 100;
    for (const QString &line : std::as_const(lines)) {
        p.text(10, y, line, 8, 0.9);
        y += 12;
    }
    const Extraction e = run(contentOf({p.page()}));
    QCOMPARE(e.value(QStringLiteral("total_amount")), total);
    // Sums that agree are worth more than a guess, with or without a total label.
    QVERIFY(e.fields.value(QStringLiteral("total_amount")).confidence >= 0.5);
    if (!subtotal.isEmpty())
        QCOMPARE(e.value(QStringLiteral("subtotal")), subtotal);
}

void TestReceiptRules::totalFromAgreeingSums_data()
{
    QTest::addColumn<QString>("totalLine");
    QTest::addColumn<QString>("change"); // the change line, or none
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("confident"); // calibrated at or above the review threshold
    const QString change = QStringLiteral("CHANGE 2.45");
    QTest::newRow("first digit lost")
        << QStringLiteral("TOTAL 7.55") << change << QStringLiteral("27.55") << true;
    QTest::newRow("last digit misread")
        << QStringLiteral("TOTAL 27.56") << change << QStringLiteral("27.55") << true;
    QTest::newRow("read right, three readings agree")
        << QStringLiteral("TOTAL 27.55") << change << QStringLiteral("27.55") << true;
    // Without the change the payment says nothing; the printed rounding still says that what
    // is paid is a multiple of five cents, but that is not sure enough to skip review.
    QTest::newRow("rounding decides")
        << QStringLiteral("TOTAL 27.56") << QString() << QStringLiteral("27.55") << false;
}

void TestReceiptRules::totalFromAgreeingSums()
{
    QFETCH(QString, totalLine);
    QFETCH(QString, change);
    QFETCH(QString, expected);
    QFETCH(bool, confident);
    SyntheticPage p(TextSource::Ocr, {226, 600});
    p.text(40, 20, QStringLiteral("KEDAI MAJU SDN BHD"), 9, 0.9)
        .text(40, 32, QStringLiteral("NO 12, JALAN BESAR,"), 8, 0.9)
        .text(40, 44, QStringLiteral("43000 KAJANG, SELANGOR"), 8, 0.9)
        .text(10, 70, QStringLiteral("Date: 25/12/2018"), 8, 0.9)
        .text(10, 90, QStringLiteral("SUB-TOTAL (EX) 26.00"), 8, 0.9)
        .text(10, 102, QStringLiteral("TOTAL TAX 1.56"), 8, 0.9)
        .text(10, 114, QStringLiteral("ROUNDING -0.01"), 8, 0.9)
        .text(10, 126, totalLine, 8, 0.6)
        .text(10, 138, QStringLiteral("CASH 30.00"), 8, 0.9);
    if (!change.isEmpty())
        p.text(10, 150, change, 8, 0.9);
    const Extraction e = run(contentOf({p.page()}));
    QCOMPARE(e.value(QStringLiteral("total_amount")), expected);
    QCOMPARE(e.fields.value(QStringLiteral("total_amount")).confidence >= 0.95, confident);
}

void TestReceiptRules::letterhead_data()
{
    QTest::addColumn<QStringList>("lines"); // the top of a receipt, one line each
    QTest::addColumn<QString>("seller");
    QTest::newRow("registration number after the name")
        << sl({"w 4 f", "AEON CO. (M) BHD (126926-H)", "3RD FLR, AEON TAMAN MALURI SC",
               "JLN JEJAKA, TAMAN MALURI", "CHERAS, 55100 KUALA LUMPUR"})
        << QStringLiteral("AEON CO. (M) BHD");
    QTest::newRow("owner label before the name")
        << sl({"Dimiliki: BANH MI CAFE SDN BHD 1110644-V", "NO 5, JALAN BESAR,",
               "43000 KAJANG, SELANGOR"})
        << QStringLiteral("BANH MI CAFE SDN BHD");
    QTest::newRow("payment word is no name")
        << sl({"TEO HENG STATIONERY", "NO. 53, JALAN BESAR, 45600 BATANG", "SELANGOR DARUL EHSAN",
               "CASH"})
        << QStringLiteral("TEO HENG STATIONERY");
    QTest::newRow("town line under the street")
        << sl({"PETRODELI ENTERPRISE", "LOT 485, TMN LEMBAH KERAMAT", "JLN ULU KELANG",
               "54200 KUALA LUMPUR"})
        << QStringLiteral("PETRODELI ENTERPRISE");
}

void TestReceiptRules::letterhead()
{
    QFETCH(QStringList, lines);
    QFETCH(QString, seller);
    SyntheticPage p(TextSource::Ocr, {226, 600});
    double y = 20;
    for (const QString &line : std::as_const(lines)) {
        p.text(20, y, line, 8, 0.85);
        y += 12;
    }
    p.text(10, y + 20, QStringLiteral("Date: 25/12/2018"), 8, 0.9)
        .text(10, y + 40, QStringLiteral("TOTAL 12.00"), 8, 0.9);
    const Extraction e = run(contentOf({p.page()}));
    QCOMPARE(e.value(QStringLiteral("seller_name")), seller);
}

void TestReceiptRules::layoutIndexShared()
{
    SyntheticPage p;
    p.text(50, 40, QStringLiteral("INVOICE"), 20).text(50, 80, QStringLiteral("Total 12.00"));
    const DocumentContent a = contentOf({p.page()});
    DocumentContent b = a;
    std::shared_ptr<const LayoutIndex> cache;
    const auto first = LayoutIndex::shared(a, cache);
    QCOMPARE(LayoutIndex::shared(a, cache).get(), first.get()); // same content: reused
    const auto other = LayoutIndex::shared(b, cache);           // another document: new
    QVERIFY(other.get() != first.get());
    QCOMPARE(&other->content(), &b);

    // The classifier builds it once and the extractor reuses it through the context.
    AgentContext ctx;
    ctx.schemas = &m_registry;
    LocalClassifier classifier;
    QVERIFY(classifier.classify(a, ctx).ok());
    const LayoutIndex *built = ctx.layout.get();
    QVERIFY(built);
    LocalExtractor extractor;
    QVERIFY(extractor.extract(a, *m_registry.schema(QStringLiteral("receipt")), ctx).ok());
    QCOMPARE(ctx.layout.get(), built);
}

QTEST_GUILESS_MAIN(TestReceiptRules)
#include "test_receipt_rules.moc"
