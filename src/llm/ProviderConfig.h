#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace docket {

// Which wire protocol a provider speaks.
enum class LlmApi
{
    Responses,       // POST {base}/responses (api.openai.com)
    ChatCompletions, // POST {base}/chat/completions (OpenAI and compatible servers)
};

// One OpenAI-compatible endpoint: where, which model, with which key and limits.
// The key is a secret: never log it, never store it in settings (KeyStore holds it).
struct ProviderConfig
{
    QString name = QStringLiteral("openai"); // "openai", "kimi": engine and usage ledger name
    LlmApi api = LlmApi::Responses;
    QUrl baseUrl = QUrl(QStringLiteral("https://api.openai.com/v1"));
    QString model = QStringLiteral("gpt-4.1-mini");
    QString apiKey;

    int timeoutMs = 120000; // no byte transferred for this long aborts the request
    int maxRetries = 2;
    qint64 maxResponseBytes =
        32 * 1024 * 1024; // larger answers are aborted (llm_response_too_large)
    std::optional<double> temperature = 0.0;
    int maxOutputTokens = 4096;

    bool jsonSchemaSupported = true; // else JSON mode plus one repair pass
    bool toolsSupported = true;      // function calling
    bool stripThinking = false;      // remove ◁think▷…◁/think▷ from output text
    bool sendStore = true;           // Responses API: send "store": false
    bool sendPromptCacheKey = true;  // OpenAI only; compatible servers may reject it

    // Page images: longest side in pixels and the "detail" hint (low | high | auto).
    int imageMaxSide = 1600;
    QString imageDetail = QStringLiteral("high");

    // Limits shared by every client of this provider (see RateLimiter).
    int maxConcurrent = 8;
    int requestsPerMinute = 0; // 0: unknown until the server's x-ratelimit-* headers say
    qint64 tokensPerMinute = 0;

    bool isConfigured() const { return baseUrl.isValid() && !model.isEmpty(); }
    // Reasoning models (o1/o3/o4, gpt-5…) reject "temperature" and spend output tokens on
    // thinking: no temperature is sent and the output allowance is at least 16k tokens.
    bool isReasoningModel() const;
    std::optional<double> effectiveTemperature(std::optional<double> requested) const;
    int effectiveMaxOutputTokens(int requested) const;
    QUrl endpoint() const; // base + "/responses" or "/chat/completions"

    static ProviderConfig openAi();
    static ProviderConfig kimiVl();
};

} // namespace docket
