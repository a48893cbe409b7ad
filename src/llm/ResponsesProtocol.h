#pragma once

#include "LlmProtocol.h"

namespace docket {

// OpenAI's Responses API: POST {base}/responses with "store": false, input items,
// text.format json_schema (strict), function tools and function_call_output items.
class ResponsesProtocol : public LlmProtocol
{
public:
    QJsonObject buildBody(const ProviderConfig &config, const LlmRequest &request) const override;
    Usage parseUsage(const QJsonObject &body, qint64 *reasoningTokens = nullptr) const override;

protected:
    Status readOutput(const QJsonObject &body, LlmResponse &response) const override;
};

} // namespace docket
