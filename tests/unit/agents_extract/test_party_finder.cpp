// The issuing party: which header line names the seller, where its address starts and stops,
// and which blocks (bill-to, ship-to) never name it.
#include "SyntheticPage.h"
#include "agents/LayoutIndex.h"
#include "agents/LocalExtractor.h"
#include "agents/PartyCues.h"
#include "agents/PartyFinder.h"
#include "core/SchemaRegistry.h"

#include <QTest>

using namespace docket;
using namespace docket::test;

// One line of a synthetic receipt header: its text, font size and OCR confidence.
struct HeaderLine
{
    QString text;
    double size = 8;
    double confidence = 0.9;
};
Q_DECLARE_METATYPE(QList<HeaderLine>)

class TestPartyFinder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void receiptSeller_data();
    void receiptSeller();
    void receiptAddress_data();
    void receiptAddress();
    void addressAfterRegisteredName();
    void addressOnSenderLine();
    void invoiceLetterhead_data();
    void invoiceLetterhead();
    void customerNamePrintedAgain();
    void companyForms_data();
    void companyForms();
    void recipientBlockIsNoSeller();
    void payeeNamesSeller_data();
    void payeeNamesSeller();
    void weakCueLowConfidence();
    void titleLineIsNoName_data();
    void titleLineIsNoName();
    void footerNamesSeller_data();
    void footerNamesSeller();

private:
    Extraction run(const DocumentContent &content, const QString &type);
    static Page receipt(const QList<HeaderLine> &lines);
    SchemaRegistry m_registry;
};

static QList<HeaderLine> lines(std::initializer_list<const char *> texts)
{
    QList<HeaderLine> out;
    for (const char *t : texts)
        out.append({QString::fromUtf8(t)});
    return out;
}

void TestPartyFinder::initTestCase()
{
    m_registry.load();
    QVERIFY(m_registry.schema(QStringLiteral("receipt")));
    QVERIFY(m_registry.schema(QStringLiteral("commercial_invoice")));
}

Extraction TestPartyFinder::run(const DocumentContent &content, const QString &type)
{
    LocalExtractor extractor;
    AgentContext ctx;
    ctx.schemas = &m_registry;
    auto r = extractor.extract(content, *m_registry.schema(type), ctx);
    return r.ok() ? r.value() : Extraction{};
}

Page TestPartyFinder::receipt(const QList<HeaderLine> &header)
{
    SyntheticPage p(TextSource::Ocr, {226, 600});
    double y = 20;
    for (const HeaderLine &l : header) {
        p.text(20, y, l.text, l.size, l.confidence);
        y += l.size + 4;
    }
    p.text(10, y + 20, QStringLiteral("Date: 25/12/2018"), 8, 0.9)
        .text(10, y + 40, QStringLiteral("TOTAL 12.00"), 8, 0.9);
    return p.page();
}

