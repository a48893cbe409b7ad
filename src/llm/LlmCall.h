#pragma once

#include "HttpHeaders.h"
#include "LlmRequest.h"
#include "LlmResponse.h"
#include "core/Result.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

class QNetworkReply;

namespace docket {

class LlmClient;

// One logical request in flight: waits for the provider's rate limits, sends, retries as
// the RetryPolicy says, and finishes exactly once with a response or an Error (codes:
// llm_http_<status>, llm_auth, llm_insufficient_quota, llm_timeout, llm_network,
// llm_cancelled, llm_refusal, llm_truncated, llm_bad_json, llm_failed). Lives in its
// client's thread; the caller deletes it (deleteLater) after finished().
class LlmCall : public QObject
{
    Q_OBJECT
public:
    ~LlmCall() override;

    void abort(); // cancels: finishes with "llm_cancelled"
    bool isFinished() const { return m_result.has_value(); }
    const Result<LlmResponse> &result() const { return *m_result; } // after finished()
    int attempts() const { return m_attempts; }
    // Tokens billed by the provider for this call: also set when the answer was received but
    // is an error (refusal, cut off, bad JSON), which the provider bills all the same.
    const Usage &billedUsage() const { return m_billed; }

Q_SIGNALS:
    void finished();

private:
    friend class LlmClient;
    LlmCall(LlmClient *client, LlmRequest request);
    void start();
    void attempt();
    void onReplyFinished();
    void fail(int httpStatus, const HttpHeaders &headers, const QByteArray &body,
              const QString &networkError, bool timedOut);
    void complete(Result<LlmResponse> result);

    LlmClient *m_client;
    LlmRequest m_request;
    QByteArray m_body;
    qint64 m_estimatedTokens = 0;
    QPointer<QNetworkReply> m_reply;
    int m_network = -1; // index of the client's manager carrying m_reply
    QTimer m_wait;
    QElapsedTimer m_clock;
    bool m_holdingSlot = false;
    bool m_aborted = false;
    bool m_tooLarge = false;
    int m_attempts = 0;
    int m_retries = 0;
    Usage m_billed;
    std::optional<Result<LlmResponse>> m_result;
};

} // namespace docket
