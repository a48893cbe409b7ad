#include "SyntheticPage.h"
#include "agents/AmountParser.h"
#include "agents/CurrencyParser.h"
#include "agents/DateParser.h"

#include <QTest>

using namespace docket;
using docket::test::sl;

Q_DECLARE_METATYPE(docket::DateOrder)

class TestValueParsers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dates_data();
    void dates();
    void dateOrderInferred();
    void compactDates_data();
    void compactDates();
    void noDates_data();
    void noDates();
    void amounts_data();
    void amounts();
    void amountsInText();
    void currencies_data();
    void currencies();
    void currencyOfDocument_data();
    void currencyOfDocument();
};

void TestValueParsers::dates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<DateOrder>("hint");
    QTest::addColumn<QString>("iso");
    QTest::addColumn<bool>("ambiguous");
    const auto dm = DateOrder::DayMonth, md = DateOrder::MonthDay, un = DateOrder::Unknown;
    QTest::newRow("us slashes") << "03/08/2014" << md << "2014-03-08" << true;
    QTest::newRow("eu slashes") << "03/08/2014" << dm << "2014-08-03" << true;
    QTest::newRow("unambiguous day first") << "25/12/2018" << md << "2018-12-25" << false;
    QTest::newRow("unambiguous month first") << "12/25/2018" << dm << "2018-12-25" << false;
    QTest::newRow("dots") << "20.11.2022" << un << "2022-11-20" << false;
    QTest::newRow("iso") << "2014-08-03" << md << "2014-08-03" << false;
    QTest::newRow("iso slashes") << "2019/01/12" << un << "2019-01-12" << false;
    QTest::newRow("day month-name year") << "3 Aug 2014" << md << "2014-08-03" << false;
    QTest::newRow("month-name day, year") << "August 3, 2014" << dm << "2014-08-03" << false;
    QTest::newRow("spaced comma") << "August 3 , 2014" << un << "2014-08-03" << false;
    QTest::newRow("abbrev two-digit year") << "12-Jan-19" << un << "2019-01-12" << false;
    QTest::newRow("ordinal") << "28th November 2022" << un << "2022-11-28" << false;
    QTest::newRow("german") << "3. März 2022" << un << "2022-03-03" << false;
    QTest::newRow("german december") << "1. Dezember 2021" << un << "2021-12-01" << false;
    QTest::newRow("french") << "le 28 novembre 2022" << un << "2022-11-28" << false;
    QTest::newRow("french accent") << "15 février 2020" << un << "2020-02-15" << false;
    QTest::newRow("two digit year") << "15-10-15" << un << "2015-10-15" << false;
    QTest::newRow("with time") << "Date: 25/12/2018 10:30 PM" << un << "2018-12-25" << false;
    QTest::newRow("dashes") << "20-10-2015" << un << "2015-10-20" << false;
    QTest::newRow("label glued") << "Date:03/08/2014" << md << "2014-03-08" << true;
}

void TestValueParsers::dates()
{
    QFETCH(QString, text);
    QFETCH(DateOrder, hint);
    QFETCH(QString, iso);
    QFETCH(bool, ambiguous);
    const DateMatch m = DateParser::parse(text, hint);
    QVERIFY2(m.date.isValid(), qPrintable(text));
    QCOMPARE(m.iso(), iso);
    QCOMPARE(m.ambiguous, ambiguous);
}

void TestValueParsers::dateOrderInferred()
{
    QCOMPARE(DateParser::inferOrder(
                 {QStringLiteral("Invoice 03/08/2014"), QStringLiteral("Due 25/08/2014")}),
             DateOrder::DayMonth);
    QCOMPARE(DateParser::inferOrder({QStringLiteral("12/31/19 - 01/12/20")}), DateOrder::MonthDay);
    QCOMPARE(DateParser::inferOrder({QStringLiteral("03/08/2014")}), DateOrder::Unknown);
    // A yyyyMMdd stamp in a number reads the ambiguous date one way only.
    QCOMPARE(DateParser::inferOrder({QStringLiteral("Tax Invoice: BAT0220180312 0255 12/03/18")}),
             DateOrder::DayMonth);
    QCOMPARE(
        DateParser::inferOrder({QStringLiteral("Order 20180312-77"), QStringLiteral("03/12/18")}),
        DateOrder::MonthDay);
    QCOMPARE(DateParser::inferOrder({QStringLiteral("Ref 20180303 03/03/18")}), DateOrder::Unknown);
}

void TestValueParsers::compactDates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("iso"); // empty: none
    QTest::newRow("separator lost after the day")
        << QStringLiteral("2703/2018 CN OS -20243") << QStringLiteral("2018-03-27");
    QTest::newRow("separator lost after the month")
        << QStringLiteral("Date 27/032018") << QStringLiteral("2018-03-27");
    QTest::newRow("no day or month") << QStringLiteral("4599/2018") << QString();
    QTest::newRow("not a year") << QStringLiteral("2703/3018") << QString();
    QTest::newRow("longer number") << QStringLiteral("12703/2018") << QString();
}

void TestValueParsers::compactDates()
{
    QFETCH(QString, text);
    QFETCH(QString, iso);
    const QList<DateMatch> found = DateParser::findCompact(text);
    QCOMPARE(found.isEmpty() ? QString() : found.first().iso(), iso);
}

void TestValueParsers::noDates_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("amount") << "1,041.25";
    QTest::newRow("european amount") << "1.041,25";
    QTest::newRow("time") << "10:30:15";
    QTest::newRow("phone") << "(810) 233-3130";
    QTest::newRow("invalid day") << "32/13/2014";
    QTest::newRow("word") << "Total";
}