void TestPartyFinder::receiptSeller_data()
{
    QTest::addColumn<QList<HeaderLine>>("header");
    QTest::addColumn<QString>("seller");
    QList<HeaderLine> h = lines({"TRI SHAAS SDN BHD (728515-M)", "MYDIN MART SRI MUDA",
                                 "4-20, Jalan Ria 25/62 Taman Sri Muda", "Tel : 03-51217970"});
    h[1].size = 10;
    QTest::newRow("registered company over the trade name")
        << h << QStringLiteral("TRI SHAAS SDN BHD");
    h = lines({"THREE STOOGES", "BISTRO & CAFE", "109, SS21/1A,", "DAMANSARA UTAMA"});
    h[1].size = 9;
    QTest::newRow("tagline under the name") << h << QStringLiteral("THREE STOOGES");
    h = lines({"PETRODELT ENIERPRISE", "Conpany No: SA0127959-0", "LOT 485, TMN LEMBAH KERAMAT",
               "54200 KUALA LUMPUR"});
    h[1].size = 9;
    QTest::newRow("label line and a misread legal form")
        << h << QStringLiteral("PETRODELT ENIERPRISE");
    QTest::newRow("the header ends at the tax-id line")
        << lines({"ZHENG HUI HARDWARE", "NO.89 JALAN PERMAS 9/5", "81760 JOHOR BAHRU",
                  "TEL : 07-386 7524", "GST NO : 000800589824", "CASH BILL",
                  "GOGIANT ENGINEERING SDN BHD"})
        << QStringLiteral("ZHENG HUI HARDWARE");
    QTest::newRow("bracketed registration number split by OCR")
        << lines({"99 SPEED MART S/B (519537: X)", "LOT 2811, JALAN ANGSA"})
        << QStringLiteral("99 SPEED MART S/B");
    h = lines({"Xqz kwt", "ZHENG HUI", "NO.89 JALAN PERMAS 9/5"});
    h[0].size = 12;
    h[0].confidence = 0.2;
    QTest::newRow("logo read as letters") << h << QStringLiteral("ZHENG HUI");
    h = lines({"NANDOS", "Chickenland Malaysia", "Sdn Bhd", "Unit G-13, Ground Floor, No.1",
               "50480 Kuala Lumpur"});
    h[0].size = 12;
    QTest::newRow("legal form alone on the next line")
        << h << QStringLiteral("Chickenland Malaysia Sdn Bhd");
    h = lines({"TQ FOR SHOPPING WITH myNEWS.com", "PAGOH SERVICE AREA", "LOT R1, JALAN PAGOH"});
    h[0].size = 10;
    QTest::newRow("greeting is no name") << h << QStringLiteral("PAGOH SERVICE AREA");
}

void TestPartyFinder::receiptSeller()
{
    QFETCH(QList<HeaderLine>, header);
    QFETCH(QString, seller);
    const Extraction e = run(contentOf({receipt(header)}), QStringLiteral("receipt"));
    QCOMPARE(e.value(QStringLiteral("seller_name")), seller);
}

void TestPartyFinder::receiptAddress_data()
{
    QTest::addColumn<QList<HeaderLine>>("header");
    QTest::addColumn<QString>("address");
    QTest::newRow("stops at a misread tax-id line")
        << lines({"MR DIY (M) SDN BHD", "LOT 1851-A, JALAN KPB 6,", "43300 SERI KEMBANGAN,",
                  "(G51 ID No :001092886528)", "(CHERAS LEISURE MALL)"})
        << QStringLiteral("LOT 1851-A, JALAN KPB 6, 43300 SERI KEMBANGAN,");
    QTest::newRow("skips the tagline and labelled details")
        << lines({"PETRODELI ENTERPRISE", "CAFE & BAKERY", "Site: 2395", "LOT 485, TMN LEMBAH",
                  "54200 KUALA LUMPUR"})
        << QStringLiteral("LOT 485, TMN LEMBAH 54200 KUALA LUMPUR");
    QTest::newRow("blank line under the name")
        << lines({"WARAKUYA PERMAS CITY SDN BHD", "", "Reg No: 1203194-VW", "JALAN PERMAS UTARA",
                  "81750 MASAI JOHOR"})
        << QStringLiteral("JALAN PERMAS UTARA 81750 MASAI JOHOR");
    QTest::newRow("stops at the receipt's body")
        << lines({"ASIA MART SDN BHD", "18, JALAN PERMAS 10/7", "MASAI, JOHOR", "TABLE 4"})
        << QStringLiteral("18, JALAN PERMAS 10/7 MASAI, JOHOR");
    QTest::newRow("stops at a web address")
        << lines({"NEWS RETAIL SDN BHD", "LOT R1, JALAN PAGOH", "84600 PAGOH, JOHOR",
                  "VISIT mynews.com.my"})
        << QStringLiteral("LOT R1, JALAN PAGOH 84600 PAGOH, JOHOR");
    QTest::newRow("trade name under the registered name")
        << lines({"TRI SHAAS SDN BHD (728515-M)", "MYDIN MART SRI MUDA", "4-20, Jalan Ria 25/62",
                  "40400 Shah Alam"})
        << QStringLiteral("4-20, Jalan Ria 25/62 40400 Shah Alam");
    QTest::newRow("stops at the opening hours")
        << lines(
               {"ASIA MART SDN BHD", "18, JALAN PERMAS 10/7", "MASAI, JOHOR", "DAILY 10AM - 10PM"})
        << QStringLiteral("18, JALAN PERMAS 10/7 MASAI, JOHOR");
    QTest::newRow("date line between name and street")
        << lines({"UNIHAKKA INTERNATIONAL SDN BHD", "05 Mar 2018 18:24", "(867388-U)",
                  "12, Jalan Tampoi 7/4,", "81200 Johor Bahru"})
        << QStringLiteral("12, Jalan Tampoi 7/4, 81200 Johor Bahru");
    QTest::newRow("address label dropped")
        << lines({"SUN TRADING SDN BHD", "Address: NO 5, JALAN BESAR,", "43000 KAJANG"})
        << QStringLiteral("NO 5, JALAN BESAR, 43000 KAJANG");
    QList<HeaderLine> h =
        lines({"SUN TRADING SDN BHD", "NO 5, JALAN BESAR,", "a ~ .", "43000 KAJANG"});
    QTest::newRow("skips OCR noise") << h << QStringLiteral("NO 5, JALAN BESAR, 43000 KAJANG");
}

