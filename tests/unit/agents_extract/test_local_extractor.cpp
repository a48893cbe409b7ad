#include "SyntheticPage.h"
#include "agents/LocalExtractor.h"
#include "core/SchemaRegistry.h"

#include <QTest>

using namespace docket;
using namespace docket::test;

class TestLocalExtractor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void invoice();
    void invoiceProvenance();
    void packingList();
    void certificate();
    void receiptFromOcr();
    void usDateOrderFromCurrency();
    void dateOrderFromOtherDates();
    void emptyDocument();
    void labelledValues_data();
    void labelledValues();

private:
    Extraction run(const DocumentContent &content, const QString &type);
    SchemaRegistry m_registry;
};

void TestLocalExtractor::initTestCase()
{
    m_registry.load();
    QVERIFY(m_registry.schema(QStringLiteral("commercial_invoice")));
}

Extraction TestLocalExtractor::run(const DocumentContent &content, const QString &type)
{
    LocalExtractor extractor;
    AgentContext ctx;
    ctx.schemas = &m_registry;
    auto r = extractor.extract(content, *m_registry.schema(type), ctx);
    if (!r.ok())
        qWarning() << r.error().message;
    return r.ok() ? r.value() : Extraction{};
}

static DocumentContent invoiceContent()
{
    SyntheticPage p;
    p.text(50, 40, QStringLiteral("ACME Trading GmbH"), 16)
        .text(50, 62, QStringLiteral("Hauptstrasse 5"))
        .text(50, 74, QStringLiteral("10115 Berlin, Germany"))
        .text(430, 40, QStringLiteral("INVOICE"), 20)
        .text(350, 90, QStringLiteral("Invoice No: INV-2024-0042"))
        .text(350, 104, QStringLiteral("Invoice Date: 12.03.2024"))
        .text(350, 118, QStringLiteral("Due Date: 11.04.2024"))
        .text(50, 140, QStringLiteral("Bill To:"))
        .text(50, 154, QStringLiteral("Globex Corporation"))
        .text(50, 166, QStringLiteral("742 Evergreen Terrace"))
        .text(50, 250, QStringLiteral("Description"))
        .text(300, 250, QStringLiteral("Qty"))
        .text(360, 250, QStringLiteral("Unit Price"))
        .text(470, 250, QStringLiteral("Amount"))
        .text(50, 266, QStringLiteral("Steel bolts M8"))
        .text(300, 266, QStringLiteral("100"))
        .text(360, 266, QStringLiteral("0,50"))
        .text(470, 266, QStringLiteral("50,00"))
        .text(50, 280, QStringLiteral("Copper wire 2mm"))
        .text(300, 280, QStringLiteral("20"))
        .text(360, 280, QStringLiteral("2,25"))
        .text(470, 280, QStringLiteral("45,00"))
        .text(360, 330, QStringLiteral("Subtotal"))
        .text(470, 330, QStringLiteral("95,00 EUR"))
        .text(360, 344, QStringLiteral("VAT 19%"))
        .text(470, 344, QStringLiteral("18,05"))
        .text(360, 358, QStringLiteral("Total"))
        .text(470, 358, QStringLiteral("113,05 EUR"));
    return contentOf({p.page()});
}