void TestValueParsers::noDates()
{
    QFETCH(QString, text);
    QVERIFY(!DateParser::parse(text).date.isValid());
}

void TestValueParsers::amounts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("normalized");
    QTest::addColumn<QString>("currency");
    QTest::newRow("us grouping") << "1,041.25"
                                 << "1041.25"
                                 << "";
    QTest::newRow("eu grouping") << "1.041,25"
                                 << "1041.25"
                                 << "";
    QTest::newRow("space grouping") << QStringLiteral("1 041,25") << "1041.25"
                                    << "";
    QTest::newRow("nbsp grouping") << QStringLiteral("1\u00a0041,25 €") << "1041.25"
                                   << "EUR";
    QTest::newRow("swiss") << "1'041.25"
                           << "1041.25"
                           << "";
    QTest::newRow("ringgit glued") << "RM9.00"
                                   << "9.00"
                                   << "MYR";
    QTest::newRow("ringgit spaced") << "RM 9.00"
                                    << "9.00"
                                    << "MYR";
    QTest::newRow("dollar") << "$4.11"
                            << "4.11"
                            << "USD";
    QTest::newRow("euro suffix") << QStringLiteral("45,93 €") << "45.93"
                                 << "EUR";
    QTest::newRow("euro glued") << QStringLiteral("0,75€") << "0.75"
                                << "EUR";
    QTest::newRow("code prefix") << "USD 1,041.25"
                                 << "1041.25"
                                 << "USD";
    QTest::newRow("code suffix") << "56,02 EUR"
                                 << "56.02"
                                 << "EUR";
    QTest::newRow("rupees") << "Rs. 319.00"
                            << "319.00"
                            << "INR";
    QTest::newRow("rupee sign") << QStringLiteral("₹319") << "319"
                                << "INR";
    QTest::newRow("pound") << QStringLiteral("£12.50") << "12.50"
                           << "GBP";
    QTest::newRow("brackets negative") << "($6,352.50)"
                                       << "-6352.50"
                                       << "USD";
    QTest::newRow("minus") << "-5.00"
                           << "-5.00"
                           << "";
    QTest::newRow("millions") << "$1,234,567.89"
                              << "1234567.89"
                              << "USD";
    QTest::newRow("eu millions") << "1.234.567,89"
                                 << "1234567.89"
                                 << "";
    QTest::newRow("integer") << "42350"
                             << "42350"
                             << "";
    QTest::newRow("grouping only") << "42,350"
                                   << "42350"
                                   << "";
    QTest::newRow("one decimal") << "9,5"
                                 << "9.50"
                                 << "";
}

void TestValueParsers::amounts()
{
    QFETCH(QString, text);
    QFETCH(QString, normalized);
    QFETCH(QString, currency);
    const AmountMatch m = AmountParser::parse(text);
    QVERIFY2(m.valid, qPrintable(text));
    QCOMPARE(m.normalized, normalized);
    QCOMPARE(m.currency, currency);
}

void TestValueParsers::amountsInText()
{
    const QList<AmountMatch> all =
        AmountParser::findAll(QStringLiteral("Qty 2 100.00 Total: 200.00"));
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.at(0).normalized, QStringLiteral("2"));
    QCOMPARE(all.at(1).normalized, QStringLiteral("100.00"));
    QCOMPARE(all.at(2).normalized, QStringLiteral("200.00"));
}

void TestValueParsers::currencies_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("code");
    QTest::newRow("dollar") << "$"
                            << "USD";
    QTest::newRow("euro") << QStringLiteral("€") << "EUR";
    QTest::newRow("pound") << QStringLiteral("£") << "GBP";
    QTest::newRow("rupee") << QStringLiteral("₹") << "INR";
    QTest::newRow("rs") << "Rs."
                        << "INR";
    QTest::newRow("ringgit") << "RM"
                             << "MYR";
    QTest::newRow("iso") << "EUR"
                         << "EUR";
    QTest::newRow("iso with colon") << "USD:"
                                    << "USD";
    QTest::newRow("singapore") << "S$"
                               << "SGD";
    QTest::newRow("lower case prose") << "eur"
                                      << "";
    QTest::newRow("word") << "Total"
                          << "";
}

void TestValueParsers::currencies()
{
    QFETCH(QString, token);
    QFETCH(QString, code);
    QCOMPARE(CurrencyParser::fromToken(token), code);
}

void TestValueParsers::currencyOfDocument_data()
{
    QTest::addColumn<QStringList>("tokens");
    QTest::addColumn<QString>("code");
    QTest::newRow("dollars") << sl({"Total", "$4.11", "$0.00"}) << "USD";
    QTest::newRow("euro amounts") << sl({"Total", "56,02", "€"}) << "EUR";
    QTest::newRow("ringgit glued") << sl({"TOTAL", "RM9.00"}) << "MYR";
    QTest::newRow("singapore dollar wins over $") << sl({"S$", "12.00", "$3.00", "$4.00"}) << "SGD";
    QTest::newRow("country cue") << sl({"Johor", "Malaysia", "9.00"}) << "MYR";
    QTest::newRow("none") << sl({"Total", "9.00"}) << "";
}

void TestValueParsers::currencyOfDocument()
{
    QFETCH(QStringList, tokens);
    QFETCH(QString, code);
    QCOMPARE(CurrencyParser::detect(tokens).code, code);
}

QTEST_GUILESS_MAIN(TestValueParsers)
#include "test_value_parsers.moc"