void TestPartyFinder::receiptAddress()
{
    QFETCH(QList<HeaderLine>, header);
    QFETCH(QString, address);
    const Extraction e = run(contentOf({receipt(header)}), QStringLiteral("receipt"));
    QCOMPARE(e.value(QStringLiteral("seller_address")), address);
}

void TestPartyFinder::addressAfterRegisteredName()
{
    // A brand's logo above the operating company: the address starts under the company.
    SyntheticPage p(TextSource::Ocr, {226, 600});
    p.text(20, 20, QStringLiteral("BURGERS"), 8, 0.9)
        .text(20, 32, QStringLiteral("Golden Arches Restaurants Sdn Bhd"), 8, 0.9)
        .text(20, 44, QStringLiteral("Level 6, Bangunan TH, Jalan SS21/39,"), 8, 0.9)
        .text(20, 56, QStringLiteral("47400 Petaling Jaya"), 8, 0.9);
    const DocumentContent content = contentOf({p.page()});
    const LayoutIndex index(content);
    const PartyFinder finder(index, {}, {});
    const QList<int> name = index.rows().at(index.pageRows(0).at(0)).words;
    QCOMPARE(index.text(finder.addressBelow(name)),
             QStringLiteral("Level 6, Bangunan TH, Jalan SS21/39, 47400 Petaling Jaya"));
}

void TestPartyFinder::addressOnSenderLine()
{
    // The sender line over the address window holds the seller's address; the block under
    // it is the customer's.
    SyntheticPage p;
    p.text(60, 100, QStringLiteral("Acme Hosting AG - Uferweg 40-42 - D-63571 Gelnhausen"), 7)
        .text(60, 116, QStringLiteral("Example Ltd."))
        .text(60, 130, QStringLiteral("93B Sai Yu Chung"))
        .text(60, 144, QStringLiteral("Hong Kong"))
        .text(60, 200, QStringLiteral("Rechnungsnr. 30064443"))
        .text(60, 220, QStringLiteral("Summe EUR 34,73"));
    const Extraction e = run(contentOf({p.page()}), QStringLiteral("commercial_invoice"));
    QCOMPARE(e.value(QStringLiteral("seller_name")), QStringLiteral("Acme Hosting AG"));
    QCOMPARE(e.value(QStringLiteral("seller_address")),
             QStringLiteral("Uferweg 40-42 D-63571 Gelnhausen"));
}

void TestPartyFinder::invoiceLetterhead_data()
{
    QTest::addColumn<bool>("german");
    QTest::newRow("english, title left, letterhead right") << false;
    QTest::newRow("german, legal footer") << true;
}