void TestLocalExtractor::invoice()
{
    const Extraction e = run(invoiceContent(), QStringLiteral("commercial_invoice"));
    QCOMPARE(e.documentType, QStringLiteral("commercial_invoice"));
    QCOMPARE(e.value(QStringLiteral("invoice_number")), QStringLiteral("INV-2024-0042"));
    QCOMPARE(e.value(QStringLiteral("invoice_date")), QStringLiteral("2024-03-12"));
    QCOMPARE(e.value(QStringLiteral("due_date")), QStringLiteral("2024-04-11"));
    QCOMPARE(e.value(QStringLiteral("seller_name")), QStringLiteral("ACME Trading GmbH"));
    QVERIFY(e.value(QStringLiteral("seller_address")).contains(QStringLiteral("Berlin")));
    QCOMPARE(e.value(QStringLiteral("buyer_name")), QStringLiteral("Globex Corporation"));
    QCOMPARE(e.value(QStringLiteral("currency")), QStringLiteral("EUR"));
    QCOMPARE(e.value(QStringLiteral("subtotal")), QStringLiteral("95.00"));
    QCOMPARE(e.value(QStringLiteral("tax_amount")), QStringLiteral("18.05"));
    QCOMPARE(e.value(QStringLiteral("total_amount")), QStringLiteral("113.05"));
    QCOMPARE(e.lineItems.size(), 2);
    QCOMPARE(e.lineItems.at(0).value(QStringLiteral("description")),
             QStringLiteral("Steel bolts M8"));
    QCOMPARE(e.lineItems.at(0).value(QStringLiteral("quantity")), QStringLiteral("100"));
    QCOMPARE(e.lineItems.at(0).value(QStringLiteral("unit_price")), QStringLiteral("0.50"));
    QCOMPARE(e.lineItems.at(1).value(QStringLiteral("amount")), QStringLiteral("45.00"));
}

void TestLocalExtractor::invoiceProvenance()
{
    const Extraction e = run(invoiceContent(), QStringLiteral("commercial_invoice"));
    const Field total = e.fields.value(QStringLiteral("total_amount"));
    QCOMPARE(total.page, 1);
    QCOMPARE(total.source, QStringLiteral("text_layer"));
    QCOMPARE(total.engine, QStringLiteral("local"));
    QCOMPARE(total.promptVersion, QStringLiteral("local-rules-1"));
    QVERIFY(total.raw.contains(QStringLiteral("113,05")));
    // The box is the value's words, right of the label on its line.
    QVERIFY(total.bbox.left() >= 470 - 0.1);
    QVERIFY(qAbs(total.bbox.top() - 358) < 0.1);
    QVERIFY(total.confidence > 0.5 && total.confidence <= 1.0);
    for (const Field &f : e.fields)
        QVERIFY2(f.confidence > 0 && f.confidence <= 1.0, qPrintable(f.name));
    const Field cell = e.lineItems.at(0).cells.value(QStringLiteral("amount"));
    QCOMPARE(cell.page, 1);
    QVERIFY(!cell.bbox.isNull());
}

