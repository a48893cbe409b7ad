#include "SyntheticPage.h"
#include "agents/AnchorMatcher.h"
#include "agents/LayoutIndex.h"
#include "agents/LocalExtractor.h"
#include "core/SchemaRegistry.h"

#include <QTest>

using namespace docket;
using namespace docket::test;

// Labels qualified as another or an earlier number ("Alt Order #", "Previous Invoice No")
// name a reference; the document's own number is read at the plain label.
class TestAnchorMatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_registry.load(); }
    void qualifierMarksSecondary_data();
    void qualifierMarksSecondary();
    void ownNumberBeatsAlternate_data();
    void ownNumberBeatsAlternate();

private:
    SchemaRegistry m_registry;
};

void TestAnchorMatcher::qualifierMarksSecondary_data()
{
    QTest::addColumn<QString>("before"); // the word left of the label
    QTest::addColumn<double>("gap");     // space between it and the label, in points
    QTest::addColumn<bool>("secondary");
    QTest::newRow("plain") << QString() << 0.0 << false;
    QTest::newRow("alt") << QStringLiteral("Alt") << 5.0 << true;
    QTest::newRow("alt, stretched spaces") << QStringLiteral("Alt") << 16.0 << true;
    QTest::newRow("previous") << QStringLiteral("Previous") << 5.0 << true;
    QTest::newRow("another word") << QStringLiteral("Your") << 5.0 << false;
    QTest::newRow("another cell") << QStringLiteral("Alt") << 120.0 << false;
}

void TestAnchorMatcher::qualifierMarksSecondary()
{
    QFETCH(QString, before);
    QFETCH(double, gap);
    QFETCH(bool, secondary);
    SyntheticPage p;
    const double x = 40 + 5.0 * before.size() + gap; // 10 pt text: 5 pt a character
    if (!before.isEmpty())
        p.text(40, 100, before);
    p.text(x, 100, QStringLiteral("Order #: 7"));
    const LayoutIndex index(contentOf({p.page()}));
    FieldSpec spec;
    spec.name = QStringLiteral("purchase_order");
    spec.kind = FieldKind::Identifier;
    spec.anchors = {QStringLiteral("order #")};
    AnchorMatcher matcher(index);
    const QList<AnchorHit> hits = matcher.match({spec}).value(spec.name);
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.first().secondary, secondary);
}

void TestAnchorMatcher::ownNumberBeatsAlternate_data()
{
    QTest::addColumn<bool>("alternateFirst");
    QTest::newRow("alternate above") << true;
    QTest::newRow("alternate below") << false;
}

void TestAnchorMatcher::ownNumberBeatsAlternate()
{
    QFETCH(bool, alternateFirst);
    SyntheticPage p;
    p.text(250, 40, QStringLiteral("ORDER"), 16);
    const double own = alternateFirst ? 90 : 76;
    const double alt = alternateFirst ? 76 : 90;
    // A section name before the label, as order forms print them ("Orders  Order / Rev:").
    p.text(20, own, QStringLiteral("Orders Order / Rev:")).text(160, own, QStringLiteral("386035"));
    p.text(80, alt, QStringLiteral("Alt Order #:")).text(160, alt, QStringLiteral("09825134"));
    p.text(60, 120, QStringLiteral("Advertiser: Example Campaign"));
    p.text(60, 140, QStringLiteral("Gross Amount: $2,155.00"));
    LocalExtractor extractor;
    AgentContext ctx;
    ctx.schemas = &m_registry;
    const auto r = extractor.extract(contentOf({p.page()}),
                                     *m_registry.schema(QStringLiteral("commercial_invoice")), ctx);
    QVERIFY(r.ok());
    QCOMPARE(r.value().value(QStringLiteral("purchase_order")), QStringLiteral("386035"));
}

QTEST_GUILESS_MAIN(TestAnchorMatcher)
#include "test_anchor_matcher.moc"