void TestPartyFinder::invoiceLetterhead()
{
    // Common invoice layouts keep their letterhead: the buyer's block (with its own legal
    // form) and the footer's bank and registry lines change nothing.
    QFETCH(bool, german);
    SyntheticPage p;
    if (german) {
        p.text(380, 40, QStringLiteral("Müller Werkzeuge GmbH"), 16)
            .text(380, 62, QStringLiteral("Industriestraße 12"))
            .text(380, 76, QStringLiteral("70173 Stuttgart"))
            .text(60, 120,
                  QStringLiteral("Müller Werkzeuge GmbH · Industriestraße 12 · 70173 Stuttgart"), 6)
            .text(60, 134, QStringLiteral("Schmidt Bau AG"))
            .text(60, 148, QStringLiteral("Hauptstraße 5"))
            .text(60, 162, QStringLiteral("10115 Berlin"))
            .text(60, 220, QStringLiteral("Rechnung"), 16)
            .text(60, 250, QStringLiteral("Rechnungsnr.: 2024-117"))
            .text(60, 300, QStringLiteral("Gesamtbetrag EUR 1.190,00"))
            .text(60, 740,
                  QStringLiteral("Kontoinhaber: Müller Werkzeuge GmbH IBAN DE89 3704 0044"), 7)
            .text(60, 752,
                  QStringLiteral("Amtsgericht Stuttgart HRB 12345 Geschäftsführer: Hans Müller"),
                  7);
    } else {
        p.text(40, 40, QStringLiteral("INVOICE"), 24)
            .text(380, 40, QStringLiteral("Acme Widgets Inc."), 14)
            .text(380, 58, QStringLiteral("500 Market Street"))
            .text(380, 72, QStringLiteral("San Francisco, CA 94105"))
            .text(380, 86, QStringLiteral("Phone: (415) 555-0100"))
            .text(40, 130, QStringLiteral("Bill To:"))
            .text(40, 144, QStringLiteral("Globex Corporation"))
            .text(40, 158, QStringLiteral("12 Elm Road"))
            .text(40, 172, QStringLiteral("Springfield, IL 62701"))
            .text(380, 130, QStringLiteral("Invoice #: 1042"))
            .text(40, 300, QStringLiteral("Total: $1,041.25"));
    }
    const Extraction e = run(contentOf({p.page()}), QStringLiteral("commercial_invoice"));
    QCOMPARE(e.value(QStringLiteral("seller_name")), german
                                                         ? QStringLiteral("Müller Werkzeuge GmbH")
                                                         : QStringLiteral("Acme Widgets Inc."));
    QCOMPARE(e.value(QStringLiteral("seller_address")),
             german ? QStringLiteral("Industriestraße 12 70173 Stuttgart")
                    : QStringLiteral("500 Market Street San Francisco, CA 94105"));
}

void TestPartyFinder::customerNamePrintedAgain()
{
    // The subscriber's name in the address window is the one under "Nom de l'abonné".
    SyntheticPage p;
    p.text(40, 40, QStringLiteral("Jean Dupont"), 14)
        .text(40, 60, QStringLiteral("35 rue du Port"))
        .text(40, 74, QStringLiteral("69100 Villeurbanne"))
        .text(400, 40, QStringLiteral("Fibra Telecom"), 11)
        .text(400, 56, QStringLiteral("75371 Paris Cedex 08"))
        .text(300, 120, QString::fromUtf8("Nom de l’abonné"))
        .text(300, 134, QStringLiteral("Jean Dupont"))
        .text(40, 200, QString::fromUtf8("Facture n°562044387"))
        .text(40, 220, QString::fromUtf8("Total 29,99 €"));
    const Extraction e = run(contentOf({p.page()}), QStringLiteral("commercial_invoice"));
    QCOMPARE(e.value(QStringLiteral("seller_name")), QStringLiteral("Fibra Telecom"));
}

