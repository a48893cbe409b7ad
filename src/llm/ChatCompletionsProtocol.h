#pragma once

#include "LlmProtocol.h"

namespace docket {

// Chat Completions (OpenAI and compatible servers such as vLLM or Moonshot): messages,
// response_format json_schema (or json_object), tools and tool_calls, max_completion_tokens.
class ChatCompletionsProtocol : public LlmProtocol
{
public:
    QJsonObject buildBody(const ProviderConfig &config, const LlmRequest &request) const override;
    Usage parseUsage(const QJsonObject &body, qint64 *reasoningTokens = nullptr) const override;

protected:
    Status readOutput(const QJsonObject &body, LlmResponse &response) const override;
};

} // namespace docket
