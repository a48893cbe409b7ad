#include "SyntheticPage.h"
#include "agents/LocalClassifier.h"
#include "core/SchemaRegistry.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace docket;
using namespace docket::test;

class TestLocalClassifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void builtInTypes_data();
    void builtInTypes();
    void userSchema();
    void noSchemas();

private:
    SchemaRegistry m_registry;
};

void TestLocalClassifier::initTestCase()
{
    m_registry.load();
}

static DocumentContent doc(const QStringList &lines, TextSource source = TextSource::TextLayer,
                           double titleSize = 18)
{
    SyntheticPage p(source);
    double y = 40;
    for (int i = 0; i < lines.size(); ++i) {
        const double size = i == 0 ? titleSize : 10;
        p.text(50, y, lines.at(i), size, 0.9);
        y += size + 6;
    }
    return contentOf({p.page()});
}

void TestLocalClassifier::builtInTypes_data()
{
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("type");
    QTest::newRow("invoice") << sl({"INVOICE", "Invoice No: 123", "Invoice Date: 2024-01-02",
                                    "Bill To: Globex", "Description Qty Unit Price Amount",
                                    "Subtotal 10.00", "VAT 1.90", "Total Due 11.90"})
                             << "commercial_invoice";
    QTest::newRow("packing list") << sl({"PACKING LIST", "Shipper: Nordic Parts AB",
                                         "Consignee: Pacific Imports", "Packing List No: PL-1",
                                         "Marks Packages Description Gross Weight",
                                         "Total Packages: 15", "Total Gross Weight: 370.5 KG",
                                         "Net Weight 355 KG"})
                                  << "packing_list";
    QTest::newRow("certificate") << sl({"CERTIFICATE OF ORIGIN", "Certificate No: CO-1",
                                        "Exporter: Rossi", "Consignee: Oak",
                                        "Country of origin: Italy",
                                        "We hereby certify that the goods originate in Italy",
                                        "Chamber of Commerce of Milan"})
                                 << "certificate";
    QTest::newRow("receipt") << sl({"KEDAI MAJU SDN BHD", "CASH RECEIPT", "Receipt No: 1",
                                    "Cashier: AMY", "TOTAL 8.70", "CASH 10.00", "CHANGE 1.30",
                                    "THANK YOU"})
                             << "receipt";
    QTest::newRow("letter") << sl({"Dear Sir or Madam", "We write to inform you about the meeting.",
                                   "The committee will gather next spring.", "Kind regards"})
                            << "other";
}

void TestLocalClassifier::builtInTypes()
{
    QFETCH(QStringList, lines);
    QFETCH(QString, type);
    LocalClassifier classifier;
    AgentContext ctx;
    ctx.schemas = &m_registry;
    const auto r = classifier.classify(doc(lines), ctx);
    QVERIFY(r.ok());
    QCOMPARE(r.value().documentType, type);
    QVERIFY(r.value().confidence > 0.5 && r.value().confidence <= 1.0);
    // Scores are a distribution over all types.
    double sum = 0;
    for (double s : r.value().scores)
        sum += s;
    QVERIFY(qAbs(sum - 1.0) < 1e-6);
    QVERIFY(r.value().scores.contains(QStringLiteral("other")));
}

void TestLocalClassifier::userSchema()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("bill_of_lading.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"name": "bill_of_lading", "label": "Bill of lading",
      "titles": ["bill of lading"],
      "keywords": ["vessel", "port of loading", "port of discharge", "notify party", "carrier"],
      "fields": [{"name": "bl_number", "kind": "identifier", "anchors": ["b/l no", "bl number"]},
                 {"name": "vessel", "kind": "text", "anchors": ["vessel"]}]})");
    f.close();
    SchemaRegistry registry;
    QVERIFY(registry.load({dir.path()}).isEmpty());
    LocalClassifier classifier;
    AgentContext ctx;
    ctx.schemas = &registry;
    const auto r =
        classifier.classify(doc(sl({"BILL OF LADING", "B/L No: MSCU1234", "Vessel: MSC Aurora",
                                    "Port of loading: Genoa", "Port of discharge: Newark",
                                    "Notify party: Oak Hardware", "Carrier: MSC"})),
                            ctx);
    QVERIFY(r.ok());
    QCOMPARE(r.value().documentType, QStringLiteral("bill_of_lading"));
}

void TestLocalClassifier::noSchemas()
{
    LocalClassifier classifier;
    AgentContext ctx;
    QVERIFY(!classifier.classify(doc(sl({"INVOICE"})), ctx).ok());
}

QTEST_GUILESS_MAIN(TestLocalClassifier)
#include "test_local_classifier.moc"
