#pragma once

#include "httpserver/TestHttpServer.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace docket::test {

// Canned provider answers.
QByteArray responsesAnswer(const QString &text, int inputTokens = 100, int cachedTokens = 0,
                           int outputTokens = 20);
QByteArray responsesToolCall(const QString &callId, const QString &name,
                             const QJsonObject &arguments);
QByteArray chatAnswer(const QString &content, const QString &finishReason = QStringLiteral("stop"),
                      int promptTokens = 100, int cachedTokens = 0, int completionTokens = 20);
QByteArray chatToolCall(const QString &callId, const QString &name, const QJsonObject &arguments);
QByteArray errorBody(const QString &message, const QString &type, const QString &code);

// Writes every recorded request body to $DOCKET_LLM_BODY_DIR as
// "<responses|chat>-<tag>-<n>.json" for the schema validation test (no-op when unset).
void saveRequestBodies(const TestHttpServer &server, const QString &tag);

// Captures every Qt message of the process (all categories, debug included).
class LogCapture
{
public:
    static void install();
    static QStringList messages();
};

} // namespace docket::test
