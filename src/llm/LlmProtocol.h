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
    // The model, usage, the API's output (readOutput) and the common tail: text that came with
    // tool calls kept apart, thinking removed, JSON parsed when asked for.
    virtual Result<LlmResponse> parse(const QJsonObject &body, const ProviderConfig &config,
                                      const LlmRequest &request) const;

    // The tokens a 2xx answer bills, also when the answer is not usable (refusal, cut off).
    virtual Usage parseUsage(const QJsonObject &body, qint64 *reasoningTokens = nullptr) const = 0;

    static std::unique_ptr<LlmProtocol> create(LlmApi api);
    // The text parts of a message, joined (system prompts, assistant turns).
    static QString joinedText(const QList<LlmContentPart> &parts);

protected:
    // The API's part of parse(): the output text and tool calls into response, or the error
    // the answer stands for (refusal, cut off, failed, no output).
    virtual Status readOutput(const QJsonObject &body, LlmResponse &response) const = 0;

    // Common tail: thinking removed, JSON parsed when asked for.
    static Result<LlmResponse> finish(LlmResponse response, const ProviderConfig &config,
                                      const LlmRequest &request);
    static Error refusal(const QString &text);
    static Error truncated(const QString &reason);
    // Why an answer stopped early ("content_filter": a refusal; "length",
    // "max_output_tokens", …: cut off) as the error it is.
    static Error stoppedEarly(const QString &reason);
    static Error noOutput(const QString &what); // "llm_bad_json": the answer has no <what>

    // The usage object's counts under one API's names ({prefix}_tokens,
    // {prefix}_tokens_details.cached_tokens / .reasoning_tokens).
    static Usage usageFrom(const QJsonObject &body, QLatin1String inputPrefix,
                           QLatin1String outputPrefix, qint64 *reasoningTokens);

    // Request body parts both APIs share.
    // Tools (each as toolJson makes it) with tool_choice "none" when calls are forbidden,
    // prompt_cache_key, temperature and the output allowance under maxTokensKey.
    static void addCommonOptions(QJsonObject &body, const ProviderConfig &config,
                                 const LlmRequest &request, const QString &maxTokensKey,
                                 QJsonObject (*toolJson)(const LlmToolSpec &));
};

} // namespace docket
