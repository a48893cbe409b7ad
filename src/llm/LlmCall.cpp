#include "LlmCall.h"

#include "LlmClient.h"
#include "LlmLog.h"
#include "LlmProtocol.h"
#include "RateLimiter.h"
#include "Redactor.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace docket {

namespace {

HttpHeaders lowerHeaders(const QNetworkReply *reply)
{
    HttpHeaders out;
    for (const auto &pair : reply->rawHeaderPairs())
        out.insert(pair.first.toLower(), pair.second);
    return out;
}

QString endpointName(LlmApi api)
{
    return api == LlmApi::Responses ? QStringLiteral("responses")
                                    : QStringLiteral("chat/completions");
}

} // namespace

LlmCall::LlmCall(LlmClient *client, LlmRequest request)
    : QObject(client), m_client(client), m_request(std::move(request))
{
    m_wait.setSingleShot(true);
    connect(&m_wait, &QTimer::timeout, this, &LlmCall::attempt);
}

LlmCall::~LlmCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_client->releaseNetwork(m_network);
    }
    if (m_holdingSlot)
        m_client->rateLimiter()->release();
}

void LlmCall::start()
{
    const QJsonObject body = m_client->protocol().buildBody(m_client->config(), m_request);
    m_body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    m_estimatedTokens = m_client->estimateTokens(m_request);
    m_clock.start();
    attempt();
}

void LlmCall::attempt()
{
    if (m_aborted || isFinished())
        return;
    const ProviderConfig &config = m_client->config();
    const qint64 wait = m_client->rateLimiter()->tryAcquire(m_estimatedTokens);
    if (wait > 0) {
        m_wait.start(int(std::min<qint64>(wait, 60000)));
        return;
    }
    m_holdingSlot = true;
    ++m_attempts;

    QNetworkRequest req(config.endpoint());
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    req.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Docket/" DOCKET_VERSION));
    if (!config.apiKey.isEmpty())
        req.setRawHeader(QByteArrayLiteral("Authorization"),
                         QByteArrayLiteral("Bearer ") + config.apiKey.toUtf8());
    req.setTransferTimeout(config.timeoutMs);
    // TLS verification stays as Qt sets it (peer verified); ignoreSslErrors() is never called.
    if (LlmClient::logContent())
        qCDebug(lcLlm).noquote() << "request body" << redacted(QString::fromUtf8(m_body));
    qCDebug(lcLlm).noquote() << "POST" << endpointName(config.api) << "model" << config.model
                             << "purpose" << m_request.purpose << "attempt" << m_attempts << "bytes"
                             << m_body.size();
    m_network = m_client->acquireNetwork();
    QNetworkReply *reply = m_client->m_nams.at(m_network)->post(req, m_body);
    reply->setParent(this);
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, &LlmCall::onReplyFinished);
    connect(reply, &QNetworkReply::downloadProgress, this, [this, reply](qint64 received, qint64) {
        if (received > m_client->config().maxResponseBytes && !m_tooLarge) {
            m_tooLarge = true;
            reply->abort();
        }
    });
}

void LlmCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    m_client->releaseNetwork(m_network);
    m_network = -1;
    if (m_holdingSlot) {
        m_holdingSlot = false;
        m_client->rateLimiter()->release();
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const HttpHeaders headers = lowerHeaders(reply);
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    const QString requestId = QString::fromLatin1(headers.value(QByteArrayLiteral("x-request-id")));
    if (status > 0)
        m_client->rateLimiter()->update(headers);

    if (m_tooLarge) {
        qCWarning(lcLlm).noquote() << m_client->config().name << "answer larger than"
                                   << m_client->config().maxResponseBytes << "bytes; aborted";
        complete(Error{
            QStringLiteral("llm_response_too_large"),
            QCoreApplication::translate("LlmClient", "The AI provider's answer is too large.")});
        return;
    }
    if (m_aborted) {
        complete(Error{QStringLiteral("llm_cancelled"),
                       QCoreApplication::translate("LlmClient", "The request was cancelled.")});
        return;
    }
    if (status == 0) {
        const auto error = reply->error();
        const bool timedOut =
            error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError;
        fail(0, headers, {}, redacted(reply->errorString()), timedOut);
        return;
    }
    if (status < 200 || status >= 300) {
        fail(status, headers, body, {}, false);
        return;
    }

    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (LlmClient::logContent())
        qCDebug(lcLlm).noquote() << "response body" << redacted(QString::fromUtf8(body));
    if (!doc.isObject()) {
        qCWarning(lcLlm).noquote() << "unreadable answer, status" << status << "x-request-id"
                                   << requestId << redacted(parseError.errorString());
        complete(Error{
            QStringLiteral("llm_bad_json"),
            QCoreApplication::translate("LlmClient", "The provider's answer is not JSON (%1).")
                .arg(parseError.errorString())});
        return;
    }
    m_billed = m_client->protocol().parseUsage(doc.object());
    auto result = m_client->protocol().parse(doc.object(), m_client->config(), m_request);
    if (result) {
        LlmResponse &r = result.value();
        r.requestId = requestId;
        r.attempts = m_attempts;
        qCInfo(lcLlm).noquote() << m_client->config().name << endpointName(m_client->config().api)
                                << "model" << r.model << "status" << status << "x-request-id"
                                << requestId << "tokens in" << r.usage.inputTokens << "cached"
                                << r.usage.cachedTokens << "out" << r.usage.outputTokens
                                << "tool calls" << r.toolCalls.size() << "attempts" << m_attempts
                                << "ms" << m_clock.elapsed();
    } else {
        qCWarning(lcLlm).noquote()
            << m_client->config().name << "answer not usable:" << result.error().code
            << "x-request-id" << requestId << redacted(result.error().message);
    }
    complete(std::move(result));
}

