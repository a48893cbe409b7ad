#include "ResponsesProtocol.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace docket {

namespace {

QJsonArray contentList(const LlmMessage &m)
{
    QJsonArray content;
    for (const LlmContentPart &p : m.parts) {
        if (p.kind == LlmContentPart::Kind::Text)
            content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("input_text")},
                                       {QStringLiteral("text"), p.text}});
        else
            content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("input_image")},
                                       {QStringLiteral("image_url"), p.imageUrl},
                                       {QStringLiteral("detail"),
                                        p.detail.isEmpty() ? QStringLiteral("auto") : p.detail}});
    }
    return content;
}

QJsonArray inputItems(const QList<LlmMessage> &messages)
{
    QJsonArray items;
    for (const LlmMessage &m : messages) {
        switch (m.role) {
        case LlmMessage::Role::System:
            items.append(
                QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                            {QStringLiteral("content"), LlmProtocol::joinedText(m.parts)}});
            break;
        case LlmMessage::Role::User:
            items.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                     {QStringLiteral("content"), contentList(m)}});
            break;
        case LlmMessage::Role::Assistant: {
            const QString text = LlmProtocol::joinedText(m.parts);
            if (!text.isEmpty())
                items.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                         {QStringLiteral("content"), text}});
            for (const LlmToolCall &c : m.toolCalls)
                items.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("function_call")},
                                         {QStringLiteral("call_id"), c.id},
                                         {QStringLiteral("name"), c.name},
                                         {QStringLiteral("arguments"), c.arguments}});
            break;
        }
        case LlmMessage::Role::Tool:
            items.append(
                QJsonObject{{QStringLiteral("type"), QStringLiteral("function_call_output")},
                            {QStringLiteral("call_id"), m.toolCallId},
                            {QStringLiteral("output"), m.toolOutput}});
            break;
        }
    }
    return items;
}

QJsonObject toolJson(const LlmToolSpec &t)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("function")},
                       {QStringLiteral("name"), t.name},
                       {QStringLiteral("description"), t.description},
                       {QStringLiteral("strict"), true},
                       {QStringLiteral("parameters"), t.parameters}};
}

} // namespace

QJsonObject ResponsesProtocol::buildBody(const ProviderConfig &config,
                                         const LlmRequest &request) const
{
    QJsonObject body{{QStringLiteral("model"), config.model},
                     {QStringLiteral("input"), inputItems(request.messages)}};
    if (config.sendStore)
        body.insert(QStringLiteral("store"), false);
    if (!request.jsonSchema.isEmpty()) {
        body.insert(
            QStringLiteral("text"),
            QJsonObject{{QStringLiteral("format"),
                         QJsonObject{{QStringLiteral("type"), QStringLiteral("json_schema")},
                                     {QStringLiteral("name"), request.schemaName},
                                     {QStringLiteral("strict"), true},
                                     {QStringLiteral("schema"), request.jsonSchema}}}});
    } else if (request.jsonMode) {
        body.insert(
            QStringLiteral("text"),
            QJsonObject{{QStringLiteral("format"),
                         QJsonObject{{QStringLiteral("type"), QStringLiteral("json_object")}}}});
    }
    addCommonOptions(body, config, request, QStringLiteral("max_output_tokens"), &toolJson);
    return body;
}

Usage ResponsesProtocol::parseUsage(const QJsonObject &body, qint64 *reasoningTokens) const
{
    return usageFrom(body, QLatin1String("input"), QLatin1String("output"), reasoningTokens);
}

Status ResponsesProtocol::readOutput(const QJsonObject &body, LlmResponse &r) const
{
    const QString status = body.value(QStringLiteral("status")).toString();
    if (status == QLatin1String("incomplete")) {
        const QString reason = body.value(QStringLiteral("incomplete_details"))
                                   .toObject()
                                   .value(QStringLiteral("reason"))
                                   .toString();
        return stoppedEarly(reason.isEmpty() ? QStringLiteral("incomplete") : reason);
    }
    if (status == QLatin1String("failed") || status == QLatin1String("cancelled"))
        return Error{QStringLiteral("llm_failed"),
                     QCoreApplication::translate("LlmClient", "The model could not answer: %1")
                         .arg(body.value(QStringLiteral("error"))
                                  .toObject()
                                  .value(QStringLiteral("message"))
                                  .toString(status))};
    if (!body.contains(QStringLiteral("output")))
        return noOutput(QStringLiteral("output"));

    for (const QJsonValue &v : body.value(QStringLiteral("output")).toArray()) {
        const QJsonObject item = v.toObject();
        const QString type = item.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("message")) {
            for (const QJsonValue &c : item.value(QStringLiteral("content")).toArray()) {
                const QJsonObject part = c.toObject();
                const QString partType = part.value(QStringLiteral("type")).toString();
                if (partType == QLatin1String("output_text"))
                    r.text += part.value(QStringLiteral("text")).toString();
                else if (partType == QLatin1String("refusal"))
                    return refusal(part.value(QStringLiteral("refusal")).toString());
            }
        } else if (type == QLatin1String("function_call")) {
            r.toolCalls.append(LlmToolCall{item.value(QStringLiteral("call_id")).toString(),
                                           item.value(QStringLiteral("name")).toString(),
                                           item.value(QStringLiteral("arguments")).toString()});
        }
    }
    return {};
}

} // namespace docket
