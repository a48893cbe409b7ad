// LlmClassifier, LlmExtractor and the Kimi-VL tool against real local HTTP servers.
#include "LlmTestSupport.h"
#include "core/SchemaRegistry.h"
#include "cost/BudgetGuard.h"
#include "cost/InMemoryUsageLedger.h"
#include "cost/PricingTable.h"
#include "llm/KimiVlTool.h"
#include "llm/LlmClassifier.h"
#include "llm/LlmClient.h"
#include "llm/LlmExtractor.h"
#include "llm/LlmSpend.h"
#include "llm/PromptLibrary.h"

#include <QJsonDocument>
#include <QPainter>
#include <QTest>

using namespace docket;
using namespace docket::test;

namespace {

DocumentContent invoiceContent()
{
    const QList<QStringList> lines{
        {QStringLiteral("COMMERCIAL"), QStringLiteral("INVOICE")},
        {QStringLiteral("Harbor"), QStringLiteral("Lights"), QStringLiteral("Ltd")},
        {QStringLiteral("Invoice"), QStringLiteral("No:"), QStringLiteral("INV-42")},
        {QStringLiteral("Date:"), QStringLiteral("14"), QStringLiteral("March"),
         QStringLiteral("2026")},
        {QStringLiteral("Steel"), QStringLiteral("bolts"), QStringLiteral("M8"),
         QStringLiteral("100"), QStringLiteral("1,041.25")},
        {QStringLiteral("Total:"), QStringLiteral("USD"), QStringLiteral("1,041.25")}};
    Page page;
    page.number = 1;
    page.size = QSizeF(595, 842);
    page.source = TextSource::TextLayer;
    for (int l = 0; l < lines.size(); ++l) {
        double x = 50;
        for (const QString &t : lines.at(l)) {
            Word w;
            w.text = t;
            w.box = QRectF(x, 60 + l * 20, 8.0 * t.size(), 12);
            w.line = l;
            x += 8.0 * t.size() + 6;
            page.words.append(w);
        }
    }
    DocumentContent c;
    c.pages.append(page);
    return c;
}

QImage pageImage(int)
{
    QImage img(420, 594, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    p.fillRect(QRect(40, 50, 200, 14), Qt::black); // a title bar (no fonts without a GUI app)
    return img;
}

QByteArray invoiceJson(const QString &number = QStringLiteral("INV-42"))
{
    QJsonObject o;
    const DocumentSchema *s =
        SchemaRegistry::builtin().schema(QStringLiteral("commercial_invoice"));
    for (const FieldSpec &f : s->fields)
        o.insert(f.name, QJsonValue::Null);
    o.insert(QStringLiteral("invoice_number"), number);
    o.insert(QStringLiteral("invoice_date"), QStringLiteral("2026-03-14"));
    o.insert(QStringLiteral("seller_name"), QStringLiteral("Harbor Lights Ltd"));
    o.insert(QStringLiteral("currency"), QStringLiteral("usd"));
    o.insert(QStringLiteral("total_amount"), QStringLiteral("1,041.25"));
    QJsonObject item;
    for (const FieldSpec &c : s->columns)
        item.insert(c.name, QJsonValue::Null);
    item.insert(QStringLiteral("description"), QStringLiteral("Steel bolts M8"));
    item.insert(QStringLiteral("quantity"), QStringLiteral("100"));
    item.insert(QStringLiteral("amount"), QStringLiteral("1041.25"));
    o.insert(s->tableName, QJsonArray{item});
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject bodyOf(const RecordedRequest &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

} // namespace

class TestLlmAgents : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestHttpServer> m_server; // the main provider
    std::unique_ptr<TestHttpServer> m_kimi;   // Kimi-VL behind Chat Completions
    const DocumentSchema *m_invoice = nullptr;

    std::shared_ptr<LlmClient> client(LlmApi api, const QString &model = QStringLiteral("gpt-test"))
    {
        ProviderConfig c;
        c.name = QStringLiteral("openai");
        c.api = api;
        c.baseUrl = m_server->url(QStringLiteral("/v1"));
        c.model = model;
        c.apiKey = (QStringLiteral("sk-") + QStringLiteral("agents-test-key-123456"));
        return std::make_shared<LlmClient>(c);
    }

    std::shared_ptr<LlmClient> kimiClient(bool jsonSchema)
    {
        ProviderConfig k = ProviderConfig::kimiVl();
        k.baseUrl = m_kimi->url(QStringLiteral("/v1"));
        k.jsonSchemaSupported = jsonSchema;
        return std::make_shared<LlmClient>(k);
    }

    LlmAgentOptions options() const
    {
        LlmAgentOptions o;
        o.images = &pageImage;
        return o;
    }

    AgentContext context() const
    {
        AgentContext ctx;
        ctx.schemas = &SchemaRegistry::builtin();
        return ctx;
    }

    static void addApis()
    {
        QTest::addColumn<int>("api");
        QTest::newRow("responses") << int(LlmApi::Responses);
        QTest::newRow("chat") << int(LlmApi::ChatCompletions);
    }

    static QByteArray answer(LlmApi api, const QByteArray &json, int in = 1200, int cached = 1024,
                             int out = 80)
    {
        return api == LlmApi::Responses
                   ? responsesAnswer(QString::fromUtf8(json), in, cached, out)
                   : chatAnswer(QString::fromUtf8(json), QStringLiteral("stop"), in, cached, out);
    }

    static QByteArray toolCall(LlmApi api, const QString &id, const QJsonObject &args)
    {
        return api == LlmApi::Responses ? responsesToolCall(id, KimiVlTool::name(), args)
                                        : chatToolCall(id, KimiVlTool::name(), args);
    }

private Q_SLOTS:
    void initTestCase()
    {
        LogCapture::install();
        m_invoice = SchemaRegistry::builtin().schema(QStringLiteral("commercial_invoice"));
        QVERIFY(m_invoice);
        QVERIFY(!PromptLibrary::extractSystem().isEmpty());
        QVERIFY(!PromptLibrary::version().isEmpty());
    }

    void init()
    {
        m_server = std::make_unique<TestHttpServer>();
        m_kimi = std::make_unique<TestHttpServer>();
        QVERIFY(m_server->start());
        QVERIFY(m_kimi->start());
    }

    void cleanup()
    {
        const QString tag = QStringLiteral("agents-%1-%2")
                                .arg(QString::fromLatin1(QTest::currentTestFunction()),
                                     QString::fromLatin1(QTest::currentDataTag()));
        saveRequestBodies(*m_server, tag);
        saveRequestBodies(*m_kimi, tag + QStringLiteral("-kimi"));
        m_server.reset();
        m_kimi.reset();
    }

    void classify_data() { addApis(); }
    void classify()
    {
        QFETCH(int, api);
        m_server->enqueue(ScriptedResponse::json(
            200,
            answer(LlmApi(api),
                   R"({"document_type":"commercial_invoice","evidence":"COMMERCIAL INVOICE"})")));
        LlmClassifier classifier(client(LlmApi(api)), {}, options());
        AgentContext ctx = context();
        const auto c = classifier.classify(invoiceContent(), ctx);
        QVERIFY2(c.ok(), qPrintable(c.error().message));
        QCOMPARE(c.value().documentType, QStringLiteral("commercial_invoice"));
        QCOMPARE(c.value().confidence, 0.9); // the prior, not the model's word
        QCOMPARE(ctx.usage.requests, 1);
        QCOMPARE(ctx.usage.cachedTokens, 1024);
        const QJsonObject body = bodyOf(m_server->requests().first());
        QVERIFY(QString::fromUtf8(m_server->requests().first().body)
                    .contains(QStringLiteral("packing_list")));
        QVERIFY(body.value(QStringLiteral("prompt_cache_key"))
                    .toString()
                    .startsWith(QStringLiteral("docket-classify-")));
    }

    void classifyUnknownTypeIsOther()
    {
        m_server->enqueue(ScriptedResponse::json(
            200, answer(LlmApi::Responses, R"({"document_type":"menu","evidence":null})")));
        LlmClassifier classifier(client(LlmApi::Responses), {}, options());
        AgentContext ctx = context();
        const auto c = classifier.classify(invoiceContent(), ctx);
        QVERIFY(c.ok());
        QCOMPARE(c.value().documentType, QStringLiteral("other"));
    }

    void extractFromText_data() { addApis(); }
    void extractFromText()
    {
        QFETCH(int, api);
        m_server->enqueue(ScriptedResponse::json(200, answer(LlmApi(api), invoiceJson())));
        LlmExtractor extractor(client(LlmApi(api)), {}, options());
        AgentContext ctx = context();
        const auto e = extractor.extract(invoiceContent(), *m_invoice, ctx);
        QVERIFY2(e.ok(), qPrintable(e.error().message));
        const Extraction &x = e.value();
        QCOMPARE(x.engine, QStringLiteral("openai"));
        QCOMPARE(x.model, QStringLiteral("gpt-test"));
        QCOMPARE(x.promptVersion, PromptLibrary::version());
        QCOMPARE(x.value(QStringLiteral("invoice_number")), QStringLiteral("INV-42"));
        QCOMPARE(x.value(QStringLiteral("total_amount")), QStringLiteral("1041.25"));
        QCOMPARE(x.value(QStringLiteral("currency")), QStringLiteral("USD"));
        QVERIFY(!x.has(QStringLiteral("due_date")));
        const Field number = x.fields.value(QStringLiteral("invoice_number"));
        QCOMPARE(number.source, QStringLiteral("llm"));
        QCOMPARE(number.confidence, 0.9);
        QCOMPARE(number.page, 1);
        QVERIFY(!number.bbox.isNull());
        const Field date = x.fields.value(QStringLiteral("invoice_date"));
        QCOMPARE(date.page, 1); // "14 March 2026" located
        QCOMPARE(date.raw, QStringLiteral("14 March 2026"));
        QCOMPARE(x.fields.value(QStringLiteral("total_amount")).raw, QStringLiteral("1,041.25"));
        QCOMPARE(x.lineItems.size(), 1);
        QCOMPARE(x.lineItems.first().value(QStringLiteral("description")),
                 QStringLiteral("Steel bolts M8"));
        QCOMPARE(ctx.usage.requests, 1);
        QCOMPARE(ctx.usage.inputTokens, 1200);

        // Text layer good: no image sent; schema strict; system prompt first.
        const RecordedRequest r = m_server->requests().first();
        QVERIFY(!r.body.contains("data:image/jpeg"));
        QVERIFY(r.body.contains("\"strict\":true"));
        QVERIFY(QString::fromUtf8(r.body).contains(
            QStringLiteral("docket-extract-commercial_invoice-")));
    }

    void systemPromptIsStable()
    {
        // The cacheable prefix is byte-identical across documents of one type.
        m_server->enqueue(
            ScriptedResponse::json(200, answer(LlmApi::ChatCompletions, invoiceJson())));
        m_server->enqueue(ScriptedResponse::json(
            200, answer(LlmApi::ChatCompletions, invoiceJson(QStringLiteral("X-1")))));
        LlmExtractor extractor(client(LlmApi::ChatCompletions), {}, options());
        AgentContext ctx = context();
        QVERIFY(extractor.extract(invoiceContent(), *m_invoice, ctx).ok());
        DocumentContent other = invoiceContent();
        other.pages.first().words.first().text = QStringLiteral("PROFORMA");
        QVERIFY(extractor.extract(other, *m_invoice, ctx).ok());
        const auto requests = m_server->requests();
        const QJsonArray a = bodyOf(requests.at(0)).value(QStringLiteral("messages")).toArray();
        const QJsonArray b = bodyOf(requests.at(1)).value(QStringLiteral("messages")).toArray();
        QCOMPARE(a.at(0), b.at(0));
        const QJsonArray ua = a.at(1).toObject().value(QStringLiteral("content")).toArray();
        const QJsonArray ub = b.at(1).toObject().value(QStringLiteral("content")).toArray();
        QCOMPARE(ua.at(0), ub.at(0));  // type notes
        QVERIFY(ua.at(1) != ub.at(1)); // the document differs
        QCOMPARE(ctx.usage.requests, 2);
    }

    void scanSendsImages()
    {
        DocumentContent scan = invoiceContent();
        scan.pages.first().source = TextSource::Ocr;
        m_server->enqueue(ScriptedResponse::json(200, answer(LlmApi::Responses, invoiceJson())));
        LlmExtractor extractor(client(LlmApi::Responses), {}, options());
        AgentContext ctx = context();
        QVERIFY(extractor.extract(scan, *m_invoice, ctx).ok());
        const RecordedRequest r = m_server->requests().first();
        QVERIFY(r.body.contains("\"type\":\"input_image\""));
        QVERIFY(r.body.contains("data:image/jpeg;base64,"));
        QVERIFY(r.body.contains("OCR may contain errors")); // both: OCR text as a hint
    }

    void toolCallLoop_data() { addApis(); }
    void toolCallLoop()
    {
        QFETCH(int, api);
        const QJsonObject args{
            {QStringLiteral("page"), 1},
            {QStringLiteral("region"), QJsonObject{{QStringLiteral("x"), 0.5},
                                                   {QStringLiteral("y"), 0.0},
                                                   {QStringLiteral("width"), 0.5},
                                                   {QStringLiteral("height"), 0.3}}},
            {QStringLiteral("fields"),
             QJsonArray{QStringLiteral("invoice_number"), QStringLiteral("bogus")}}};
        m_server->enqueue(
            ScriptedResponse::json(200, toolCall(LlmApi(api), QStringLiteral("call_1"), args)));
        m_server->enqueue(ScriptedResponse::json(
            200, answer(LlmApi(api), invoiceJson(QStringLiteral("INV-42")))));
        m_kimi->enqueue(ScriptedResponse::json(
            200, chatAnswer(QStringLiteral(
                     "◁think▷reading the box◁/think▷{\"invoice_number\":\"INV-42\"}"))));

        auto tool = std::make_shared<KimiVlTool>(kimiClient(true));
        LlmExtractor extractor(client(LlmApi(api)), {}, options(), tool);
        AgentContext ctx = context();
        const auto e = extractor.extract(invoiceContent(), *m_invoice, ctx);
        QVERIFY2(e.ok(), qPrintable(e.error().message));
        QCOMPARE(extractor.lastToolRounds(), 1);
        QCOMPARE(tool->calls(), 1);
        QCOMPARE(e.value().value(QStringLiteral("invoice_number")), QStringLiteral("INV-42"));
        QCOMPARE(ctx.usage.requests, 3); // two main requests, one Kimi-VL

        // The first request offers the strict function tool.
        const QJsonObject first = bodyOf(m_server->requests().at(0));
        const QJsonObject t = first.value(QStringLiteral("tools")).toArray().first().toObject();
        if (LlmApi(api) == LlmApi::Responses) {
            QCOMPARE(t.value(QStringLiteral("name")).toString(), KimiVlTool::name());
            QCOMPARE(t.value(QStringLiteral("strict")), QJsonValue(true));
        } else {
            QCOMPARE(t.value(QStringLiteral("function"))
                         .toObject()
                         .value(QStringLiteral("name"))
                         .toString(),
                     KimiVlTool::name());
        }
        // The second sends the call back with its output.
        const QJsonObject second = bodyOf(m_server->requests().at(1));
        QJsonObject output;
        QString callId;
        if (LlmApi(api) == LlmApi::Responses) {
            const QJsonArray input = second.value(QStringLiteral("input")).toArray();
            QCOMPARE(input.at(input.size() - 2).toObject().value(QStringLiteral("type")).toString(),
                     QStringLiteral("function_call"));
            const QJsonObject out = input.last().toObject();
            QCOMPARE(out.value(QStringLiteral("type")).toString(),
                     QStringLiteral("function_call_output"));
            callId = out.value(QStringLiteral("call_id")).toString();
            output =
                QJsonDocument::fromJson(out.value(QStringLiteral("output")).toString().toUtf8())
                    .object();
        } else {
            const QJsonArray messages = second.value(QStringLiteral("messages")).toArray();
            const QJsonObject assistant = messages.at(messages.size() - 2).toObject();
            QCOMPARE(assistant.value(QStringLiteral("tool_calls")).toArray().size(), 1);
            const QJsonObject out = messages.last().toObject();
            QCOMPARE(out.value(QStringLiteral("role")).toString(), QStringLiteral("tool"));
            callId = out.value(QStringLiteral("tool_call_id")).toString();
            output =
                QJsonDocument::fromJson(out.value(QStringLiteral("content")).toString().toUtf8())
                    .object();
        }
        QCOMPARE(callId, QStringLiteral("call_1"));
        QCOMPARE(output.value(QStringLiteral("values"))
                     .toObject()
                     .value(QStringLiteral("invoice_number"))
                     .toString(),
                 QStringLiteral("INV-42"));
        QVERIFY(
            !output.value(QStringLiteral("values")).toObject().contains(QStringLiteral("bogus")));

        // Kimi-VL got a cropped image and no tools.
        const QJsonObject k = bodyOf(m_kimi->requests().first());
        QVERIFY(m_kimi->requests().first().body.contains("\"type\":\"image_url\""));
        QVERIFY(!k.contains(QStringLiteral("tools")));
        QCOMPARE(k.value(QStringLiteral("response_format"))
                     .toObject()
                     .value(QStringLiteral("type"))
                     .toString(),
                 QStringLiteral("json_schema"));
    }

    void toolRoundsAreBounded()
    {
        const QJsonObject args{
            {QStringLiteral("page"), 1},
            {QStringLiteral("region"), QJsonValue::Null},
            {QStringLiteral("fields"), QJsonArray{QStringLiteral("total_amount")}}};
        int n = 0;
        m_server->setResponder([&n, args](const RecordedRequest &r) {
            if (r.body.contains("\"tool_choice\":\"none\""))
                return ScriptedResponse::json(200,
                                              responsesAnswer(QString::fromUtf8(invoiceJson())));
            return ScriptedResponse::json(
                200, responsesToolCall(QStringLiteral("c%1").arg(++n), KimiVlTool::name(), args));
        });
        m_kimi->setResponder([](const RecordedRequest &) {
            return ScriptedResponse::json(
                200, chatAnswer(QStringLiteral("{\"total_amount\":\"1041.25\"}")));
        });
        auto tool = std::make_shared<KimiVlTool>(kimiClient(true));
        LlmAgentOptions o = options();
        o.maxToolRounds = 2;
        LlmExtractor extractor(client(LlmApi::Responses), {}, o, tool);
        AgentContext ctx = context();
        const auto e = extractor.extract(invoiceContent(), *m_invoice, ctx);
        QVERIFY2(e.ok(), qPrintable(e.error().message));
        QCOMPARE(extractor.lastToolRounds(), 2);
        QCOMPARE(m_server->requestCount(), 3);
        QCOMPARE(m_kimi->requestCount(), 2);
    }

    void kimiJsonModeRepair()
    {
        m_kimi->enqueue(ScriptedResponse::json(
            200, chatAnswer(QStringLiteral("◁think▷The invoice number is INV-42◁/think▷Here it is: "
                                           "invoice_number = INV-42"))));
        m_kimi->enqueue(ScriptedResponse::json(200, chatAnswer(QString::fromUtf8(invoiceJson()))));
        LlmExtractor extractor(kimiClient(false), {}, options());
        AgentContext ctx = context();
        const auto e = extractor.extract(invoiceContent(), *m_invoice, ctx);
        QVERIFY2(e.ok(), qPrintable(e.error().message));
        QCOMPARE(e.value().engine, QStringLiteral("kimi"));
        QCOMPARE(e.value().value(QStringLiteral("invoice_number")), QStringLiteral("INV-42"));
        QCOMPARE(m_kimi->requestCount(), 2);
        QCOMPARE(ctx.usage.requests, 2);
        const QJsonObject first = bodyOf(m_kimi->requests().at(0));
        QCOMPARE(first.value(QStringLiteral("response_format"))
                     .toObject()
                     .value(QStringLiteral("type"))
                     .toString(),
                 QStringLiteral("json_object"));
        const QJsonArray repair =
            bodyOf(m_kimi->requests().at(1)).value(QStringLiteral("messages")).toArray();
        QCOMPARE(repair.at(repair.size() - 2).toObject().value(QStringLiteral("role")).toString(),
                 QStringLiteral("assistant"));
        QVERIFY(!repair.at(repair.size() - 2)
                     .toObject()
                     .value(QStringLiteral("content"))
                     .toString()
                     .contains(QStringLiteral("think")));
    }

    void kimiRepairFailsIsError()
    {
        m_kimi->setDefaultResponse(
            ScriptedResponse::json(200, chatAnswer(QStringLiteral("no json here"))));
        LlmExtractor extractor(kimiClient(false), {}, options());
        AgentContext ctx = context();
        const auto e = extractor.extract(invoiceContent(), *m_invoice, ctx);
        QVERIFY(!e.ok());
        QCOMPARE(e.error().code, QStringLiteral("llm_bad_json"));
        QCOMPARE(m_kimi->requestCount(), 2); // one repair pass, no more
    }

    void refusalIsAnError()
    {
        QJsonObject refusal = QJsonDocument::fromJson(chatAnswer(QString())).object();
        QJsonArray choices = refusal.value(QStringLiteral("choices")).toArray();
        QJsonObject choice = choices.first().toObject();
        QJsonObject message = choice.value(QStringLiteral("message")).toObject();
        message.insert(QStringLiteral("refusal"), QStringLiteral("I cannot help."));
        choice.insert(QStringLiteral("message"), message);
        choices.replace(0, choice);
        refusal.insert(QStringLiteral("choices"), choices);
        m_server->enqueue(
            ScriptedResponse::json(200, QJsonDocument(refusal).toJson(QJsonDocument::Compact)));
        LlmExtractor extractor(client(LlmApi::ChatCompletions), {}, options());
        AgentContext ctx = context();
        const auto e = extractor.extract(invoiceContent(), *m_invoice, ctx);
        QVERIFY(!e.ok());
        QCOMPARE(e.error().code, QStringLiteral("llm_refusal"));
        QCOMPARE(ctx.usage.requests, 1); // billed all the same
    }

    void budgetBlocksBeforeSending()
    {
        auto pricing = PricingTable::loadDefault(QString());
        QVERIFY2(pricing.ok(), qPrintable(pricing.error().message));
        InMemoryUsageLedger ledger;
        BudgetLimits limits;
        limits.daily = UsdAmount::fromCents(0);
        BudgetGuard guard(&ledger, limits);
        auto spend = std::make_shared<LlmSpend>(
            std::make_shared<const PricingTable>(pricing.takeValue()), &guard);
        LlmExtractor extractor(client(LlmApi::Responses, QStringLiteral("gpt-4o-mini")), spend,
                               options());
        AgentContext ctx = context();
        const auto e = extractor.extract(invoiceContent(), *m_invoice, ctx);
        QVERIFY(!e.ok());
        QCOMPARE(e.error().code, QStringLiteral("budget_blocked"));
        QVERIFY(!e.error().message.isEmpty());
        QCOMPARE(m_server->requestCount(), 0);
    }

    void usageIsPricedAndRecorded()
    {
        auto pricing = PricingTable::loadDefault(QString());
        QVERIFY(pricing.ok());
        InMemoryUsageLedger ledger;
        BudgetLimits limits;
        limits.daily = UsdAmount::fromCents(500);
        BudgetGuard guard(&ledger, limits);
        auto spend = std::make_shared<LlmSpend>(
            std::make_shared<const PricingTable>(pricing.takeValue()), &guard);
        m_server->enqueue(
            ScriptedResponse::json(200, answer(LlmApi::Responses, invoiceJson(), 2000, 1024, 100)));
        LlmExtractor extractor(client(LlmApi::Responses, QStringLiteral("gpt-4o-mini")), spend,
                               options());
        AgentContext ctx = context();
        QVERIFY(extractor.extract(invoiceContent(), *m_invoice, ctx).ok());
        QVERIFY(ctx.usage.costUsd > 0);
        const auto day = ledger.day(QDateTime::currentDateTimeUtc().date());
        QVERIFY(day.ok());
        QCOMPARE(day.value().requests, 1);
        QCOMPARE(day.value().cachedTokens, 1024);
        QCOMPARE(guard.reserved(), UsdAmount());
    }
};

QTEST_GUILESS_MAIN(TestLlmAgents)
#include "test_llm_agents.moc"
