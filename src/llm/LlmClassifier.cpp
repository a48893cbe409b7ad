#include "LlmClassifier.h"

#include "LlmClient.h"
#include "LlmLog.h"
#include "LlmSession.h"
#include "LlmSpend.h"
#include "PromptLibrary.h"
#include "core/SchemaRegistry.h"

#include <QJsonArray>

namespace docket {

LlmClassifier::LlmClassifier(std::shared_ptr<LlmClient> client,
                             std::shared_ptr<const LlmSpend> spend, LlmAgentOptions options)
    : m_client(std::move(client)), m_spend(std::move(spend)), m_options(std::move(options))
{}

LlmClassifier::~LlmClassifier() = default;

Result<Classification> LlmClassifier::classify(const DocumentContent &content, AgentContext &ctx)
{
    const SchemaRegistry &registry = ctx.schemas ? *ctx.schemas : SchemaRegistry::builtin();
    const QStringList names = registry.names();

    QString types = QStringLiteral("Document types:\n");
    for (const DocumentSchema *s : registry.schemas())
        types +=
            QStringLiteral("- %1: %2%3\n")
                .arg(s->name, s->label,
                     s->description.isEmpty() ? QString() : QStringLiteral(" — ") + s->description);

    LlmInputOptions inputOptions = m_options.input;
    inputOptions.maxPages = m_options.classifyMaxPages;
    inputOptions.maxTextChars = std::min(inputOptions.maxTextChars, 12000);
    inputOptions.imageDetail = QStringLiteral("low"); // the type shows at low resolution
    const PageImageSource images =
        m_options.images ? m_options.images
                         : LlmInputBuilder::fileImages(ctx.storedPath, inputOptions.renderDpi);
    const auto input = LlmInputBuilder(inputOptions).build(content, images);

    LlmRequest request;
    request.messages.append(LlmMessage::system(PromptLibrary::classifySystem()));
    QList<LlmContentPart> parts{LlmContentPart::fromText(types)};
    parts += input.parts;
    request.messages.append(LlmMessage::user(parts));
    QJsonArray enumNames;
    for (const QString &n : names)
        enumNames.append(n);
    request.schemaName = QStringLiteral("document_classification");
    request.jsonSchema = QJsonObject{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("document_type"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                  {QStringLiteral("enum"), enumNames}}},
                     {QStringLiteral("evidence"),
                      QJsonObject{{QStringLiteral("type"), QJsonArray{QStringLiteral("string"),
                                                                      QStringLiteral("null")}}}}}},
        {QStringLiteral("required"),
         QJsonArray{QStringLiteral("document_type"), QStringLiteral("evidence")}},
        {QStringLiteral("additionalProperties"), false}};
    request.promptCacheKey =
        PromptLibrary::cacheKey(QStringLiteral("classify"), QStringLiteral("all"));
    request.maxOutputTokens = 300;

    LlmSession session(*m_client, m_spend.get(), ctx);
    auto answer = session.sendStructured(request, QStringLiteral("classify"), input.imageSizes);
    if (!answer)
        return answer.error();

    Classification c;
    c.documentType = answer.value().json.value(QStringLiteral("document_type")).toString();
    if (!names.contains(c.documentType)) {
        qCWarning(lcLlm).noquote() << "model answered an unknown type" << c.documentType.left(60);
        c.documentType = QStringLiteral("other");
    }
    c.confidence = m_options.classifyConfidence;
    const double rest = names.size() > 1 ? (1.0 - c.confidence) / double(names.size() - 1) : 0.0;
    for (const QString &n : names)
        c.scores.insert(n, n == c.documentType ? c.confidence : rest);
    c.evidence.append(
        QStringLiteral("%1 (%2)").arg(m_client->config().name, m_client->config().model));
    const QString evidence = answer.value().json.value(QStringLiteral("evidence")).toString();
    if (!evidence.isEmpty())
        c.evidence.append(evidence.left(200));
    return c;
}

} // namespace docket
