// Tokens and estimated cost of one typical one-page invoice at the default model with
// text-first input: the classify and extract requests the LLM agents really send (captured by
// a local server answering them), their input counted with an approximate tokenizer, the
// expected answer's output tokens, priced with resources/pricing.json.
//   bench_llm_cost [--model M] [PDF...]
// Without PDFs: a generated typical invoice (seller, buyer, 6 line items, totals, terms).
// With PDFs (e.g. the dev invoices of the shared data): each one's text layer (or OCR) as the
// pipeline reads it.
//
// Token estimate (no tokenizer is bundled): prose at ~4 characters a token (the usual rule
// for English with OpenAI's o200k/cl100k tokenizers), JSON (schemas, answers) at ~3
// characters a token (punctuation and short keys tokenise densely), plus 4 tokens of
// framing per message. Bills always come from the provider's usage; this is an estimate.
#include "core/SchemaRegistry.h"
#include "cost/PricingTable.h"
#include "httpserver/TestHttpServer.h"
#include "ingest/SourceDocument.h"
#include "llm/LlmClassifier.h"
#include "llm/LlmClient.h"
#include "llm/LlmExtractor.h"
#include "pipeline/ContentReader.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

#include <cstdio>

using namespace docket;
using namespace docket::test;

namespace {

qint64 proseTokens(qint64 chars)
{
    return (chars + 3) / 4;
}
qint64 jsonTokens(qint64 chars)
{
    return (chars + 2) / 3;
}
constexpr qint64 kTokensPerMessage = 4;

DocumentContent typicalInvoice()
{
    const QStringList lines{
        QStringLiteral("Northwind Components GmbH"),
        QStringLiteral("Industriestrasse 42, 70565 Stuttgart, Germany"),
        QStringLiteral("VAT ID: DE812345678   Tel +49 711 555 0100   billing@northwind.example"),
        QStringLiteral("INVOICE"),
        QStringLiteral("Invoice No: NW-2026-04817        Invoice Date: 14.03.2026"),
        QStringLiteral("Due Date: 13.04.2026             Customer No: 100234"),
        QStringLiteral("Your order: PO-55812             Delivery: DAP Rotterdam"),
        QStringLiteral("Bill to: Harbor Lights Trading B.V."),
        QStringLiteral("Keizersgracht 120, 1015 CX Amsterdam, Netherlands"),
        QStringLiteral("VAT ID: NL001234567B01"),
        QStringLiteral("Pos Description HS code Qty Unit Unit price Amount"),
        QStringLiteral("1 Hex bolt M8x40 zinc plated 7318.15 2,000 pcs 0.085 170.00"),
        QStringLiteral("2 Hex nut M8 zinc plated 7318.16 2,000 pcs 0.032 64.00"),
        QStringLiteral("3 Washer 8.4 mm DIN 125 7318.22 4,000 pcs 0.011 44.00"),
        QStringLiteral("4 Threaded rod M10 x 1000 mm 7318.15 150 pcs 1.95 292.50"),
        QStringLiteral("5 Anchor bolt M12 x 120 7318.15 300 pcs 0.89 267.00"),
        QStringLiteral("6 Packing and palletising 1 lot 35.00 35.00"),
        QStringLiteral("Subtotal EUR 872.50"),
        QStringLiteral("VAT 0% (intra-community supply, reverse charge) 0.00"),
        QStringLiteral("Total EUR 872.50"),
        QStringLiteral("Country of origin: Germany   Incoterms 2020: DAP Rotterdam"),
        QStringLiteral("Payment terms: 30 days net. Please quote the invoice number."),
        QStringLiteral("Bank: Landesbank BW  IBAN DE12 6005 0101 0001 2345 67  BIC SOLADEST600"),
        QStringLiteral("Northwind Components GmbH - Registered office Stuttgart - HRB 123456"),
        QStringLiteral("Page 1 of 1")};
    Page page;
    page.number = 1;
    page.size = QSizeF(595, 842);
    page.source = TextSource::TextLayer;
    for (int l = 0; l < lines.size(); ++l) {
        double x = 50;
        for (const QString &t : lines.at(l).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            Word w;
            w.text = t;
            w.box = QRectF(x, 50 + l * 28, 5.5 * t.size(), 10);
            w.line = l;
            x += 5.5 * t.size() + 4;
            page.words.append(w);
        }
    }
    DocumentContent c;
    c.pages = {page};
    return c;
}

// What the model would answer for the typical invoice: every field of the schema, six rows.
QJsonObject typicalAnswer(const DocumentSchema &schema)
{
    const QMap<QString, QString> values{
        {QStringLiteral("invoice_number"), QStringLiteral("NW-2026-04817")},
        {QStringLiteral("invoice_date"), QStringLiteral("2026-03-14")},
        {QStringLiteral("due_date"), QStringLiteral("2026-04-13")},
        {QStringLiteral("seller_name"), QStringLiteral("Northwind Components GmbH")},
        {QStringLiteral("seller_address"),
         QStringLiteral("Industriestrasse 42, 70565 Stuttgart, Germany")},
        {QStringLiteral("seller_tax_id"), QStringLiteral("DE812345678")},
        {QStringLiteral("buyer_name"), QStringLiteral("Harbor Lights Trading B.V.")},
        {QStringLiteral("buyer_address"),
         QStringLiteral("Keizersgracht 120, 1015 CX Amsterdam, Netherlands")},
        {QStringLiteral("purchase_order"), QStringLiteral("PO-55812")},
        {QStringLiteral("currency"), QStringLiteral("EUR")},
        {QStringLiteral("subtotal"), QStringLiteral("872.50")},
        {QStringLiteral("tax_amount"), QStringLiteral("0.00")},
        {QStringLiteral("total_amount"), QStringLiteral("872.50")},
        {QStringLiteral("incoterms"), QStringLiteral("DAP")},
        {QStringLiteral("country_of_origin"), QStringLiteral("DE")}};
    QJsonObject o;
    for (const FieldSpec &f : schema.fields)
        o.insert(f.name, values.contains(f.name) ? QJsonValue(values.value(f.name))
                                                 : QJsonValue(QJsonValue::Null));
    QJsonArray rows;
    for (int i = 0; i < 6; ++i) {
        QJsonObject row;
        for (const FieldSpec &c : schema.columns)
            row.insert(c.name, QStringLiteral("Hex bolt M8x40 %1").arg(i).left(c.name.size() + 6));
        rows.append(row);
    }
    o.insert(schema.tableName, rows);
    return o;
}

struct Count
{
    qint64 prose = 0; // characters of message text
    qint64 json = 0;  // characters of schema and tool JSON
    int messages = 0;
    QList<QSize> images; // page images sent (none when the text layer is good)
    qint64 imageTokens = 0;
    qint64 tokens() const
    {
        return proseTokens(prose) + jsonTokens(json) + kTokensPerMessage * messages + imageTokens;
    }
};

// The input of one recorded Chat Completions body.
Count countBody(const QByteArray &raw)
{
    const QJsonObject body = QJsonDocument::fromJson(raw).object();
    Count c;
    for (const QJsonValue &m : body.value(QStringLiteral("messages")).toArray()) {
        ++c.messages;
        const QJsonValue content = m.toObject().value(QStringLiteral("content"));
        if (content.isString())
            c.prose += content.toString().size();
        for (const QJsonValue &part : content.toArray()) {
            const QJsonObject p = part.toObject();
            c.prose += p.value(QStringLiteral("text")).toString().size();
            const QString url = p.value(QStringLiteral("image_url"))
                                    .toObject()
                                    .value(QStringLiteral("url"))
                                    .toString();
            const qsizetype comma = url.indexOf(QLatin1Char(','));
            if (comma > 0)
                c.images.append(
                    QImage::fromData(QByteArray::fromBase64(url.mid(comma + 1).toLatin1())).size());
        }
    }
    const QJsonObject format = body.value(QStringLiteral("response_format")).toObject();
    c.json += QJsonDocument(format).toJson(QJsonDocument::Compact).size();
    const QJsonArray tools = body.value(QStringLiteral("tools")).toArray();
    if (!tools.isEmpty())
        c.json += QJsonDocument(tools).toJson(QJsonDocument::Compact).size();
    return c;
}

QByteArray chatBody(const QString &content)
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("model"), QStringLiteral("bench")},
                           {QStringLiteral("choices"),
                            QJsonArray{QJsonObject{
                                {QStringLiteral("finish_reason"), QStringLiteral("stop")},
                                {QStringLiteral("message"),
                                 QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                             {QStringLiteral("content"), content}}}}}},
                           {QStringLiteral("usage"),
                            QJsonObject{{QStringLiteral("prompt_tokens"), 1},
                                        {QStringLiteral("completion_tokens"), 1}}}})
        .toJson(QJsonDocument::Compact);
}

