#include "cost/PricingTable.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace docket;

Q_DECLARE_METATYPE(UsdAmount)

namespace {
UsdAmount usdOf(const char *text)
{
    return *UsdAmount::parse(QString::fromLatin1(text));
}
} // namespace

class TestPricingTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void usdAmount_data();
    void usdAmount();
    void display_data();
    void display();
    void seededFromReference_data();
    void seededFromReference();
    void cost_data();
    void cost();
    void modelNames();
    void estimate();
    void imageRules();
    void userFileOverrides();
    void invalidFiles_data();
    void invalidFiles();

private:
    PricingTable m_table;
    QTemporaryDir m_dir;
    QString write(const QString &name, const QByteArray &json);
};

QString TestPricingTable::write(const QString &name, const QByteArray &json)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write fixture");
    f.write(json);
    return path;
}

void TestPricingTable::initTestCase()
{
    QVERIFY(!PricingTable::builtinJson().isEmpty());
    auto table = PricingTable::loadDefault();
    QVERIFY2(table.ok(), qPrintable(table.error().message));
    m_table = table.takeValue();
    QVERIFY(m_dir.isValid());
}

void TestPricingTable::usdAmount_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("nanos");
    QTest::newRow("integer") << "10" << true << qint64(10000000000LL);
    QTest::newRow("cents") << "0.05" << true << qint64(50000000);
    QTest::newRow("nano") << "0.000000005" << true << qint64(5);
    QTest::newRow("rounded") << "0.0000000015" << true << qint64(2);
    QTest::newRow("dollar sign") << "$12.50" << true << qint64(12500000000LL);
    QTest::newRow("negative") << "-1" << true << qint64(-1000000000);
    QTest::newRow("comma") << "1,5" << false << qint64(0);
    QTest::newRow("empty") << "" << false << qint64(0);
    QTest::newRow("words") << "ten" << false << qint64(0);
}

void TestPricingTable::usdAmount()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(qint64, nanos);
    const auto a = UsdAmount::parse(text);
    QCOMPARE(a.has_value(), ok);
    if (ok)
        QCOMPARE(a->nanos(), nanos);
}

void TestPricingTable::display_data()
{
    QTest::addColumn<qint64>("nanos");
    QTest::addColumn<QString>("shown");
    QTest::newRow("zero") << qint64(0) << "$0.00";
    QTest::newRow("dollars") << qint64(12500000000LL) << "$12.50";
    QTest::newRow("rounded cents") << qint64(12345000000LL) << "$12.35";
    QTest::newRow("ten cents") << qint64(100000000) << "$0.10";
    QTest::newRow("a request") << qint64(4200000) << "$0.0042";
    QTest::newRow("a small request") << qint64(420000) << "$0.00042";
    QTest::newRow("negative") << qint64(-2500000000LL) << "-$2.50";
}

void TestPricingTable::display()
{
    QFETCH(qint64, nanos);
    QFETCH(QString, shown);
    QCOMPARE(UsdAmount::fromNanos(nanos).toDisplayString(), shown);
    QCOMPARE(usdOf("10").percentOf(usdOf("8")), 80);
    QCOMPARE(usdOf("10").percentOf(usdOf("7.999999999")), 79);
    QCOMPARE(usdOf("0.000000001").percentOf(usdOf("9000000000")), 1000000);
    QCOMPARE(UsdAmount().percentOf(usdOf("1")), 0);
    QCOMPARE(usdOf("10").percent(80), usdOf("8"));
}

void TestPricingTable::seededFromReference_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("cached");
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("shutdown");
    QTest::newRow("gpt-4o") << "gpt-4o"
                            << "2.5"
                            << "1.25"
                            << "10"
                            << "2027-01-14";
    QTest::newRow("gpt-4o-mini") << "gpt-4o-mini"
                                 << "0.15"
                                 << "0.075"
                                 << "0.6"
                                 << "2027-01-14";
    QTest::newRow("gpt-4.1") << "gpt-4.1"
                             << "2"
                             << "0.5"
                             << "8"
                             << "2027-01-14";
    QTest::newRow("gpt-4.1-mini") << "gpt-4.1-mini"
                                  << "0.4"
                                  << "0.1"
                                  << "1.6"
                                  << "2027-01-14";
    QTest::newRow("gpt-5") << "gpt-5"
                           << "1.25"
                           << "0.125"
                           << "10"
                           << "2026-12-11";
    QTest::newRow("gpt-5-mini") << "gpt-5-mini"
                                << "0.25"
                                << "0.025"
                                << "2"
                                << "2026-12-11";
    QTest::newRow("gpt-5-nano") << "gpt-5-nano"
                                << "0.05"
                                << "0.005"
                                << "0.4"
                                << "2026-12-11";
    QTest::newRow("gpt-5.4") << "gpt-5.4"
                             << "2.5"
                             << "0.25"
                             << "15"
                             << "";
    QTest::newRow("gpt-5.4-mini") << "gpt-5.4-mini"
                                  << "0.75"
                                  << "0.075"
                                  << "4.5"
                                  << "";
    QTest::newRow("gpt-5.4-nano") << "gpt-5.4-nano"
                                  << "0.2"
                                  << "0.02"
                                  << "1.25"
                                  << "";
    QTest::newRow("gpt-6-luna") << "gpt-6-luna"
                                << "0.1"
                                << "0.01"
                                << "0.5"
                                << "";
    QTest::newRow("gpt-6.1-terra") << "gpt-6.1-terra"
                                   << "1"
                                   << "0.05"
                                   << "5"
                                   << "";
    QTest::newRow("kimi-k2.5") << "kimi-k2.5"
                               << "0.6"
                               << "0.1"
                               << "3"
                               << "";
}

