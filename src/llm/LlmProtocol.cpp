#include "LlmProtocol.h"

#include "ChatCompletionsProtocol.h"
#include "JsonText.h"
#include "ResponsesProtocol.h"

#include <QCoreApplication>

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
