#include "LlmProtocol.h"

#include "ChatCompletionsProtocol.h"
#include "JsonText.h"
#include "ResponsesProtocol.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace docket {

std::unique_ptr<LlmProtocol> LlmProtocol::create(LlmApi api)
{
    if (api == LlmApi::Responses)
        return std::make_unique<ResponsesProtocol>();
    return std::make_unique<ChatCompletionsProtocol>();
}

Error LlmProtocol::refusal(const QString &text)
{
    return Error{QStringLiteral("llm_refusal"),
                 QCoreApplication::translate("LlmClient", "The model refused to answer: %1")
                     .arg(text.isEmpty()
                              ? QCoreApplication::translate("LlmClient", "no reason given")
                              : text.left(300))};
}

Error LlmProtocol::truncated(const QString &reason)
{
    return Error{QStringLiteral("llm_truncated"),
                 QCoreApplication::translate("LlmClient",
                                             "The model's answer was cut off (%1); it is not used.")
                     .arg(reason)};
}

Error LlmProtocol::stoppedEarly(const QString &reason)
{
    if (reason == QLatin1String("content_filter"))
        return refusal(QCoreApplication::translate("LlmClient", "content filter"));
    return truncated(reason);
}

Error LlmProtocol::noOutput(const QString &what)
{
    return Error{
        QStringLiteral("llm_bad_json"),
        QCoreApplication::translate("LlmClient", "The server's answer has no %1.").arg(what)};
}

Usage LlmProtocol::usageFrom(const QJsonObject &body, QLatin1String inputPrefix,
                             QLatin1String outputPrefix, qint64 *reasoningTokens)
{
    const QJsonObject usage = body.value(QStringLiteral("usage")).toObject();
    const QString input = inputPrefix + QStringLiteral("_tokens");
    const QString output = outputPrefix + QStringLiteral("_tokens");
    Usage u;
    u.requests = 1;
    u.inputTokens = usage.value(input).toInteger();
    u.cachedTokens = usage.value(input + QStringLiteral("_details"))
                         .toObject()
                         .value(QStringLiteral("cached_tokens"))
                         .toInteger();
    u.outputTokens = usage.value(output).toInteger();
    if (reasoningTokens)
        *reasoningTokens = usage.value(output + QStringLiteral("_details"))
                               .toObject()
                               .value(QStringLiteral("reasoning_tokens"))
                               .toInteger();
    return u;
}

QString LlmProtocol::joinedText(const QList<LlmContentPart> &parts)
{
    QString out;
    for (const LlmContentPart &p : parts)
        if (p.kind == LlmContentPart::Kind::Text)
            out += p.text;
    return out;
}

void LlmProtocol::addCommonOptions(QJsonObject &body, const ProviderConfig &config,
                                   const LlmRequest &request, const QString &maxTokensKey,
                                   QJsonObject (*toolJson)(const LlmToolSpec &))
{
    if (!request.tools.isEmpty() && config.toolsSupported) {
        QJsonArray tools;
        for (const LlmToolSpec &t : request.tools)
            tools.append(toolJson(t));
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
        body.insert(maxTokensKey, maxTokens);
}

Result<LlmResponse> LlmProtocol::parse(const QJsonObject &body, const ProviderConfig &config,
                                       const LlmRequest &request) const
{
    LlmResponse r;
    r.model = body.value(QStringLiteral("model")).toString();
    r.usage = parseUsage(body, &r.reasoningTokens);
    if (Status s = readOutput(body, r); !s)
        return s.error();
    if (r.hasToolCalls()) {
        r.assistantText = r.text;
        r.text.clear();
    }
    return finish(std::move(r), config, request);
}

Result<LlmResponse> LlmProtocol::finish(LlmResponse response, const ProviderConfig &config,
                                        const LlmRequest &request)
{
    if (config.stripThinking) {
        response.text = JsonText::stripThinking(response.text);
        response.assistantText = JsonText::stripThinking(response.assistantText);
    }
    if (response.hasToolCalls() || !request.expectsJson())
        return response;
    auto json = JsonText::parseObject(response.text);
    if (!json) {
        if (!request.tolerateBadJson)
            return json.error();
        response.jsonError = json.error().message;
        return response;
    }
    response.json = json.takeValue();
    return response;
}

} // namespace docket
