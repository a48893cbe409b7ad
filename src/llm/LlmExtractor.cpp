#include "LlmExtractor.h"

#include "ExtractionMapper.h"
#include "JsonText.h"
#include "KimiVlTool.h"
#include "LlmClient.h"
#include "LlmLog.h"
#include "LlmSession.h"
#include "LlmSpend.h"
#include "PromptLibrary.h"

#include <QCoreApplication>

namespace docket {

LlmExtractor::LlmExtractor(std::shared_ptr<LlmClient> client, std::shared_ptr<const LlmSpend> spend,
                           LlmAgentOptions options, std::shared_ptr<KimiVlTool> kimiTool)
    : m_client(std::move(client)), m_spend(std::move(spend)), m_options(std::move(options)),
      m_kimiTool(std::move(kimiTool))
{}

LlmExtractor::~LlmExtractor() = default;

Result<Extraction> LlmExtractor::extract(const DocumentContent &content,
                                         const DocumentSchema &schema, AgentContext &ctx)
{
    const ProviderConfig &config = m_client->config();
    m_lastToolRounds = 0;
    LlmInputOptions inputOptions = m_options.input;
    inputOptions.imageMaxSide = std::min(inputOptions.imageMaxSide, config.imageMaxSide);
    inputOptions.imageDetail = config.imageDetail;
    const PageImageSource images =
        m_options.images ? m_options.images
                         : LlmInputBuilder::fileImages(ctx.storedPath, inputOptions.renderDpi);
    const auto input = LlmInputBuilder(inputOptions).build(content, images);
    const int pageCount = int(content.pages.size());

    // System prompt first and identical for every type; the type notes next, identical for
    // one type: the cacheable prefix. The document follows.
    LlmRequest request;
    request.messages.append(LlmMessage::system(PromptLibrary::extractSystem()));
    QList<LlmContentPart> parts{LlmContentPart::fromText(PromptLibrary::typeNotes(schema))};
    parts += input.parts;
    request.messages.append(LlmMessage::user(parts));
    request.schemaName = schema.name;
    request.jsonSchema = schema.jsonSchema;
    request.promptCacheKey = PromptLibrary::cacheKey(QStringLiteral("extract"), schema.name);

    const bool useTools = m_kimiTool && config.toolsSupported && bool(images);
    if (useTools)
        request.tools.append(KimiVlTool::spec());

    LlmSession session(*m_client, m_spend.get(), ctx);
    Result<LlmResponse> answer = Error{};
    for (int round = 0;; ++round) {
        if (useTools && round >= m_options.maxToolRounds)
            request.forbidToolCalls = true; // the model must answer now
        answer = useTools
                     ? session.send(request, QStringLiteral("extract"), input.imageSizes)
                     : session.sendStructured(request, QStringLiteral("extract"), input.imageSizes);
        if (!answer || !answer.value().hasToolCalls())
            break;
        if (round > m_options.maxToolRounds) { // the server ignored tool_choice "none"
            return Error{QStringLiteral("llm_tool_loop"),
                         QCoreApplication::translate(
                             "LlmExtractor", "The model kept calling tools instead of answering.")};
        }
        ++m_lastToolRounds;
        LlmMessage call;
        call.role = LlmMessage::Role::Assistant;
        if (!answer.value().assistantText.isEmpty())
            call.parts = {LlmContentPart::fromText(answer.value().assistantText)};
        call.toolCalls = answer.value().toolCalls;
        request.messages.append(call);
        int n = 0;
        for (const LlmToolCall &tc : answer.value().toolCalls) {
            QString output;
            if (tc.name != KimiVlTool::name())
                output = JsonText::compact(
                    QJsonObject{{QStringLiteral("error"), QStringLiteral("unknown tool")}});
            else if (++n > m_options.maxToolCallsPerRound)
                output = JsonText::compact(QJsonObject{
                    {QStringLiteral("error"), QStringLiteral("too many calls in one turn")}});
            else
                output = m_kimiTool->run(tc.arguments, schema, images, pageCount, ctx);
            request.messages.append(LlmMessage::toolResult(tc.id, output));
        }
        if (ctx.cancel.isCancelled())
            return Error{QStringLiteral("llm_cancelled"),
                         QCoreApplication::translate("LlmClient", "The request was cancelled.")};
    }
    if (!answer)
        return answer.error();

    ExtractionMapper::Provenance provenance{config.name, config.model, PromptLibrary::version(),
                                            m_options.presentConfidence};
    Extraction e = ExtractionMapper::map(answer.value().json, schema, content, provenance);
    qCDebug(lcLlm).noquote() << config.name << "extracted" << e.fields.size() << "fields and"
                             << e.lineItems.size() << "rows of" << schema.name << "in"
                             << m_lastToolRounds << "tool rounds";
    return e;
}

} // namespace docket