void TestPricingTable::seededFromReference()
{
    QFETCH(QString, model);
    QFETCH(QString, input);
    QFETCH(QString, cached);
    QFETCH(QString, output);
    QFETCH(QString, shutdown);
    const ModelPrice *p = m_table.price(model);
    QVERIFY(p);
    QCOMPARE(p->model, model);
    QCOMPARE(ModelPrice::usdPerMillion(p->inputPico).toString(), input);
    QCOMPARE(ModelPrice::usdPerMillion(p->cachedPico).toString(), cached);
    QCOMPARE(ModelPrice::usdPerMillion(p->outputPico).toString(), output);
    QCOMPARE(p->shutdownDate.toString(Qt::ISODate), shutdown);
    QVERIFY(!p->provider.isEmpty());
    QVERIFY(!p->notes.isEmpty()); // every entry says what the reference left open
}

void TestPricingTable::cost_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<qint64>("input");
    QTest::addColumn<qint64>("cached");
    QTest::addColumn<qint64>("output");
    QTest::addColumn<QString>("usd");
    QTest::newRow("a million input")
        << "gpt-4o" << qint64(1000000) << qint64(0) << qint64(0) << "2.5";
    QTest::newRow("cached priced as such")
        << "gpt-4o" << qint64(1000000) << qint64(400000) << qint64(100000) << "3";
    QTest::newRow("all cached") << "gpt-4.1" << qint64(1000000) << qint64(1000000) << qint64(0)
                                << "0.5";
    QTest::newRow("cached clamped to input")
        << "gpt-4.1" << qint64(1000) << qint64(5000) << qint64(0) << "0.0005";
    QTest::newRow("one token") << "gpt-5-nano" << qint64(1) << qint64(0) << qint64(0)
                               << "0.00000005";
    QTest::newRow("one cached token")
        << "gpt-5-nano" << qint64(1) << qint64(1) << qint64(0) << "0.000000005";
    QTest::newRow("typical extraction")
        << "gpt-5-mini" << qint64(12345) << qint64(2048) << qint64(789) << "0.00420345";
    QTest::newRow("no tokens") << "gpt-5" << qint64(0) << qint64(0) << qint64(0) << "0";
    QTest::newRow("output only") << "kimi-k2.5" << qint64(0) << qint64(0) << qint64(2000000) << "6";
}

void TestPricingTable::cost()
{
    QFETCH(QString, model);
    QFETCH(qint64, input);
    QFETCH(qint64, cached);
    QFETCH(qint64, output);
    QFETCH(QString, usd);
    const auto c = m_table.cost(model, TokenCounts{input, cached, output});
    QVERIFY(c.ok());
    QCOMPARE(c.value().toString(), usd);
    Usage usage;
    usage.inputTokens = input;
    usage.cachedTokens = cached;
    usage.outputTokens = output;
    QCOMPARE(m_table.cost(model, usage).value(), c.value());
}

