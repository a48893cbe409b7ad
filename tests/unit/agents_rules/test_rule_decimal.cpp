#include "agents/RuleCurrencies.h"
#include "agents/RuleDecimal.h"

#include <QTest>

using namespace docket;

class TestRuleDecimal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void arithmetic();
    void multiply_data();
    void multiply();
    void halfUlp();
    void currencies();
};

void TestRuleDecimal::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("units");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("printed");
    QTest::newRow("integer") << "875" << true << qint64(875000000) << 0 << "875.00";
    QTest::newRow("cents") << "1041.25" << true << qint64(1041250000) << 2 << "1041.25";
    QTest::newRow("negative") << "-12.5" << true << qint64(-12500000) << 1 << "-12.50";
    QTest::newRow("blanks") << " 3.10 " << true << qint64(3100000) << 2 << "3.10";
    QTest::newRow("six decimals") << "0.123456" << true << qint64(123456) << 6 << "0.123456";
    QTest::newRow("rounded seventh") << "0.1234565" << true << qint64(123457) << 6 << "0.123457";
    QTest::newRow("leading zeros") << "0007.5" << true << qint64(7500000) << 1 << "7.50";
    QTest::newRow("trillion") << "999999999999.99" << true << qint64(999999999999990000LL) << 2
                              << "999999999999.99";
    QTest::newRow("too large") << "1000000000000" << false << qint64(0) << 0 << "";
    QTest::newRow("comma") << "1,041.25" << false << qint64(0) << 0 << "";
    QTest::newRow("decimal comma") << "12,5" << false << qint64(0) << 0 << "";
    QTest::newRow("empty") << "" << false << qint64(0) << 0 << "";
    QTest::newRow("dot only") << "." << false << qint64(0) << 0 << "";
    QTest::newRow("leading dot") << ".5" << false << qint64(0) << 0 << "";
    QTest::newRow("trailing dot") << "12." << false << qint64(0) << 0 << "";
    QTest::newRow("currency") << "USD 12" << false << qint64(0) << 0 << "";
    QTest::newRow("exponent") << "1e3" << false << qint64(0) << 0 << "";
    QTest::newRow("arabic-indic digits")
        << QString::fromUtf8("\u0661\u0662") << false << qint64(0) << 0 << "";
}

void TestRuleDecimal::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    const auto d = RuleDecimal::parse(text);
    QCOMPARE(d.has_value(), ok);
    if (!ok)
        return;
    QFETCH(qint64, units);
    QFETCH(int, decimals);
    QFETCH(QString, printed);
    QCOMPARE(d->units(), units);
    QCOMPARE(d->decimals(), decimals);
    QCOMPARE(d->toString(2), printed);
}

void TestRuleDecimal::arithmetic()
{
    // 0.1 + 0.2 is exactly 0.3, unlike binary floating point.
    const RuleDecimal sum =
        *RuleDecimal::parse(QStringLiteral("0.1")) + *RuleDecimal::parse(QStringLiteral("0.2"));
    QCOMPARE(sum, *RuleDecimal::parse(QStringLiteral("0.3")));
    QCOMPARE(sum.toString(0), QStringLiteral("0.3"));
    const RuleDecimal diff =
        *RuleDecimal::parse(QStringLiteral("870")) - *RuleDecimal::parse(QStringLiteral("875.00"));
    QCOMPARE(diff.toString(2), QStringLiteral("-5.00"));
    QCOMPARE(diff.abs().toString(2), QStringLiteral("5.00"));
    QVERIFY(diff < RuleDecimal());
}

void TestRuleDecimal::multiply_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("product");
    QTest::newRow("simple") << "12"
                            << "4.50"
                            << "54";
    QTest::newRow("fractional") << "2.5"
                                << "0.333333"
                                << "0.833333"; // 0.8333325 rounds up
    QTest::newRow("negative") << "-3"
                              << "1.10"
                              << "-3.3";
    QTest::newRow("half away from zero") << "-0.000001"
                                         << "0.5"
                                         << "-0.000001";
}

void TestRuleDecimal::multiply()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, product);
    const auto p = RuleDecimal::parse(a)->multiplied(*RuleDecimal::parse(b));
    QVERIFY(p.has_value());
    QCOMPARE(*p, *RuleDecimal::parse(product));
    const auto big = RuleDecimal::parse(QStringLiteral("999999999999"))
                         ->multiplied(*RuleDecimal::parse(QStringLiteral("10")));
    QVERIFY(!big.has_value());
}

void TestRuleDecimal::halfUlp()
{
    QCOMPARE(RuleDecimal::parse(QStringLiteral("875.00"))->halfUlp(2).toString(0),
             QStringLiteral("0.005"));
    QCOMPARE(RuleDecimal::parse(QStringLiteral("875"))->halfUlp(2).toString(0),
             QStringLiteral("0.005"));
    QCOMPARE(RuleDecimal::parse(QStringLiteral("0.3333"))->halfUlp(2).toString(0),
             QStringLiteral("0.00005"));
    QCOMPARE(RuleDecimal::parse(QStringLiteral("120"))->halfUlp(0).toString(0),
             QStringLiteral("0.5"));
}

void TestRuleDecimal::currencies()
{
    QVERIFY(RuleCurrencies::isActive(u"EUR"));
    QVERIFY(RuleCurrencies::isActive(u"USD"));
    QVERIFY(RuleCurrencies::isActive(u"XCG"));
    QVERIFY(RuleCurrencies::isActive(u"ZWG"));
    QVERIFY(!RuleCurrencies::isActive(u"HRK"));
    QVERIFY(RuleCurrencies::isWithdrawn(u"HRK"));
    QVERIFY(!RuleCurrencies::isActive(u"XXX"));
    QVERIFY(!RuleCurrencies::isActive(u"XTS"));
    QVERIFY(!RuleCurrencies::isActive(u"usd"));
    QVERIFY(!RuleCurrencies::isActive(u"US"));
    QVERIFY(!RuleCurrencies::isActive(u"ABC"));
    QVERIFY(RuleCurrencies::roughUsdValue(u"JPY").has_value());
    QVERIFY(!RuleCurrencies::roughUsdValue(u"XAU").has_value());
}

QTEST_GUILESS_MAIN(TestRuleDecimal)
#include "test_rule_decimal.moc"
