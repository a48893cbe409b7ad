#include "LlmClient.h"

#include "LlmCall.h"
#include "LlmLog.h"
#include "LlmProtocol.h"
#include "RateLimiter.h"
#include "Redactor.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QThread>
#include <QTimer>

#include <algorithm>

namespace docket {

namespace {

constexpr qint64 kTokensPerImage = 1100; // ~ a high-detail 1024 px page on tile-based models

} // namespace

LlmClient::LlmClient(ProviderConfig config, QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_nam(nam),
      m_protocol(LlmProtocol::create(m_config.api))
{
    if (m_nam) {
        m_nams = {m_nam};
    } else {
        const int managers = std::clamp((m_config.maxConcurrent + 5) / 6, 1, 16);
        for (int i = 0; i < managers; ++i)
            m_nams.append(new QNetworkAccessManager(this));
        m_nam = m_nams.first();
    }
    m_namLoad = QList<int>(m_nams.size(), 0);
    Redactor::addSecret(m_config.apiKey);
    m_retry.maxRetries = m_config.maxRetries;
    m_limiter =
        RateLimiter::shared(m_config.name + QLatin1Char('|') + m_config.baseUrl.toString(),
                            RateLimiter::Limits{m_config.maxConcurrent, m_config.requestsPerMinute,
                                                m_config.tokensPerMinute});
}

LlmClient::~LlmClient() = default;

int LlmClient::acquireNetwork()
{
    int best = 0;
    for (int i = 1; i < m_namLoad.size(); ++i)
        if (m_namLoad.at(i) < m_namLoad.at(best))
            best = i;
    ++m_namLoad[best];
    return best;
}

void LlmClient::releaseNetwork(int index)
{
    if (index >= 0 && index < m_namLoad.size())
        m_namLoad[index] = std::max(0, m_namLoad.at(index) - 1);
}

void LlmClient::setRateLimiter(std::shared_ptr<RateLimiter> limiter)
{
    m_limiter = std::move(limiter);
}

LlmCall *LlmClient::send(const LlmRequest &request)
{
    Q_ASSERT_X(QThread::currentThread() == thread(), "LlmClient::send",
               "a client is used only in its own thread");
    auto *call = new LlmCall(this, request);
    call->start();
    return call;
}

Result<LlmResponse> LlmClient::sendAndWait(const LlmRequest &request, const CancelToken &cancel,
                                           Usage *billed)
{
    if (billed)
        *billed = Usage();
    QCoreApplication *app = QCoreApplication::instance();
    if (app && QThread::currentThread() == app->thread() && app->inherits("QGuiApplication")) {
        qCWarning(lcLlm) << "sendAndWait refused in the GUI thread; use send()";
        return Error{QStringLiteral("llm_wrong_thread"),
                     QCoreApplication::translate(
                         "LlmClient", "Internal error: a blocking request in the GUI thread.")};
    }
    if (cancel.isCancelled())
        return Error{QStringLiteral("llm_cancelled"),
                     QCoreApplication::translate("LlmClient", "The request was cancelled.")};
    std::unique_ptr<LlmCall> call(send(request));
    if (!call->isFinished()) {
        QEventLoop loop;
        connect(call.get(), &LlmCall::finished, &loop, &QEventLoop::quit);
        QTimer poll;
        connect(&poll, &QTimer::timeout, call.get(), [&cancel, c = call.get()] {
            if (cancel.isCancelled())
                c->abort();
        });
        poll.start(50);
        loop.exec();
    }
    Result<LlmResponse> result = call->result();
    if (billed)
        *billed = call->billedUsage();
    call.reset();
    // Replies of this call were deleteLater()'d inside the loop: free them now.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return result;
}

qint64 LlmClient::estimateInputTokens(const LlmRequest &request)
{
    qint64 chars = 0;
    qint64 images = 0;
    for (const LlmMessage &m : request.messages) {
        for (const LlmContentPart &p : m.parts) {
            if (p.kind == LlmContentPart::Kind::Text)
                chars += p.text.size();
            else
                ++images;
        }
        for (const LlmToolCall &c : m.toolCalls)
            chars += c.arguments.size() + c.name.size();
        chars += m.toolOutput.size();
    }
    // The schema and tool definitions count as input too.
    chars += QJsonDocument(request.jsonSchema).toJson(QJsonDocument::Compact).size();
    for (const LlmToolSpec &t : request.tools)
        chars += t.description.size() +
                 QJsonDocument(t.parameters).toJson(QJsonDocument::Compact).size();
    return chars / 4 + images * kTokensPerImage + 8 * request.messages.size();
}

qint64 LlmClient::estimateTokens(const LlmRequest &request) const
{
    if (request.estimatedTokens > 0)
        return request.estimatedTokens;
    const int out = m_config.effectiveMaxOutputTokens(request.maxOutputTokens);
    return estimateInputTokens(request) + std::max(0, out);
}

bool LlmClient::logContent()
{
    static const bool on = qEnvironmentVariableIntValue("DOCKET_LLM_LOG_CONTENT") == 1;
    return on;
}

} // namespace docket