void TestLocalExtractor::packingList()
{
    SyntheticPage p;
    p.text(220, 40, QStringLiteral("PACKING LIST"), 18)
        .text(50, 80, QStringLiteral("Shipper: Nordic Parts AB"))
        .text(50, 94, QStringLiteral("Storgatan 1, 11122 Stockholm"))
        .text(320, 80, QStringLiteral("Consignee: Pacific Imports Ltd"))
        .text(50, 130, QStringLiteral("Packing List No: PL-7781"))
        .text(320, 130, QStringLiteral("Date: 2024-05-02"))
        .text(50, 144, QStringLiteral("Invoice No: INV-5531"))
        .text(50, 200, QStringLiteral("Marks"))
        .text(120, 200, QStringLiteral("Packages"))
        .text(200, 200, QStringLiteral("Description"))
        .text(380, 200, QStringLiteral("Gross Weight"))
        .text(470, 200, QStringLiteral("Net Weight"))
        .text(50, 216, QStringLiteral("NP-1"))
        .text(130, 216, QStringLiteral("10"))
        .text(200, 216, QStringLiteral("Brake discs"))
        .text(390, 216, QStringLiteral("250.0"))
        .text(480, 216, QStringLiteral("240.0"))
        .text(50, 230, QStringLiteral("NP-2"))
        .text(130, 230, QStringLiteral("5"))
        .text(200, 230, QStringLiteral("Brake pads"))
        .text(390, 230, QStringLiteral("120.5"))
        .text(480, 230, QStringLiteral("115.0"))
        .text(50, 270, QStringLiteral("Total Packages: 15"))
        .text(50, 284, QStringLiteral("Total Gross Weight: 370.5 KG"))
        .text(50, 298, QStringLiteral("Total Net Weight: 355.0 KG"));
    const Extraction e = run(contentOf({p.page()}), QStringLiteral("packing_list"));
    QCOMPARE(e.tableName, QStringLiteral("packages"));
    QCOMPARE(e.value(QStringLiteral("packing_list_number")), QStringLiteral("PL-7781"));
    QCOMPARE(e.value(QStringLiteral("packing_date")), QStringLiteral("2024-05-02"));
    QCOMPARE(e.value(QStringLiteral("shipper_name")), QStringLiteral("Nordic Parts AB"));
    QCOMPARE(e.value(QStringLiteral("consignee_name")), QStringLiteral("Pacific Imports Ltd"));
    QCOMPARE(e.value(QStringLiteral("invoice_number")), QStringLiteral("INV-5531"));
    QCOMPARE(e.value(QStringLiteral("total_packages")), QStringLiteral("15"));
    QCOMPARE(e.value(QStringLiteral("total_gross_weight")), QStringLiteral("370.5"));
    QCOMPARE(e.value(QStringLiteral("total_net_weight")), QStringLiteral("355"));
    QCOMPARE(e.value(QStringLiteral("weight_unit")), QStringLiteral("KG"));
    QCOMPARE(e.lineItems.size(), 2);
    QCOMPARE(e.lineItems.at(0).value(QStringLiteral("marks")), QStringLiteral("NP-1"));
    QCOMPARE(e.lineItems.at(0).value(QStringLiteral("package_count")), QStringLiteral("10"));
    QCOMPARE(e.lineItems.at(1).value(QStringLiteral("description")), QStringLiteral("Brake pads"));
    QCOMPARE(e.lineItems.at(1).value(QStringLiteral("gross_weight")), QStringLiteral("120.5"));
}

void TestLocalExtractor::certificate()
{
    SyntheticPage p;
    p.text(50, 40, QStringLiteral("Chamber of Commerce of Milan"), 14)
        .text(150, 80, QStringLiteral("CERTIFICATE OF ORIGIN"), 18)
        .text(50, 120, QStringLiteral("Certificate No: CO-2024-118"))
        .text(350, 120, QStringLiteral("Date of issue: 14/02/2024"))
        .text(50, 150, QStringLiteral("Exporter: Fabbrica Rossi S.p.A."))
        .text(50, 170, QStringLiteral("Consignee: Oak Hardware Inc."))
        .text(50, 190, QStringLiteral("Country of origin: Italy"))
        .text(50, 210, QStringLiteral("Description of goods: Ceramic tiles"))
        .text(50, 230, QStringLiteral("Invoice No: 2024/0077"))
        .text(
            50, 260,
            QStringLiteral("We hereby certify that the goods described above originate in Italy."))
        .text(50, 300, QStringLiteral("Issued by: Chamber of Commerce of Milan"));
    const Extraction e = run(contentOf({p.page()}), QStringLiteral("certificate"));
    QCOMPARE(e.value(QStringLiteral("certificate_number")), QStringLiteral("CO-2024-118"));
    QCOMPARE(e.value(QStringLiteral("issue_date")), QStringLiteral("2024-02-14"));
    QCOMPARE(e.value(QStringLiteral("certificate_type")), QStringLiteral("certificate of origin"));
    QCOMPARE(e.value(QStringLiteral("issuer")), QStringLiteral("Chamber of Commerce of Milan"));
    QCOMPARE(e.value(QStringLiteral("exporter_name")), QStringLiteral("Fabbrica Rossi S.p.A."));
    QCOMPARE(e.value(QStringLiteral("consignee_name")), QStringLiteral("Oak Hardware Inc."));
    QCOMPARE(e.value(QStringLiteral("country_of_origin")), QStringLiteral("Italy"));
    QCOMPARE(e.value(QStringLiteral("goods_description")), QStringLiteral("Ceramic tiles"));
    QCOMPARE(e.value(QStringLiteral("invoice_number")), QStringLiteral("2024/0077"));
}

