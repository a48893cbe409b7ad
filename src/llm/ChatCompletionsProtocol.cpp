#include "ChatCompletionsProtocol.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace docket {

namespace {

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
                                   {QStringLiteral("content"), LlmProtocol::joinedText(m.parts)}});
            break;
        case LlmMessage::Role::User:
            out.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                   {QStringLiteral("content"), userContent(m)}});
            break;
        case LlmMessage::Role::Assistant: {
            const QString text = LlmProtocol::joinedText(m.parts);
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

QJsonObject toolJson(const LlmToolSpec &t)
{
    return QJsonObject{
        {QStringLiteral("type"), QStringLiteral("function")},
        {QStringLiteral("function"), QJsonObject{{QStringLiteral("name"), t.name},
                                                 {QStringLiteral("description"), t.description},
                                                 {QStringLiteral("strict"), true},
                                                 {QStringLiteral("parameters"), t.parameters}}}};
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
    addCommonOptions(body, config, request, QStringLiteral("max_completion_tokens"), &toolJson);
    return body;
}

Usage ChatCompletionsProtocol::parseUsage(const QJsonObject &body, qint64 *reasoningTokens) const
{
    return usageFrom(body, QLatin1String("prompt"), QLatin1String("completion"), reasoningTokens);
}

Status ChatCompletionsProtocol::readOutput(const QJsonObject &body, LlmResponse &r) const
{
    const QJsonArray choices = body.value(QStringLiteral("choices")).toArray();
    if (choices.isEmpty())
        return noOutput(QStringLiteral("choices"));
    const QJsonObject choice = choices.first().toObject();
    const QString finishReason = choice.value(QStringLiteral("finish_reason")).toString();
    const QJsonObject message = choice.value(QStringLiteral("message")).toObject();
    const QJsonValue refusalValue = message.value(QStringLiteral("refusal"));
    if (refusalValue.isString() && !refusalValue.toString().isEmpty())
        return refusal(refusalValue.toString());
    if (finishReason == QLatin1String("content_filter") || finishReason == QLatin1String("length"))
        return stoppedEarly(finishReason);

    r.text = message.value(QStringLiteral("content")).toString();
    for (const QJsonValue &v : message.value(QStringLiteral("tool_calls")).toArray()) {
        const QJsonObject call = v.toObject();
        const QJsonObject fn = call.value(QStringLiteral("function")).toObject();
        r.toolCalls.append(LlmToolCall{call.value(QStringLiteral("id")).toString(),
                                       fn.value(QStringLiteral("name")).toString(),
                                       fn.value(QStringLiteral("arguments")).toString()});
    }
    return {};
}

} // namespace docket
