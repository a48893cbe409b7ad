#include "SyntheticPage.h"
#include "agents/LocalExtractor.h"
#include "agents/VendorMemory.h"
#include "core/SchemaRegistry.h"

#include <QTest>

using namespace docket;
using namespace docket::test;

class TestVendorMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void learnsNonStandardLabel();
    void learnsUnlabelledTotal();
    void survivesJson();
    void otherVendorUntouched();
    void invalidJson();

private:
    Extraction run(const DocumentContent &content, const VendorMemory *memory);
    SchemaRegistry m_registry;
};

// An invoice of one vendor whose number sits behind "Ref. doc" (no rule knows that label)
// and whose total has no label at all; dy shifts the body down as another month's would.
static DocumentContent vendorInvoice(const QString &number, const QString &total,
                                     const QString &seller = QStringLiteral("Zenith Supplies Ltd"),
                                     double dy = 0)
{
    SyntheticPage p;
    p.text(50, 40, seller, 14)
        .text(50, 60, QStringLiteral("12 Harbour Road, Leeds"))
        .text(450, 40, QStringLiteral("INVOICE"), 18)
        .text(350, 100 + dy, QStringLiteral("Ref. doc ") + number)
        .text(350, 114 + dy, QStringLiteral("Issued 02/03/2024"))
        .text(50, 140 + dy, QStringLiteral("Bill To: Orion Retail"))
        .text(50, 200 + dy, QStringLiteral("Widgets assorted"))
        .text(300, 200 + dy, QStringLiteral("2"))
        .text(470, 200 + dy, QStringLiteral("20.00"))
        .text(470, 300 + dy, QStringLiteral("GBP ") + total);
    return contentOf({p.page()});
}

void TestVendorMemory::initTestCase()
{
    m_registry.load();
}

Extraction TestVendorMemory::run(const DocumentContent &content, const VendorMemory *memory)
{
    LocalExtractor extractor;
    AgentContext ctx;
    ctx.schemas = &m_registry;
    ctx.memory = memory;
    auto r =
        extractor.extract(content, *m_registry.schema(QStringLiteral("commercial_invoice")), ctx);
    return r.ok() ? r.value() : Extraction{};
}

static Extraction corrected(Extraction e, const QString &field, const QString &value)
{
    Field f = e.fields.value(field);
    f.name = field;
    f.value = value;
    f.raw = value;
    f.source = QStringLiteral("reviewer");
    f.confidence = 1.0;
    f.bbox = QRectF(); // typed in by the reviewer: no box
    f.page = 0;
    e.fields.insert(field, f);
    return e;
}

void TestVendorMemory::learnsNonStandardLabel()
{
    const DocumentContent first =
        vendorInvoice(QStringLiteral("55123"), QStringLiteral("1,250.00"));
    const Extraction e1 = run(first, nullptr);
    QVERIFY(e1.value(QStringLiteral("invoice_number")) != QLatin1String("55123"));

    VendorMemory memory;
    QCOMPARE(memory.learn(first,
                          corrected(e1, QStringLiteral("invoice_number"), QStringLiteral("55123")),
                          {QStringLiteral("invoice_number")}),
             1);

    const DocumentContent second =
        vendorInvoice(QStringLiteral("77410"), QStringLiteral("980.40"), {}, 24);
    const Extraction e2 = run(second, &memory);
    QCOMPARE(e2.value(QStringLiteral("invoice_number")), QStringLiteral("77410"));
    const Field f = e2.fields.value(QStringLiteral("invoice_number"));
    QVERIFY(f.confidence >= 0.9);
    QCOMPARE(f.source, QStringLiteral("text_layer"));
    QCOMPARE(f.page, 1);
    QVERIFY(qAbs(f.bbox.top() - 124) < 0.5); // read where the label is now
}

void TestVendorMemory::learnsUnlabelledTotal()
{
    const DocumentContent first =
        vendorInvoice(QStringLiteral("55123"), QStringLiteral("1,250.00"));
    Extraction e1 = run(first, nullptr);
    VendorMemory memory;
    // All fields a reviewer touched (source "reviewer") are learnt when none are named.
    QVERIFY(memory.learn(
                first,
                corrected(corrected(e1, QStringLiteral("invoice_number"), QStringLiteral("55123")),
                          QStringLiteral("total_amount"), QStringLiteral("1250.00"))) >= 2);
    const Extraction e2 =
        run(vendorInvoice(QStringLiteral("77410"), QStringLiteral("980.40")), &memory);
    QCOMPARE(e2.value(QStringLiteral("total_amount")), QStringLiteral("980.40"));
    QCOMPARE(e2.value(QStringLiteral("invoice_number")), QStringLiteral("77410"));
}

void TestVendorMemory::survivesJson()
{
    const DocumentContent first =
        vendorInvoice(QStringLiteral("55123"), QStringLiteral("1,250.00"));
    VendorMemory memory;
    memory.learn(
        first,
        corrected(run(first, nullptr), QStringLiteral("invoice_number"), QStringLiteral("55123")),
        {QStringLiteral("invoice_number")});
    QCOMPARE(memory.layouts().size(), 1);
    const VendorMemory::Layout &l = memory.layouts().first();
    QCOMPARE(l.documentType, QStringLiteral("commercial_invoice"));
    QVERIFY(!l.vendorKey.isEmpty());

    auto restored = VendorMemory::fromJson(memory.toJson());
    QVERIFY(restored.ok());
    QCOMPARE(restored.value().toJson(), memory.toJson());

    // One layout at a time, as storage keeps it.
    VendorMemory fromRows;
    QVERIFY(fromRows.addLayoutJson(memory.layoutJson(l.vendorKey, l.documentType)).ok());
    const Extraction e2 =
        run(vendorInvoice(QStringLiteral("88001"), QStringLiteral("10.00")), &fromRows);
    QCOMPARE(e2.value(QStringLiteral("invoice_number")), QStringLiteral("88001"));
}

void TestVendorMemory::otherVendorUntouched()
{
    const DocumentContent first =
        vendorInvoice(QStringLiteral("55123"), QStringLiteral("1,250.00"));
    VendorMemory memory;
    memory.learn(
        first,
        corrected(run(first, nullptr), QStringLiteral("invoice_number"), QStringLiteral("55123")),
        {QStringLiteral("invoice_number")});
    // A different vendor with a different letterhead is not read with this layout.
    SyntheticPage p;
    p.text(50, 40, QStringLiteral("Harbor Freight Tools Inc"), 14)
        .text(50, 60, QStringLiteral("Calabasas California"))
        .text(350, 100, QStringLiteral("Ref. doc 99999"))
        .text(350, 130, QStringLiteral("Statement for customer account"));
    const Extraction other = run(contentOf({p.page()}), &memory);
    QVERIFY(other.value(QStringLiteral("invoice_number")) != QLatin1String("99999"));
}

void TestVendorMemory::invalidJson()
{
    QVERIFY(!VendorMemory::fromJson(QStringLiteral("{not json")).ok());
    VendorMemory m;
    QVERIFY(!m.addLayoutJson(QStringLiteral("[]")).ok());
    QVERIFY(!m.addLayoutJson(QStringLiteral("{}")).ok());
}

QTEST_GUILESS_MAIN(TestVendorMemory)
#include "test_vendor_memory.moc"