void TestLocalExtractor::receiptFromOcr()
{
    SyntheticPage p(TextSource::Ocr, {226, 600});
    p.text(40, 20, QStringLiteral("KEDAI MAJU SDN BHD"), 9, 0.93)
        .text(70, 32, QStringLiteral("(123456-A)"), 8, 0.9)
        .text(40, 44, QStringLiteral("NO 12, JALAN BESAR,"), 8, 0.9)
        .text(40, 56, QStringLiteral("43000 KAJANG, SELANGOR"), 8, 0.88)
        .text(40, 68, QStringLiteral("TEL: 03-8736 1234"), 8, 0.9)
        .text(60, 90, QStringLiteral("CASH RECEIPT"), 10, 0.95)
        .text(10, 110, QStringLiteral("Receipt No: CS00012345"), 8, 0.9)
        .text(10, 122, QStringLiteral("Date: 25/12/2018 14:32"), 8, 0.9)
        .text(10, 134, QStringLiteral("Cashier: AMY"), 8, 0.9)
        .text(10, 150, QStringLiteral("MILO TIN 1 5.50"), 8, 0.9)
        .text(10, 162, QStringLiteral("BREAD 1 3.20"), 8, 0.9)
        .text(10, 180, QStringLiteral("TOTAL: RM 8.70"), 8, 0.92)
        .text(10, 192, QStringLiteral("CASH 10.00"), 8, 0.9)
        .text(10, 204, QStringLiteral("CHANGE 1.30"), 8, 0.9)
        .text(50, 230, QStringLiteral("THANK YOU"), 8, 0.9);
    const Extraction e = run(contentOf({p.page()}), QStringLiteral("receipt"));
    QCOMPARE(e.value(QStringLiteral("seller_name")), QStringLiteral("KEDAI MAJU SDN BHD"));
    QCOMPARE(e.value(QStringLiteral("seller_address")),
             QStringLiteral("NO 12, JALAN BESAR, 43000 KAJANG, SELANGOR"));
    QCOMPARE(e.value(QStringLiteral("receipt_number")), QStringLiteral("CS00012345"));
    QCOMPARE(e.value(QStringLiteral("receipt_date")), QStringLiteral("2018-12-25"));
    QCOMPARE(e.value(QStringLiteral("total_amount")), QStringLiteral("8.70"));
    QCOMPARE(e.value(QStringLiteral("currency")), QStringLiteral("MYR"));
    QCOMPARE(e.fields.value(QStringLiteral("total_amount")).source, QStringLiteral("ocr"));
}

void TestLocalExtractor::usDateOrderFromCurrency()
{
    SyntheticPage p;
    p.text(50, 40, QStringLiteral("Blue Sky LLC"), 16)
        .text(350, 90, QStringLiteral("Invoice Number: 8812"))
        .text(350, 104, QStringLiteral("Invoice Date: 03/08/2014"))
        .text(350, 300, QStringLiteral("Amount Due: $4.11"));
    const Extraction e = run(contentOf({p.page()}), QStringLiteral("commercial_invoice"));
    QCOMPARE(e.value(QStringLiteral("invoice_date")), QStringLiteral("2014-03-08"));
    QCOMPARE(e.value(QStringLiteral("currency")), QStringLiteral("USD"));
    QCOMPARE(e.value(QStringLiteral("total_amount")), QStringLiteral("4.11"));
    // Day/month order guessed, not proven: the confidence says so.
    QVERIFY(e.fields.value(QStringLiteral("invoice_date")).confidence <
            e.fields.value(QStringLiteral("invoice_number")).confidence);
}

