#include "ChatCompletionsProtocol.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace docket {

namespace {

QString joinedText(const QList<LlmContentPart> &parts)
{
    QString out;
    for (const LlmContentPart &p : parts)
        if (p.kind == LlmContentPart::Kind::Text)
            out += p.text;
    return out;
}

QJsonValue userContent(const LlmMessage &m)
{
    QJsonArray content;
    for (const LlmContentPart &p : m.parts) {
        if (p.kind == LlmContentPart::Kind::Text) {
            content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                       {QStringLiteral("text"), p.text}});
        } else {
            QJsonObject image{{QStringLiteral("url"), p.imageUrl}};
            if (!p.detail.isEmpty())
                image.insert(QStringLiteral("detail"), p.detail);
            content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("image_url")},
                                       {QStringLiteral("image_url"), image}});
        }
    }
    return content;
}

QJsonArray messageList(const QList<LlmMessage> &messages)
{
    QJsonArray out;
    for (const LlmMessage &m : messages) {
        switch (m.role) {
        case LlmMessage::Role::System:
            out.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                   {QStringLiteral("content"), joinedText(m.parts)}});
            break;
        case LlmMessage::Role::User:
            out.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                   {QStringLiteral("content"), userContent(m)}});
            break;
        case LlmMessage::Role::Assistant: {
            const QString text = joinedText(m.parts);
            QJsonObject msg{{QStringLiteral("role"), QStringLiteral("assistant")},
                            {QStringLiteral("content"),
                             text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text)}};
            if (!m.toolCalls.isEmpty()) {
                QJsonArray calls;
                for (const LlmToolCall &c : m.toolCalls)
                    calls.append(
                        QJsonObject{{QStringLiteral("id"), c.id},
                                    {QStringLiteral("type"), QStringLiteral("function")},
                                    {QStringLiteral("function"),
                                     QJsonObject{{QStringLiteral("name"), c.name},
                                                 {QStringLiteral("arguments"), c.arguments}}}});
                msg.insert(QStringLiteral("tool_calls"), calls);
            }
            out.append(msg);
            break;
        }
        case LlmMessage::Role::Tool:
            out.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("tool")},
                                   {QStringLiteral("tool_call_id"), m.toolCallId},
                                   {QStringLiteral("content"), m.toolOutput}});
            break;
        }
    }
    return out;
}

} // namespace

QJsonObject ChatCompletionsProtocol::buildBody(const ProviderConfig &config,
                                               const LlmRequest &request) const
{
    QJsonObject body{{QStringLiteral("model"), config.model},
                     {QStringLiteral("messages"), messageList(request.messages)}};
    if (!request.jsonSchema.isEmpty() && config.jsonSchemaSupported) {
        body.insert(QStringLiteral("response_format"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("json_schema")},
                                {QStringLiteral("json_schema"),
                                 QJsonObject{{QStringLiteral("name"), request.schemaName},
                                             {QStringLiteral("strict"), true},
                                             {QStringLiteral("schema"), request.jsonSchema}}}});
    } else if (request.expectsJson()) {
        body.insert(QStringLiteral("response_format"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("json_object")}});
    }
    if (!request.tools.isEmpty() && config.toolsSupported) {
        QJsonArray tools;
        for (const LlmToolSpec &t : request.tools)
            tools.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("function")},
                                     {QStringLiteral("function"),
                                      QJsonObject{{QStringLiteral("name"), t.name},
                                                  {QStringLiteral("description"), t.description},
                                                  {QStringLiteral("strict"), true},
                                                  {QStringLiteral("parameters"), t.parameters}}}});
        body.insert(QStringLiteral("tools"), tools);
        if (request.forbidToolCalls)
            body.insert(QStringLiteral("tool_choice"), QStringLiteral("none"));
    }
    if (!request.promptCacheKey.isEmpty() && config.sendPromptCacheKey)
        body.insert(QStringLiteral("prompt_cache_key"), request.promptCacheKey);
    const auto temperature = config.effectiveTemperature(request.temperature);
    if (temperature)
        body.insert(QStringLiteral("temperature"), *temperature);
    const int maxTokens = config.effectiveMaxOutputTokens(request.maxOutputTokens);
    if (maxTokens > 0)
        body.insert(QStringLiteral("max_completion_tokens"), maxTokens);
    return body;
}

Usage ChatCompletionsProtocol::parseUsage(const QJsonObject &body, qint64 *reasoningTokens) const
{
    Usage u;
    u.requests = 1;
    const QJsonObject usage = body.value(QStringLiteral("usage")).toObject();
    u.inputTokens = usage.value(QStringLiteral("prompt_tokens")).toInteger();
    u.cachedTokens = usage.value(QStringLiteral("prompt_tokens_details"))
                         .toObject()
                         .value(QStringLiteral("cached_tokens"))
                         .toInteger();
    u.outputTokens = usage.value(QStringLiteral("completion_tokens")).toInteger();
    const qint64 reasoning = usage.value(QStringLiteral("completion_tokens_details"))
                                 .toObject()
                                 .value(QStringLiteral("reasoning_tokens"))
                                 .toInteger();
    if (reasoningTokens)
        *reasoningTokens = reasoning;
    return u;
}

Result<LlmResponse> ChatCompletionsProtocol::parse(const QJsonObject &body,
                                                   const ProviderConfig &config,
                                                   const LlmRequest &request) const
{
    LlmResponse r;
    r.model = body.value(QStringLiteral("model")).toString();
    r.usage = parseUsage(body, &r.reasoningTokens);

    const QJsonArray choices = body.value(QStringLiteral("choices")).toArray();
    if (choices.isEmpty())
        return Error{
            QStringLiteral("llm_bad_json"),
            QCoreApplication::translate("LlmClient", "The server's answer has no choices.")};
    const QJsonObject choice = choices.first().toObject();
    const QString finishReason = choice.value(QStringLiteral("finish_reason")).toString();
    const QJsonObject message = choice.value(QStringLiteral("message")).toObject();
    const QJsonValue refusalValue = message.value(QStringLiteral("refusal"));
    if (refusalValue.isString() && !refusalValue.toString().isEmpty())
        return refusal(refusalValue.toString());
    if (finishReason == QLatin1String("content_filter"))
        return refusal(QCoreApplication::translate("LlmClient", "content filter"));
    if (finishReason == QLatin1String("length"))
        return truncated(QStringLiteral("length"));

    r.text = message.value(QStringLiteral("content")).toString();
    for (const QJsonValue &v : message.value(QStringLiteral("tool_calls")).toArray()) {
        const QJsonObject call = v.toObject();
        const QJsonObject fn = call.value(QStringLiteral("function")).toObject();
        r.toolCalls.append(LlmToolCall{call.value(QStringLiteral("id")).toString(),
                                       fn.value(QStringLiteral("name")).toString(),
                                       fn.value(QStringLiteral("arguments")).toString()});
    }
    if (r.hasToolCalls()) {
        r.assistantText = r.text;
        r.text.clear();
    }
    return finish(std::move(r), config, request);
}

} // namespace docket