void TestPricingTable::modelNames()
{
    QCOMPARE(m_table.price(QStringLiteral("gpt-4o-2024-08-06"))->model, QStringLiteral("gpt-4o"));
    QCOMPARE(m_table.price(QStringLiteral("gpt-4o-mini-2024-07-18"))->model,
             QStringLiteral("gpt-4o-mini"));
    QCOMPARE(m_table.price(QStringLiteral("gpt-5-mini-2025-08-07"))->model,
             QStringLiteral("gpt-5-mini"));
    QVERIFY(!m_table.price(QStringLiteral("gpt-4o-audio")));
    QVERIFY(!m_table.price(QStringLiteral("moonshotai/Kimi-VL-A3B-Instruct")));
    const auto unknown = m_table.cost(QStringLiteral("llama-3"), TokenCounts{10, 0, 10});
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().code, QStringLiteral("unknown_model"));
    QVERIFY(unknown.error().message.contains(QStringLiteral("llama-3")));
    QVERIFY(m_table.price(QStringLiteral("gpt-5"))->isShutDown(QDate(2026, 12, 11)));
    QVERIFY(!m_table.price(QStringLiteral("gpt-5"))->isShutDown(QDate(2026, 12, 10)));
    QVERIFY(!m_table.price(QStringLiteral("kimi-k2.5"))->isShutDown(QDate(2099, 1, 1)));
    // The gpt-5 family shuts down on 2026-12-11, gpt-4o and gpt-4.1 on 2027-01-14.
    QCOMPARE(m_table.shutdownsWithin(QDate(2026, 11, 1), 30).size(), 0);
    const auto soon = m_table.shutdownsWithin(QDate(2026, 11, 23), 30);
    QCOMPARE(soon.size(), 3);
    for (const ModelPrice *p : soon)
        QCOMPARE(p->shutdownDate, QDate(2026, 12, 11));
    const auto later = m_table.shutdownsWithin(QDate(2026, 12, 20), 30);
    QCOMPARE(later.size(), 7);
    QCOMPARE(later.first()->shutdownDate, QDate(2026, 12, 11)); // already shut down: first
}

void TestPricingTable::estimate()
{
    EstimateRequest r;
    r.inputTokens = 1000;
    r.maxOutputTokens = 500;
    r.images = {QSize(1700, 2200), QSize(800, 600)};
    // Moonshot bills an image as 1,024 tokens.
    auto e = m_table.estimate(QStringLiteral("kimi-k2.5"), r);
    QVERIFY(e.ok());
    QCOMPARE(e.value().imageTokens, qint64(2048));
    QCOMPARE(e.value().inputTokens(), qint64(3048));
    QCOMPARE(e.value().outputTokens, qint64(500));
    QVERIFY(e.value().exact);
    // 3048 x 0.60 / 1M + 500 x 3.00 / 1M
    QCOMPARE(e.value().cost.toString(), QStringLiteral("0.0033288"));
    // Expected cache hits are priced as cached.
    r.cachedTokens = 1000;
    QCOMPARE(m_table.estimate(QStringLiteral("kimi-k2.5"), r).value().cost.toString(),
             QStringLiteral("0.0028288"));
    QVERIFY(!m_table.estimate(QStringLiteral("nope"), r).ok());
    QCOMPARE(PricingTable::approxTextTokens(u"abcdefghi"), qint64(3));
    QCOMPARE(PricingTable::approxTextTokens(u""), qint64(0));
}

void TestPricingTable::imageRules()
{
    bool exact = true;
    ImageTokenRule fixed;
    fixed.mode = ImageTokenRule::Mode::Fixed;
    fixed.fixedTokens = 1024;
    QCOMPARE(fixed.tokensFor(QSize(4000, 3000), false, &exact), qint64(1024));
    QVERIFY(exact);
    // Tiles without figures: one token per 32-px patch, not exact.
    const ModelPrice *gpt4o = m_table.price(QStringLiteral("gpt-4o"));
    QCOMPARE(gpt4o->image.mode, ImageTokenRule::Mode::Tiles);
    QCOMPARE(gpt4o->image.tilePx, 512);
    QCOMPARE(gpt4o->image.tokensFor(QSize(1024, 1024), false, &exact), qint64(1024));
    QVERIFY(!exact);
    // Tiles with figures (test values): base + per tile x ceil(w/512) x ceil(h/512).
    ImageTokenRule tiles = gpt4o->image;
    tiles.baseTokens = 100;
    tiles.tokensPerTile = 200;
    QCOMPARE(tiles.tokensFor(QSize(1024, 1024), false, &exact), qint64(100 + 4 * 200));
    QVERIFY(exact);
    QCOMPARE(tiles.tokensFor(QSize(1025, 512), false), qint64(100 + 3 * 200));
    QCOMPARE(tiles.tokensFor(QSize(1024, 1024), true), qint64(100));
    // Patches of 32 px.
    const ModelPrice *mini = m_table.price(QStringLiteral("gpt-5-mini"));
    QCOMPARE(mini->image.mode, ImageTokenRule::Mode::Patches);
    QCOMPARE(mini->image.patchPx, 32);
    QCOMPARE(mini->image.tokensFor(QSize(100, 100), false, &exact), qint64(16));
    QVERIFY(!exact);
    ImageTokenRule patches = mini->image;
    patches.maxPatches = 10;
    patches.multiplier = 1.5;
    QCOMPARE(patches.tokensFor(QSize(100, 100), false, &exact), qint64(15));
    QVERIFY(exact);
    QCOMPARE(m_table.price(QStringLiteral("kimi-k2.5"))->image.mode, ImageTokenRule::Mode::Fixed);
    QCOMPARE(m_table.price(QStringLiteral("gpt-6-luna"))->image.mode,
             ImageTokenRule::Mode::Unknown);
    QCOMPARE(ImageTokenRule().tokensFor(QSize(), false), qint64(0));
}

