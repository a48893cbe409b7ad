#pragma once

#include "LlmRequest.h"
#include "LlmResponse.h"
#include "ProviderConfig.h"
#include "RetryPolicy.h"
#include "core/CancelToken.h"
#include "core/Result.h"

#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace docket {

class LlmCall;
class LlmProtocol;
class RateLimiter;

// An asynchronous client of one OpenAI-compatible provider (Responses or Chat Completions),
// over a QNetworkAccessManager living in the client's thread: one client per worker thread.
// TLS is always verified; the API key goes only into the Authorization header and every
// log line passes through redacted().
class LlmClient : public QObject
{
    Q_OBJECT
public:
    // nam: an existing manager of this thread, or null to own managers: one per six
    // concurrent requests (Qt opens at most six HTTP/1.1 connections per host and manager;
    // HTTP/2 multiplexes anyway). The rate limiter is the one shared by every client of the
    // same provider (name and base URL).
    explicit LlmClient(ProviderConfig config, QNetworkAccessManager *nam = nullptr,
                       QObject *parent = nullptr);
    ~LlmClient() override;

    const ProviderConfig &config() const { return m_config; }
    QNetworkAccessManager *network() const { return m_nam; }
    const LlmProtocol &protocol() const { return *m_protocol; }

    RetryPolicy retryPolicy() const { return m_retry; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }
    std::shared_ptr<RateLimiter> rateLimiter() const { return m_limiter; }
    void setRateLimiter(std::shared_ptr<RateLimiter> limiter);

    // Starts a request; the caller owns the returned call (deleteLater after finished()).
    LlmCall *send(const LlmRequest &request);

    // Sends and waits in a local event loop of the calling thread, for agents running in
    // worker threads (never the GUI thread: there it fails with "llm_wrong_thread").
    // Cancelling the token aborts the request. billed: the tokens the provider billed, also
    // when the answer is an error (refusal, cut off, bad JSON).
    Result<LlmResponse> sendAndWait(const LlmRequest &request, const CancelToken &cancel = {},
                                    Usage *billed = nullptr);

    // Rough size of a request in tokens (text at ~4 characters a token, a fixed amount per
    // image, plus the output allowance), for the tokens-per-minute budget and cost estimates.
    static qint64 estimateInputTokens(const LlmRequest &request);
    qint64 estimateTokens(const LlmRequest &request) const;

    // Log request and response bodies (redacted) at debug level; off unless
    // DOCKET_LLM_LOG_CONTENT=1, since they hold document content.
    static bool logContent();

private:
    friend class LlmCall;
    // The manager with the fewest requests in flight (the first on a tie, so that a client
    // used one request at a time keeps reusing one connection).
    int acquireNetwork();
    void releaseNetwork(int index);
    ProviderConfig m_config;
    QNetworkAccessManager *m_nam = nullptr;
    QList<QNetworkAccessManager *> m_nams;
    QList<int> m_namLoad;
    std::unique_ptr<LlmProtocol> m_protocol;
    RetryPolicy m_retry;
    std::shared_ptr<RateLimiter> m_limiter;
};

} // namespace docket
