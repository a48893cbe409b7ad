#include "SyntheticPage.h"
#include "agents/LocalClassifier.h"
#include "agents/LocalExtractor.h"
#include "core/SchemaRegistry.h"

#include <QTest>

using namespace docket;
using namespace docket::test;

// The built-in types in the languages of European trade documents: each document is
// classified by its own words and its key fields are read at their own labels.
class TestLanguages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_registry.load(); }
    void classifiedAndRead_data();
    void classifiedAndRead();

private:
    SchemaRegistry m_registry;
};

namespace {

// Lines top to bottom; "a|b" puts b in a second column, as label and value are printed.
DocumentContent doc(const QStringList &lines)
{
    SyntheticPage p;
    double y = 40;
    for (int i = 0; i < lines.size(); ++i) {
        const double size = i == 0 ? 16 : 10;
        const QStringList cols = lines.at(i).split(QLatin1Char('|'));
        p.text(50, y, cols.first(), size);
        if (cols.size() > 1)
            p.text(300, y, cols.at(1), size);
        y += size + 8;
    }
    return contentOf({p.page()});
}

} // namespace

void TestLanguages::classifiedAndRead_data()
{
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QStringList>("expected"); // field=value

    QTest::newRow("German till receipt")
        << sl({"Bäckerei Sonnenschein GmbH", "Hauptstraße 12, 80331 München", "KASSENBON",
               "Bon-Nr.:|4711", "Datum:|14.03.2024", "Brötchen 6 x 0,45|2,70", "Kaffee|3,20",
               "Summe EUR|5,90", "MwSt. 7%|0,39", "Gegeben Bar|10,00", "Rückgeld|4,10",
               "Vielen Dank für Ihren Einkauf"})
        << "receipt"
        << sl({"receipt_number=4711", "receipt_date=2024-03-14", "total_amount=5.90",
               "tax_amount=0.39"});
    QTest::newRow("French packing list")
        << sl({"LISTE DE COLISAGE", "Expéditeur :|Ateliers Martin SARL",
               "Destinataire :|Nordhandel GmbH", "Facture n° :|F-2024-118", "Nombre de colis :|12",
               "Poids brut :|480,5 kg", "Poids net :|452,0 kg"})
        << "packing_list"
        << sl({"total_packages=12", "total_gross_weight=480.5", "total_net_weight=452",
               "invoice_number=F-2024-118"});
    QTest::newRow("Spanish invoice")
        << sl({"FACTURA", "Suministros Ibéricos S.L.", "Número de factura:|2024-0457",
               "Fecha de factura:|05/02/2024", "Fecha de vencimiento:|06/03/2024",
               "Cliente:|Comercial Norte S.A.", "Base imponible|1.000,00 €", "IVA 21%|210,00 €",
               "Importe total|1.210,00 €"})
        << "commercial_invoice"
        << sl({"invoice_number=2024-0457", "invoice_date=2024-02-05", "due_date=2024-03-06",
               "subtotal=1000.00", "tax_amount=210.00", "total_amount=1210.00"});
    QTest::newRow("Italian certificate of origin")
        << sl({"CERTIFICATO DI ORIGINE", "Esportatore:|Ceramiche Toscane S.p.A.",
               "Destinatario:|Keramik Import AG", "Paese di origine: Italia",
               "Data di emissione:|12/04/2024", "Camera di Commercio di Firenze"})
        << "certificate" << sl({"issue_date=2024-04-12", "country_of_origin=Italia"});
}

void TestLanguages::classifiedAndRead()
{
    QFETCH(QStringList, lines);
    QFETCH(QString, type);
    QFETCH(QStringList, expected);
    AgentContext ctx;
    ctx.schemas = &m_registry;
    const DocumentContent content = doc(lines);
    LocalClassifier classifier;
    const auto c = classifier.classify(content, ctx);
    QVERIFY(c.ok());
    QCOMPARE(c.value().documentType, type);
    LocalExtractor extractor;
    const auto e = extractor.extract(content, *m_registry.schema(type), ctx);
    QVERIFY(e.ok());
    for (const QString &pair : expected) {
        const QString field = pair.section(QLatin1Char('='), 0, 0);
        QCOMPARE(e.value().value(field), pair.section(QLatin1Char('='), 1));
    }
}

QTEST_GUILESS_MAIN(TestLanguages)
#include "test_languages.moc"
