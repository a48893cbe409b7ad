#include "LlmTestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QRegularExpression>

namespace docket::test {

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject responsesUsage(int in, int cached, int out)
{
    return QJsonObject{{QStringLiteral("input_tokens"), in},
                       {QStringLiteral("input_tokens_details"),
                        QJsonObject{{QStringLiteral("cached_tokens"), cached}}},
                       {QStringLiteral("output_tokens"), out},
                       {QStringLiteral("output_tokens_details"),
                        QJsonObject{{QStringLiteral("reasoning_tokens"), 0}}},
                       {QStringLiteral("total_tokens"), in + out}};
}

QJsonObject chatUsage(int in, int cached, int out)
{
    return QJsonObject{{QStringLiteral("prompt_tokens"), in},
                       {QStringLiteral("completion_tokens"), out},
                       {QStringLiteral("total_tokens"), in + out},
                       {QStringLiteral("prompt_tokens_details"),
                        QJsonObject{{QStringLiteral("cached_tokens"), cached}}}};
}

QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previous = nullptr;

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log.append(QString::fromLatin1(context.category ? context.category : "default") +
                     QStringLiteral(": ") + message);
    }
    if (g_previous && type != QtDebugMsg)
        g_previous(type, context, message);
}

} // namespace

QByteArray responsesAnswer(const QString &text, int inputTokens, int cachedTokens, int outputTokens)
{
    return compact(QJsonObject{
        {QStringLiteral("id"), QStringLiteral("resp_1")},
        {QStringLiteral("object"), QStringLiteral("response")},
        {QStringLiteral("status"), QStringLiteral("completed")},
        {QStringLiteral("model"), QStringLiteral("gpt-test")},
        {QStringLiteral("output"),
         QJsonArray{QJsonObject{
             {QStringLiteral("type"), QStringLiteral("message")},
             {QStringLiteral("role"), QStringLiteral("assistant")},
             {QStringLiteral("content"),
              QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("output_text")},
                                     {QStringLiteral("text"), text}}}}}}},
        {QStringLiteral("usage"), responsesUsage(inputTokens, cachedTokens, outputTokens)}});
}

QByteArray responsesToolCall(const QString &callId, const QString &name,
                             const QJsonObject &arguments)
{
    return compact(
        QJsonObject{{QStringLiteral("id"), QStringLiteral("resp_t")},
                    {QStringLiteral("status"), QStringLiteral("completed")},
                    {QStringLiteral("model"), QStringLiteral("gpt-test")},
                    {QStringLiteral("output"),
                     QJsonArray{QJsonObject{
                         {QStringLiteral("type"), QStringLiteral("function_call")},
                         {QStringLiteral("call_id"), callId},
                         {QStringLiteral("name"), name},
                         {QStringLiteral("arguments"), QString::fromUtf8(compact(arguments))}}}},
                    {QStringLiteral("usage"), responsesUsage(50, 0, 10)}});
}

QByteArray chatAnswer(const QString &content, const QString &finishReason, int promptTokens,
                      int cachedTokens, int completionTokens)
{
    return compact(QJsonObject{
        {QStringLiteral("id"), QStringLiteral("chatcmpl-1")},
        {QStringLiteral("object"), QStringLiteral("chat.completion")},
        {QStringLiteral("model"), QStringLiteral("chat-test")},
        {QStringLiteral("choices"),
         QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                {QStringLiteral("finish_reason"), finishReason},
                                {QStringLiteral("message"),
                                 QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                             {QStringLiteral("content"), content},
                                             {QStringLiteral("refusal"), QJsonValue::Null}}}}}},
        {QStringLiteral("usage"), chatUsage(promptTokens, cachedTokens, completionTokens)}});
}

QByteArray chatToolCall(const QString &callId, const QString &name, const QJsonObject &arguments)
{
    const QJsonObject call{
        {QStringLiteral("id"), callId},
        {QStringLiteral("type"), QStringLiteral("function")},
        {QStringLiteral("function"),
         QJsonObject{{QStringLiteral("name"), name},
                     {QStringLiteral("arguments"), QString::fromUtf8(compact(arguments))}}}};
    return compact(QJsonObject{
        {QStringLiteral("id"), QStringLiteral("chatcmpl-t")},
        {QStringLiteral("model"), QStringLiteral("chat-test")},
        {QStringLiteral("choices"),
         QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                {QStringLiteral("finish_reason"), QStringLiteral("tool_calls")},
                                {QStringLiteral("message"),
                                 QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                             {QStringLiteral("content"), QJsonValue::Null},
                                             {QStringLiteral("tool_calls"), QJsonArray{call}}}}}}},
        {QStringLiteral("usage"), chatUsage(50, 0, 10)}});
}

QByteArray errorBody(const QString &message, const QString &type, const QString &code)
{
    return compact(QJsonObject{
        {QStringLiteral("error"),
         QJsonObject{{QStringLiteral("message"), message},
                     {QStringLiteral("type"), type},
                     {QStringLiteral("param"), QJsonValue::Null},
                     {QStringLiteral("code"),
                      code.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(code)}}}});
}

void saveRequestBodies(const TestHttpServer &server, const QString &tag)
{
    const QString dir = qEnvironmentVariable("DOCKET_LLM_BODY_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QString safeTag = tag;
    safeTag.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_]+")), QStringLiteral("_"));
    int n = 0;
    for (const RecordedRequest &r : server.requests()) {
        ++n;
        if (r.method != "POST")
            continue;
        QString api;
        if (r.path.endsWith("/responses"))
            api = QStringLiteral("responses");
        else if (r.path.endsWith("/chat/completions"))
            api = QStringLiteral("chat");
        else
            continue;
        QFile f(dir + QLatin1Char('/') + api + QLatin1Char('-') + safeTag + QLatin1Char('-') +
                QString::number(n) + QStringLiteral(".json"));
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(r.body);
    }
}

void LogCapture::install()
{
    QLoggingCategory::setFilterRules(QStringLiteral("docket.*=true"));
    g_previous = qInstallMessageHandler(handler);
}

QStringList LogCapture::messages()
{
    QMutexLocker lock(&g_logMutex);
    return g_log;
}

} // namespace docket::test