void TestLocalExtractor::dateOrderFromOtherDates()
{
    SyntheticPage p;
    p.text(50, 40, QStringLiteral("Blue Sky LLC"), 16)
        .text(350, 90, QStringLiteral("Invoice Number: 8812"))
        .text(350, 104, QStringLiteral("Invoice Date: 03/08/2014"))
        .text(350, 118, QStringLiteral("Due Date: 25/08/2014"))
        .text(350, 300, QStringLiteral("Amount Due: $4.11"));
    const Extraction e = run(contentOf({p.page()}), QStringLiteral("commercial_invoice"));
    QCOMPARE(e.value(QStringLiteral("invoice_date")), QStringLiteral("2014-08-03"));
    QCOMPARE(e.value(QStringLiteral("due_date")), QStringLiteral("2014-08-25"));
}

void TestLocalExtractor::emptyDocument()
{
    const Extraction e = run(contentOf({SyntheticPage().page()}), QStringLiteral("receipt"));
    QCOMPARE(e.documentType, QStringLiteral("receipt"));
    QVERIFY(e.fields.isEmpty());
    const Extraction none = run(DocumentContent{}, QStringLiteral("commercial_invoice"));
    QVERIFY(none.fields.isEmpty());
}

void TestLocalExtractor::labelledValues_data()
{
    // Each row: a schema, lines of a page (x, y, text) and the value one field must get.
    QTest::addColumn<QString>("type");
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    const QString inv = QStringLiteral("commercial_invoice");
    const QString rec = QStringLiteral("receipt");
    QTest::newRow("tax after a rate and its base")
        << inv
        << sl({"300|400|Subtotal", "470|400|$ 262.90", "300|414|Tax 15% on $ 112.90",
               "470|414|$ 16.94", "300|428|Total", "470|428|$ 279.84"})
        << "tax_amount"
        << "16.94";
    QTest::newRow("value far right of its label")
        << inv << sl({"40|300|TOTAL AMOUNT DUE ON August 3 , 2014", "540|300|$4.11"})
        << "total_amount"
        << "4.11";
    QTest::newRow("count after total is not the total")
        << rec
        << sl({"10|100|Total Qty: 2", "10|114|Total Includes GST 6% 9.00", "10|128|Cash 50.00"})
        << "total_amount"
        << "9.00";
    QTest::newRow("totals line with a count and money")
        << inv << sl({"300|500|Totals", "380|500|18", "450|500|$15,000.00"}) << "total_amount"
        << "15000.00";
    QTest::newRow("number with # under the title")
        << inv
        << sl({"40|40|Sammy Stone", "450|40|INVOICE", "450|56|# inv_2022_17",
               "400|90|Date:", "480|90|Jan 1, 2022"})
        << "invoice_number"
        << "inv_2022_17";
    QTest::newRow("subtotal from lines that make the total")
        << inv
        << sl({"40|200|Description", "400|200|Amount", "40|214|Hosting", "400|214|3,89",
               "40|228|Mailbox", "400|228|5,39", "300|250|Total EUR", "400|250|9,28",
               "40|270|Prices without MwSt."})
        << "subtotal"
        << "9.28";
    QTest::newRow("french invoice number glued")
        << inv << sl({"40|200|Facture n°562044387 du 02 Juillet 2015"}) << "invoice_number"
        << "562044387";
    QTest::newRow("french date in the same line")
        << inv << sl({"40|200|Facture n°562044387 du 02 Juillet 2015"}) << "invoice_date"
        << "2015-07-02";
    QTest::newRow("dutch labels") << inv
                                  << sl({"40|200|Factuurnummer: 993548900",
                                         "40|214|Factuurdatum: 19 april 2014"})
                                  << "invoice_date"
                                  << "2014-04-19";
    QTest::newRow("german invoice number")
        << inv << sl({"40|200|Rechnungsnr.", "150|200|30064443"}) << "invoice_number"
        << "30064443";
    QTest::newRow("header label with value below")
        << inv << sl({"300|100|Contract / Revision", "310|112|1475302 /"}) << "purchase_order"
        << "1475302";
    QTest::newRow("qualified label ranks lower")
        << inv << sl({"40|100|Order / Rev: 386035", "40|114|Alt Order #: 09825134"})
        << "purchase_order"
        << "386035";
    QTest::newRow("ocr split decimals") << rec << sl({"10|100|TOTAL RM 68. 87"}) << "total_amount"
                                        << "68.87";
    QTest::newRow("gross before net") << inv
                                      << sl({"300|500|Gross Total", "450|500|$7,465.00",
                                             "300|514|Net Amount Due", "450|514|$6,345.25"})
                                      << "subtotal"
                                      << "7465.00";
    // "MwSt." heads the price column of the lines: the line under it is no tax.
    QTest::newRow("tax column header over item lines")
        << inv
        << sl({"40|200|Pos. Beschreibung", "330|200|Preis ohne", "400|200|Betrag", "330|212|MwSt.",
               "40|226|1 Small Business Exchange", "330|226|3,89", "400|226|3,89",
               "40|240|2 Small Business Mailbox", "330|240|5,39", "400|240|5,39",
               "300|262|Total EUR", "400|262|9,28"})
        << "tax_amount" << QString();
    // The tax column's sum on the table's total line is the tax.
    QTest::newRow("tax column summed on the total line")
        << inv
        << sl({"40|200|Product Title", "250|200|Qty", "290|200|Price", "350|200|Tax(%)",
               "410|200|Tax", "460|200|Total", "40|214|Memory card SanDisk Ultra", "250|214|1",
               "290|214|278.61", "350|214|14.50%", "410|214|40.39", "460|214|319.00",
               "40|228|Total", "250|228|1", "290|228|278.61", "410|228|40.39", "460|228|319.00",
               "380|250|Grand Total", "460|250|319.00"})
        << "tax_amount"
        << "40.39";
    QTest::newRow("amount on the line after its label")
        << rec
        << sl({"10|100|Total", "150|112|5.00", "10|124|Cash", "150|136|10.09", "10|148|CHANGE",
               "150|160|5.09"})
        << "total_amount"
        << "5.00";
    // The line under the label starts with a (misread) word of its own: not the total's.
    QTest::newRow("line under the label has its own label")
        << rec
        << sl({"10|100|Total Sales (Inclusive of GST) .", "190|110|32.70", "60|122|dees! : 40.00",
               "60|134|hange : 7.30"})
        << "total_amount"
        << "32.70";
    // No subtotal printed: the gross total less the printed commission makes the net due.
    QTest::newRow("gross before commission")
        << inv
        << sl({"300|500|Total", "450|500|$65.00", "300|514|Agency Commission", "450|514|$9.75",
               "300|528|Net Amount Due", "450|528|$55.25"})
        << "subtotal"
        << "65.00";
    QTest::newRow("sender line letterhead")
        << inv
        << sl({"40|40|QualityHosting AG - Uferweg 40-42 - D-63571 Gelnhausen", "40|60|Jane Doe",
               "40|72|Main Street 1", "40|84|Springfield", "40|200|Rechnung"})
        << "seller_name"
        << "QualityHosting AG";
}

void TestLocalExtractor::labelledValues()
{
    QFETCH(QString, type);
    QFETCH(QStringList, lines);
    QFETCH(QString, field);
    QFETCH(QString, value);
    SyntheticPage p(type == QLatin1String("receipt") ? TextSource::Ocr : TextSource::TextLayer);
    for (const QString &l : std::as_const(lines)) {
        const QStringList parts = l.split(QLatin1Char('|'));
        p.text(parts.at(0).toDouble(), parts.at(1).toDouble(), parts.at(2), 10, 0.9);
    }
    const Extraction e = run(contentOf({p.page()}), type);
    QCOMPARE(e.value(field), value);
}

QTEST_GUILESS_MAIN(TestLocalExtractor)
#include "test_local_extractor.moc"
