#pragma once

#include "LlmRequest.h"
#include "core/Usage.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace docket {

// A successful answer: the output text (thinking removed when configured), the structured
// value when JSON was asked for and parsed, the tool calls, and what it cost in tokens.
struct LlmResponse
{
    QString text;
    QJsonObject json;  // set when the request expected JSON and the text parsed
    QString jsonError; // why the text did not parse (only with LlmRequest::tolerateBadJson)
    QList<LlmToolCall> toolCalls;
    QString assistantText; // text that came with tool calls (kept for the conversation)
    Usage usage;           // requests = 1 per HTTP answer received, retries included
    qint64 reasoningTokens = 0;
    QString requestId; // x-request-id
    QString model;     // as answered by the server
    int attempts = 1;

    bool hasToolCalls() const { return !toolCalls.isEmpty(); }
};

} // namespace docket