struct Priced
{
    qint64 input = 0;
    qint64 output = 0;
    double usd = 0;
};

Priced price(const PricingTable &table, const QString &model, qint64 input, qint64 output)
{
    const auto cost = table.cost(model, TokenCounts{input, 0, output});
    return {input, output, cost ? cost.value().toDouble() : -1.0};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString model = ProviderConfig::openAi().model;
    QStringList files;
    const QStringList args = app.arguments().mid(1);
    for (int i = 0; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--model") && i + 1 < args.size())
            model = args.at(++i);
        else
            files.append(args.at(i));
    }
    auto table = PricingTable::loadDefault();
    if (!table || !table.value().price(model)) {
        std::fprintf(stderr, "no price for %s\n", qPrintable(model));
        return 1;
    }
    const DocumentSchema *schema =
        SchemaRegistry::builtin().schema(QStringLiteral("commercial_invoice"));
    if (!schema)
        return 1;

    TestHttpServer server;
    if (!server.start())
        return 1;
    const QString answer =
        QString::fromUtf8(QJsonDocument(typicalAnswer(*schema)).toJson(QJsonDocument::Compact));
    const qint64 outputTokens = jsonTokens(answer.size());
    const qint64 classifyOutput = jsonTokens(
        QStringLiteral(R"({"document_type":"commercial_invoice","evidence":"INVOICE"})").size());
    server.setResponder([answer](const RecordedRequest &r) {
        const bool classify = r.body.contains("document_classification");
        return ScriptedResponse::json(
            200,
            chatBody(classify
                         ? QStringLiteral(
                               R"({"document_type":"commercial_invoice","evidence":"INVOICE"})")
                         : answer));
    });

    QList<QPair<QString, DocumentContent>> documents;
    if (files.isEmpty())
        documents.append({QStringLiteral("generated typical invoice"), typicalInvoice()});
    for (const QString &f : files) {
        auto source = SourceDocument::open(f);
        if (!source) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(f), qPrintable(source.error().message));
            continue;
        }
        auto content = ContentReader(OcrOptions()).read(*source.value(), {});
        if (!content)
            continue;
        documents.append({QFileInfo(f).fileName(), content.takeValue()});
    }

    std::printf("bench_llm_cost: model %s, text-first input, expected answer %lld output tokens\n",
                qPrintable(model), static_cast<long long>(outputTokens));
    std::printf("%-28s %6s %4s %9s %9s %9s %10s %10s\n", "document", "chars", "img", "cls in",
                "ext in", "out", "extract $", "document $");
    double sum = 0;
    for (const auto &[name, content] : documents) {
        server.clear();
        // The agents as the openai engine runs them (Chat Completions wire format; the
        // Responses body carries the same text and schema).
        QThread *worker = QThread::create([&, content = content] {
            ProviderConfig c = ProviderConfig::openAi();
            c.api = LlmApi::ChatCompletions;
            c.baseUrl = server.url(QStringLiteral("/v1"));
            c.model = model;
            c.apiKey = QStringLiteral("sk-") + QStringLiteral("bench-cost-0000000000");
            auto client = std::make_shared<LlmClient>(c);
            LlmClassifier classifier(client);
            LlmExtractor extractor(client);
            AgentContext ctx;
            ctx.schemas = &SchemaRegistry::builtin();
            (void)classifier.classify(content, ctx);
            (void)extractor.extract(content, *schema, ctx);
        });
        worker->start();
        worker->wait();
        delete worker;
        const QList<RecordedRequest> requests = server.requests();
        if (requests.size() != 2) {
            std::fprintf(stderr, "%s: %d requests\n", qPrintable(name), int(requests.size()));
            continue;
        }
        Count classify = countBody(requests.at(0).body);
        Count extract = countBody(requests.at(1).body);
        for (Count *count : {&classify, &extract}) {
            EstimateRequest images;
            images.images = count->images;
            images.lowDetail = count == &classify; // the classifier sends "detail": "low"
            const auto estimate = table.value().estimate(model, images);
            count->imageTokens = estimate ? estimate.value().imageTokens : 0;
        }
        const Priced c = price(table.value(), model, classify.tokens(), classifyOutput);
        const Priced e = price(table.value(), model, extract.tokens(), outputTokens);
        std::printf("%-28s %6lld %4d %9lld %9lld %9lld %10.5f %10.5f\n", qPrintable(name.left(28)),
                    static_cast<long long>(content.text().size()), int(extract.images.size()),
                    static_cast<long long>(c.input), static_cast<long long>(e.input),
                    static_cast<long long>(c.output + e.output), e.usd, c.usd + e.usd);
        sum += c.usd + e.usd;
    }
    if (!documents.isEmpty())
        std::printf("average per document (classify + extract): $%.5f (goal < $0.01)\n",
                    sum / documents.size());
    return 0;
}