void TestPartyFinder::companyForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ocr");
    QTest::addColumn<int>("form");
    const int none = int(PartyCues::Form::None), trade = int(PartyCues::Form::Trade),
              legal = int(PartyCues::Form::Legal);
    QTest::newRow("sdn bhd") << QStringLiteral("MR D.I.Y. (M) SDN BHD") << true << legal;
    QTest::newRow("slashed") << QStringLiteral("99 SPEED MART S/B") << true << legal;
    QTest::newRow("dotted") << QStringLiteral("e-Luscious Nederland B.V.") << false << legal;
    QTest::newRow("prefix") << QStringLiteral("PERNIAGAAN ZHENG HUI") << true << legal;
    QTest::newRow("misread on a scan") << QStringLiteral("PETRODELT ENIERPRISE") << true << legal;
    QTest::newRow("misread on a text layer")
        << QStringLiteral("PETRODELT ENIERPRISE") << false << none;
    QTest::newRow("trade word") << QStringLiteral("MYDIN MART SRI MUDA") << true << trade;
    QTest::newRow("lower-case noise") << QStringLiteral("KLANG, RKELEY oy)") << true << none;
    QTest::newRow("capitalised short form") << QStringLiteral("Nokia Oy") << false << legal;
}

void TestPartyFinder::companyForms()
{
    QFETCH(QString, text);
    QFETCH(bool, ocr);
    QFETCH(int, form);
    QCOMPARE(int(PartyCues::companyForm(text, ocr)), form);
}

void TestPartyFinder::recipientBlockIsNoSeller()
{
    // The ship-to column's shop name is the recipient's, however shop-like it reads.
    SyntheticPage p;
    p.text(40, 40, QStringLiteral("Sammy Maystone"), 14)
        .text(450, 40, QStringLiteral("INVOICE"), 20)
        .text(40, 60, QStringLiteral("smaystone4@fake.com"))
        .text(40, 120, QStringLiteral("Bill To:"))
        .text(200, 120, QStringLiteral("Ship To:"))
        .text(40, 134, QStringLiteral("Taylor Riddel"))
        .text(200, 134, QStringLiteral("Taylor's Store"))
        .text(40, 200, QStringLiteral("Total: $127.50"));
    const Extraction e = run(contentOf({p.page()}), QStringLiteral("commercial_invoice"));
    QCOMPARE(e.value(QStringLiteral("seller_name")), QStringLiteral("Sammy Maystone"));
}

void TestPartyFinder::payeeNamesSeller_data()
{
    QTest::addColumn<QString>("line");
    QTest::newRow("fr") << QStringLiteral("Virement BRED – Titulaire du compte : NETPRESSE");
    QTest::newRow("en") << QStringLiteral("Account holder: NETPRESSE");
    QTest::newRow("de") << QStringLiteral("Kontoinhaber: NETPRESSE");
    QTest::newRow("beneficiary") << QStringLiteral("Beneficiary: NETPRESSE");
}

void TestPartyFinder::payeeNamesSeller()
{
    // The top block is the customer's address; the bank details name the seller.
    QFETCH(QString, line);
    SyntheticPage p;
    p.text(40, 40, QStringLiteral("ALEXINUX"), 12)
        .text(40, 56, QStringLiteral("de Lattre Alexis"))
        .text(40, 70, QStringLiteral("27 rue Henri Rolland"))
        .text(40, 84, QStringLiteral("69100 Villeurbanne"))
        .text(40, 120, QStringLiteral("Facture n° 2022089083"))
        .text(40, 140, QStringLiteral("Total TTC : 56,02 €"))
        .text(40, 300, line)
        .text(40, 314, QStringLiteral("IBAN : FR76 1010 7002 4500 6170 5231 739"));
    const Extraction e = run(contentOf({p.page()}), QStringLiteral("commercial_invoice"));
    QCOMPARE(e.value(QStringLiteral("seller_name")), QStringLiteral("NETPRESSE"));
}

