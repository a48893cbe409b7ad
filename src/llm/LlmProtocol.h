#pragma once

#include "LlmRequest.h"
#include "LlmResponse.h"
#include "ProviderConfig.h"
#include "core/Result.h"

#include <QJsonObject>

#include <memory>

namespace docket {

// Turns a protocol-neutral LlmRequest into one API's request body, and that API's 2xx
// body into an LlmResponse. Not data but errors: a refusal ("llm_refusal"), output cut off
// ("llm_truncated"), a failed response ("llm_failed"), JSON that does not parse
// ("llm_bad_json", unless the request tolerates it).
class LlmProtocol
{
public:
    virtual ~LlmProtocol() = default;
    virtual QJsonObject buildBody(const ProviderConfig &config,
                                  const LlmRequest &request) const = 0;
    virtual Result<LlmResponse> parse(const QJsonObject &body, const ProviderConfig &config,
                                      const LlmRequest &request) const = 0;

    // The tokens a 2xx answer bills, also when the answer is not usable (refusal, cut off).
    virtual Usage parseUsage(const QJsonObject &body, qint64 *reasoningTokens = nullptr) const = 0;

    static std::unique_ptr<LlmProtocol> create(LlmApi api);

protected:
    // Common tail: thinking removed, JSON parsed when asked for.
    static Result<LlmResponse> finish(LlmResponse response, const ProviderConfig &config,
                                      const LlmRequest &request);
    static Error refusal(const QString &text);
    static Error truncated(const QString &reason);
};

} // namespace docket
