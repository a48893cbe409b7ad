// Redaction, JSON text handling, field location, settings and key stores.
#include "llm/ExtractionMapper.h"
#include "llm/FieldLocator.h"
#include "llm/JsonText.h"
#include "llm/LlmInputBuilder.h"
#include "llm/LlmSettings.h"
#include "llm/MemoryKeyStore.h"
#include "llm/Redactor.h"

#include <QDir>
#include <QSettings>
#include <QTest>

using namespace docket;

class TestLlmSupport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void redact_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mustNotContain");
        QTest::newRow("registered") << QStringLiteral("key=abcdefSECRET99 in a sentence")
                                    << QStringLiteral("abcdefSECRET99");
        QTest::newRow("bearer") << QStringLiteral("Authorization: Bearer tok_live_123456789")
                                << QStringLiteral("tok_live_123456789");
        QTest::newRow("sk key") << QStringLiteral(
                                       "Incorrect API key provided: sk-proj-AbC123xyz987.")
                                << QStringLiteral("AbC123xyz987");
        QTest::newRow("masked echo")
            << QStringLiteral("key sk-ab***********yz9 was rejected") << QStringLiteral("sk-ab***");
        QTest::newRow("json pair") << QStringLiteral("{\"api_key\": \"hunter22hunter\"}")
                                   << QStringLiteral("hunter22hunter");
    }
    void redact()
    {
        QFETCH(QString, text);
        QFETCH(QString, mustNotContain);
        Redactor::addSecret(QStringLiteral("abcdefSECRET99"));
        const QString out = Redactor::redact(text);
        QVERIFY2(!out.contains(mustNotContain), qPrintable(out));
        QVERIFY(out.contains(Redactor::placeholder()));
    }

    void stripThinking_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("kimi") << QStringLiteral("◁think▷a {b}◁/think▷{\"x\":1}")
                              << QStringLiteral("{\"x\":1}");
        QTest::newRow("two blocks")
            << QStringLiteral("◁think▷a◁/think▷{}◁think▷b◁/think▷") << QStringLiteral("{}");
        QTest::newRow("xml style")
            << QStringLiteral("<think>\nhm\n</think>\n{}") << QStringLiteral("{}");
        QTest::newRow("unterminated")
            << QStringLiteral("{}◁think▷never ends") << QStringLiteral("{}");
        QTest::newRow("none") << QStringLiteral(" {\"a\":null} ") << QStringLiteral("{\"a\":null}");
    }
    void stripThinking()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(JsonText::stripThinking(text), expected);
    }

    void parseObject_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::newRow("plain") << QStringLiteral("{\"a\":1}") << true;
        QTest::newRow("fenced") << QStringLiteral("```json\n{\"a\":1}\n```") << true;
        QTest::newRow("prose around") << QStringLiteral("Here: {\"a\":1} done") << true;
        QTest::newRow("array") << QStringLiteral("[1,2]") << false;
        QTest::newRow("cut") << QStringLiteral("{\"a\":") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void parseObject()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        const auto r = JsonText::parseObject(text);
        QCOMPARE(r.ok(), ok);
        if (!ok)
            QCOMPARE(r.error().code, QStringLiteral("llm_bad_json"));
    }

    void normalise_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("grouped amount") << QJsonValue(QStringLiteral("12,345.60"))
                                        << int(FieldKind::Amount) << QStringLiteral("12345.60");
        QTest::newRow("number value")
            << QJsonValue(1041.25) << int(FieldKind::Amount) << QStringLiteral("1041.25");
        QTest::newRow("integer value")
            << QJsonValue(12) << int(FieldKind::Number) << QStringLiteral("12");
        QTest::newRow("currency case") << QJsonValue(QStringLiteral("eur"))
                                       << int(FieldKind::Currency) << QStringLiteral("EUR");
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << int(FieldKind::Text) << QString();
        QTest::newRow("null text")
            << QJsonValue(QStringLiteral("null")) << int(FieldKind::Text) << QString();
        QTest::newRow("text comma kept")
            << QJsonValue(QStringLiteral("1,2 Main St")) << int(FieldKind::Address)
            << QStringLiteral("1,2 Main St");
    }
    void normalise()
    {
        QFETCH(QJsonValue, value);
        QFETCH(int, kind);
        QFETCH(QString, expected);
        QCOMPARE(ExtractionMapper::normalise(value, FieldKind(kind)), expected);
    }

    void locate_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("raw"); // empty: not located
        QTest::newRow("identifier")
            << QStringLiteral("INV-42") << int(FieldKind::Identifier) << QStringLiteral("INV-42");
        QTest::newRow("amount grouped")
            << QStringLiteral("1041.25") << int(FieldKind::Amount) << QStringLiteral("1,041.25");
        QTest::newRow("amount no decimals")
            << QStringLiteral("300.00") << int(FieldKind::Amount) << QStringLiteral("300");
        QTest::newRow("date words") << QStringLiteral("2026-03-14") << int(FieldKind::Date)
                                    << QStringLiteral("14 Mar 2026");
        QTest::newRow("date numeric")
            << QStringLiteral("2026-04-02") << int(FieldKind::Date) << QStringLiteral("02/04/2026");
        QTest::newRow("multi word name")
            << QStringLiteral("Harbor Lights Ltd") << int(FieldKind::Text)
            << QStringLiteral("Harbor Lights Ltd");
        QTest::newRow("absent") << QStringLiteral("ZZ-99") << int(FieldKind::Identifier)
                                << QString();
        QTest::newRow("too short") << QStringLiteral("1") << int(FieldKind::Number) << QString();
    }
    void locate()
    {
        QFETCH(QString, value);
        QFETCH(int, kind);
        QFETCH(QString, raw);
        Page page;
        page.number = 2;
        page.source = TextSource::TextLayer;
        const QList<QStringList> lines{
            {QStringLiteral("Harbor"), QStringLiteral("Lights"), QStringLiteral("Ltd")},
            {QStringLiteral("No."), QStringLiteral("INV-42"), QStringLiteral("14"),
             QStringLiteral("Mar"), QStringLiteral("2026")},
            {QStringLiteral("Due"), QStringLiteral("02/04/2026"), QStringLiteral("300"),
             QStringLiteral("1,041.25")}};
        for (int l = 0; l < lines.size(); ++l)
            for (int i = 0; i < lines.at(l).size(); ++i) {
                Word w;
                w.text = lines.at(l).at(i);
                w.box = QRectF(10 + 60 * i, 10 + 20 * l, 50, 10);
                w.line = l;
                page.words.append(w);
            }
        DocumentContent content;
        content.pages = {page};
        const auto loc = FieldLocator(content).find(value, FieldKind(kind));
        if (raw.isEmpty()) {
            QVERIFY(!loc);
            return;
        }
        QVERIFY(loc);
        QCOMPARE(loc->raw, raw);
        QCOMPARE(loc->page, 2);
        QVERIFY(loc->box.width() >= 50);
    }

    void inputMode_data()
    {
        QTest::addColumn<int>("source");
        QTest::addColumn<int>("words");
        QTest::addColumn<bool>("withImages");
        QTest::addColumn<int>("expected");
        using M = LlmInputOptions::Mode;
        QTest::newRow("good text layer")
            << int(TextSource::TextLayer) << 40 << true << int(M::Text);
        QTest::newRow("thin text layer") << int(TextSource::TextLayer) << 3 << true << int(M::Both);
        QTest::newRow("ocr") << int(TextSource::Ocr) << 40 << true << int(M::Both);
        QTest::newRow("no text") << int(TextSource::None) << 0 << true << int(M::Images);
        QTest::newRow("no images") << int(TextSource::Ocr) << 40 << false << int(M::Text);
    }
    void inputMode()
    {
        QFETCH(int, source);
        QFETCH(int, words);
        QFETCH(bool, withImages);
        QFETCH(int, expected);
        Page p;
        p.source = TextSource(source);
        for (int i = 0; i < words; ++i)
            p.words.append(Word{QStringLiteral("w%1").arg(i), QRectF(i, 0, 1, 1), 1.0, 0, 0});
        DocumentContent c;
        c.pages = {p};
        PageImageSource images;
        if (withImages)
            images = [](int) {
                QImage img(3000, 2000, QImage::Format_ARGB32);
                img.fill(Qt::transparent);
                return img;
            };
        const auto in = LlmInputBuilder().build(c, images);
        QCOMPARE(int(in.mode), expected);
        if (!in.imageSizes.isEmpty())
            QCOMPARE(in.imageSizes.first().width(), 1600); // longest side capped
    }

    void settingsFromEnvironment()
    {
        qputenv("OPENAI_API_KEY", "sk-"
                                  "env-test-abcdef123456");
        qputenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
        qputenv("OPENAI_MODEL", "gpt-5-mini");
        qputenv("KIMI_VL_BASE_URL", "https://api.moonshot.ai/v1");
        qputenv("KIMI_VL_API_KEY", "kimi-key-0987654321");
        qputenv("KIMI_VL_MODEL", "kimi-k2.5");
        qputenv("DOCKET_DAILY_BUDGET_USD", "2.50");
        const LlmSettings s = LlmSettings::fromEnvironment();
        QVERIFY(s.openaiReady());
        QCOMPARE(s.openai.model, QStringLiteral("gpt-5-mini"));
        QCOMPARE(s.openai.api, LlmApi::ChatCompletions); // not api.openai.com
        QCOMPARE(s.openai.endpoint().toString(),
                 QStringLiteral("http://127.0.0.1:9/v1/chat/completions"));
        QVERIFY(s.kimiReady());
        QCOMPARE(s.kimi.model, QStringLiteral("kimi-k2.5"));
        QVERIFY(!s.kimi.jsonSchemaSupported); // Moonshot: JSON mode
        QVERIFY(!s.kimi.toolsSupported);
        QCOMPARE(s.budgets.daily.value_or(UsdAmount()), UsdAmount::fromCents(250));
        QVERIFY(!Redactor::redact(QStringLiteral("x kimi-key-0987654321 y"))
                     .contains(QStringLiteral("0987654321")));
        qunsetenv("OPENAI_BASE_URL");
        QCOMPARE(LlmSettings::fromEnvironment().openai.api, LlmApi::Responses);
        for (const char *v : {"OPENAI_API_KEY", "OPENAI_MODEL", "KIMI_VL_BASE_URL",
                              "KIMI_VL_API_KEY", "KIMI_VL_MODEL", "DOCKET_DAILY_BUDGET_USD"})
            qunsetenv(v);
        const LlmSettings empty = LlmSettings::fromEnvironment();
        QVERIFY(!empty.openaiReady());
        QVERIFY(!empty.kimiReady());
    }

    void settingsRoundTripWithoutKeys()
    {
        QSettings settings(QDir::temp().filePath(QStringLiteral("docket-llm-settings-test.ini")),
                           QSettings::IniFormat);
        settings.clear();
        LlmSettings s;
        s.openai.model = QStringLiteral("gpt-4.1");
        s.openai.apiKey = (QStringLiteral("sk-") + QStringLiteral("never-in-settings-1234"));
        s.kimiConfigured = true;
        s.kimi.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8000/v1"));
        s.save(settings);
        settings.sync();
        for (const QString &k : settings.allKeys())
            QVERIFY(!settings.value(k).toString().contains(QStringLiteral("sk-never")));
        MemoryKeyStore keys;
        QVERIFY(
            keys.writeKeyBlocking(QStringLiteral("openai"),
                                  (QStringLiteral("sk-") + QStringLiteral("from-keychain-5678")))
                .ok());
        const LlmSettings loaded = LlmSettings::load(settings, &keys);
        QCOMPARE(loaded.openai.model, QStringLiteral("gpt-4.1"));
        QCOMPARE(loaded.openai.apiKey,
                 (QStringLiteral("sk-") + QStringLiteral("from-keychain-5678")));
        QVERIFY(loaded.kimiReady());
        QVERIFY(loaded.kimi.apiKey.isEmpty());
        settings.clear();
    }

    void memoryKeyStore()
    {
        MemoryKeyStore keys;
        QCOMPARE(keys.readKeyBlocking(QStringLiteral("openai")).error().code,
                 QStringLiteral("key_not_found"));
        QVERIFY(
            keys.writeKeyBlocking(QStringLiteral("openai"), QStringLiteral("sk-mem-1234567")).ok());
        QCOMPARE(keys.readKeyBlocking(QStringLiteral("openai")).value(),
                 QStringLiteral("sk-mem-1234567"));
        QVERIFY(keys.removeKeyBlocking(QStringLiteral("openai")).ok());
        QVERIFY(!keys.readKeyBlocking(QStringLiteral("openai")).ok());
    }
};

QTEST_GUILESS_MAIN(TestLlmSupport)
#include "test_llm_support.moc"