void TestPartyFinder::weakCueLowConfidence()
{
    // A registered name on top is surer than a capitalised line with nothing to back it.
    SyntheticPage strong(TextSource::Ocr, {226, 600});
    strong.text(20, 20, QStringLiteral("ZHENG HUI TRADING SDN BHD (12345-X)"), 8, 0.9)
        .text(20, 32, QStringLiteral("NO.89 JALAN PERMAS 9/5"), 8, 0.9)
        .text(20, 44, QStringLiteral("81760 JOHOR BAHRU"), 8, 0.9)
        .text(20, 80, QStringLiteral("TOTAL 12.00"), 8, 0.9);
    SyntheticPage weak(TextSource::Ocr, {226, 600});
    weak.text(20, 20, QStringLiteral("Zheng Hui"), 8, 0.6)
        .text(20, 80, QStringLiteral("TOTAL 12.00"), 8, 0.9);
    const Field s = run(contentOf({strong.page()}), QStringLiteral("receipt"))
                        .fields.value(QStringLiteral("seller_name"));
    const Field w = run(contentOf({weak.page()}), QStringLiteral("receipt"))
                        .fields.value(QStringLiteral("seller_name"));
    QCOMPARE(s.value, QStringLiteral("ZHENG HUI TRADING SDN BHD"));
    QVERIFY2(w.value.isEmpty() || w.confidence < 0.5, qPrintable(QString::number(w.confidence)));
    QVERIFY(s.confidence > 0.8);
}

void TestPartyFinder::titleLineIsNoName_data()
{
    QTest::addColumn<QString>("title");
    QTest::newRow("qualified title") << QStringLiteral("Kopie factuur");
    QTest::newRow("payment receipt") << QStringLiteral("PAYMENT RECEIPT");
    QTest::newRow("section heading") << QStringLiteral("Hotel Details");
    QTest::newRow("plural title") << QStringLiteral("Orders");
    QTest::newRow("dates heading") << QStringLiteral("Schedule Dates");
}

void TestPartyFinder::titleLineIsNoName()
{
    // No letterhead in the text layer (a logo): the title or a heading is not the seller.
    QFETCH(QString, title);
    SyntheticPage p;
    p.text(40, 40, title, 16)
        .text(40, 80, QStringLiteral("Factuurnummer: VF1005193039"))
        .text(40, 100, QStringLiteral("Bedrag 49,99"))
        .text(40, 120, QStringLiteral("Total 49,99"));
    const Extraction e = run(contentOf({p.page()}), QStringLiteral("commercial_invoice"));
    QCOMPARE(e.value(QStringLiteral("seller_name")), QString());
}

void TestPartyFinder::footerNamesSeller_data()
{
    QTest::addColumn<QStringList>("footer");
    QTest::addColumn<QString>("seller");
    QTest::newRow("signature block") << sl({"This is a computer generated invoice.",
                                            "For Acme Retail Pvt. Ltd.", "(Authorized Signatory)"})
                                     << QStringLiteral("Acme Retail Pvt. Ltd.");
    QTest::newRow("registered office")
        << sl({"Regd. office: Acme Retail Private Limited, Tech Park, Hosur Road, Bangalore"})
        << QStringLiteral("Acme Retail Private Limited");
    QTest::newRow("legal mentions")
        << sl({"Acme SAS au capital de 3.441.812 Euros - B 421 938 861 RCS Paris"})
        << QStringLiteral("Acme SAS");
}

void TestPartyFinder::footerNamesSeller()
{
    // The top block names only the customer, without a legal form; the small print names the
    // seller.
    QFETCH(QStringList, footer);
    QFETCH(QString, seller);
    SyntheticPage p;
    p.text(40, 40, QStringLiteral("Jean Dupont"), 12)
        .text(40, 56, QStringLiteral("35 rue du Port"))
        .text(40, 70, QStringLiteral("69100 Villeurbanne"))
        .text(40, 120, QStringLiteral("Invoice No: 562044387"))
        .text(40, 140, QStringLiteral("Total: 29.99"));
    double y = 700;
    for (const QString &line : std::as_const(footer)) {
        p.text(40, y, line, 8);
        y += 12;
    }
    const Extraction e = run(contentOf({p.page()}), QStringLiteral("commercial_invoice"));
    QCOMPARE(e.value(QStringLiteral("seller_name")), seller);
    QVERIFY(e.fields.value(QStringLiteral("seller_name")).confidence < 0.6);
}

QTEST_GUILESS_MAIN(TestPartyFinder)
#include "test_party_finder.moc"