void LlmCall::fail(int httpStatus, const HttpHeaders &headers, const QByteArray &body,
                   const QString &networkError, bool timedOut)
{
    const QString requestId = QString::fromLatin1(headers.value(QByteArrayLiteral("x-request-id")));
    const QJsonObject error =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    QString errorCode = error.value(QStringLiteral("code")).toString();
    if (errorCode.isEmpty())
        errorCode = error.value(QStringLiteral("type")).toString();
    const QString serverMessage = redacted(error.value(QStringLiteral("message")).toString());

    const RetryPolicy policy = m_client->retryPolicy();
    const RetryPolicy::Decision d = policy.decide(m_retries, httpStatus, headers, errorCode);
    const QString what = httpStatus > 0 ? QStringLiteral("HTTP %1").arg(httpStatus)
                                        : (timedOut ? QStringLiteral("timeout") : networkError);
    if (d.retry && !m_aborted) {
        ++m_retries;
        qCWarning(lcLlm).noquote()
            << m_client->config().name << what << errorCode << "x-request-id" << requestId
            << "retry" << m_retries << "of" << policy.maxRetries << "in" << d.delayMs << "ms";
        m_wait.start(int(d.delayMs));
        return;
    }
    qCWarning(lcLlm).noquote() << m_client->config().name << what << errorCode << "x-request-id"
                               << requestId << "giving up after" << m_attempts
                               << "attempts:" << serverMessage;

    const QString detail = serverMessage.isEmpty() ? what : serverMessage;
    if (httpStatus == 0) {
        if (timedOut)
            complete(Error{QStringLiteral("llm_timeout"),
                           QCoreApplication::translate(
                               "LlmClient", "The AI provider did not answer in time (%1 attempts).")
                               .arg(m_attempts)});
        else
            complete(Error{
                QStringLiteral("llm_network"),
                QCoreApplication::translate("LlmClient", "The AI provider could not be reached: %1")
                    .arg(detail)});
    } else if (httpStatus == 401) {
        complete(
            Error{QStringLiteral("llm_auth"),
                  QCoreApplication::translate(
                      "LlmClient", "The AI provider refused the API key; enter a valid key in the "
                                   "settings. (%1)")
                      .arg(detail)});
    } else if (errorCode == QLatin1String("insufficient_quota")) {
        complete(Error{QStringLiteral("llm_insufficient_quota"),
                       QCoreApplication::translate(
                           "LlmClient", "The AI provider's account has no credit left: %1")
                           .arg(detail)});
    } else {
        complete(
            Error{QStringLiteral("llm_http_%1").arg(httpStatus),
                  QCoreApplication::translate("LlmClient", "The AI provider answered HTTP %1: %2")
                      .arg(httpStatus)
                      .arg(detail)});
    }
}

void LlmCall::complete(Result<LlmResponse> result)
{
    if (isFinished())
        return;
    m_wait.stop();
    m_result.emplace(std::move(result));
    Q_EMIT finished();
}

void LlmCall::abort()
{
    if (isFinished())
        return;
    m_aborted = true;
    m_wait.stop();
    if (m_reply)
        m_reply->abort(); // finished() arrives synchronously and completes the call
    if (!isFinished())
        complete(Error{QStringLiteral("llm_cancelled"),
                       QCoreApplication::translate("LlmClient", "The request was cancelled.")});
}

} // namespace docket