void TestPricingTable::userFileOverrides()
{
    const QString user = write(QStringLiteral("pricing.json"), R"({"models": {
        "gpt-4o": {"input": 3.0, "image_tokens": {"base_tokens": 100, "tokens_per_tile": 200}},
        "gpt-5": {"output": "12.5", "shutdown_date": null},
        "my-vllm": {"provider": "vllm", "input": 0, "output": 0}}})");
    auto loaded = PricingTable::load(PricingTable::builtinJson(), user);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    const PricingTable &t = loaded.value();
    const ModelPrice *gpt4o = t.price(QStringLiteral("gpt-4o"));
    QCOMPARE(ModelPrice::usdPerMillion(gpt4o->inputPico).toString(), QStringLiteral("3"));
    QCOMPARE(ModelPrice::usdPerMillion(gpt4o->cachedPico).toString(), QStringLiteral("1.25"));
    QCOMPARE(ModelPrice::usdPerMillion(gpt4o->outputPico).toString(), QStringLiteral("10"));
    QCOMPARE(gpt4o->image.mode, ImageTokenRule::Mode::Tiles);
    QCOMPARE(gpt4o->image.tokensFor(QSize(512, 512)), qint64(300));
    QCOMPARE(ModelPrice::usdPerMillion(t.price(QStringLiteral("gpt-5"))->outputPico).toString(),
             QStringLiteral("12.5"));
    QVERIFY(!t.price(QStringLiteral("gpt-5"))->shutdownDate.isValid());
    QCOMPARE(t.cost(QStringLiteral("my-vllm"), TokenCounts{100000, 0, 5000}).value(), UsdAmount());
    QCOMPARE(t.price(QStringLiteral("my-vllm"))->cachedPico, qint64(0));
    // Untouched models keep the built-in prices.
    QCOMPARE(t.price(QStringLiteral("gpt-4.1"))->inputPico,
             m_table.price(QStringLiteral("gpt-4.1"))->inputPico);
    QCOMPARE(t.models().size(), m_table.models().size() + 1);
    // A missing user file is no error.
    QVERIFY(
        PricingTable::load(PricingTable::builtinJson(), m_dir.filePath(QStringLiteral("none.json")))
            .ok());
    // Round trip.
    auto again = PricingTable::load(t.toJson());
    QVERIFY(again.ok());
    QCOMPARE(again.value().price(QStringLiteral("gpt-4o"))->inputPico, gpt4o->inputPico);
    QCOMPARE(again.value().price(QStringLiteral("gpt-4o"))->image.tokensFor(QSize(512, 512)),
             qint64(300));
}

void TestPricingTable::invalidFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("not json") << QByteArray("{models: ");
    QTest::newRow("no models") << QByteArray(R"({"gpt-4o": {}})");
    QTest::newRow("negative price")
        << QByteArray(R"({"models": {"x": {"input": -1, "output": 1}}})");
    QTest::newRow("no output price") << QByteArray(R"({"models": {"x": {"input": 1}}})");
    QTest::newRow("text price") << QByteArray(
        R"({"models": {"x": {"input": "cheap", "output": 1}}})");
    QTest::newRow("bad date") << QByteArray(
        R"({"models": {"x": {"input": 1, "output": 1, "shutdown_date": "soon"}}})");
    QTest::newRow("bad image mode") << QByteArray(
        R"({"models": {"x": {"input": 1, "output": 1, "image_tokens": {"mode": "pixels"}}}})");
    QTest::newRow("negative tokens") << QByteArray(
        R"({"models": {"x": {"input": 1, "output": 1, "image_tokens": {"mode": "fixed", "tokens": -5}}}})");
}

void TestPricingTable::invalidFiles()
{
    QFETCH(QByteArray, json);
    const auto direct = PricingTable::load(json);
    QVERIFY(!direct.ok());
    QVERIFY(!direct.error().message.isEmpty());
    // The same as a user file: reported, not silently ignored.
    const QString user = write(QStringLiteral("bad.json"), json);
    const auto overridden = PricingTable::load(PricingTable::builtinJson(), user);
    QVERIFY(!overridden.ok());
}

QTEST_GUILESS_MAIN(TestPricingTable)
#include "test_pricing_table.moc"
