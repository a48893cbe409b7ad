#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace docket {

// One part of a user message: text or an image (a data: URL or an https URL).
struct LlmContentPart
{
    enum class Kind
    {
        Text,
        Image
    };
    Kind kind = Kind::Text;
    QString text;
    QString imageUrl;
    QString detail; // low | high | auto, empty: not sent

    static LlmContentPart fromText(const QString &text) { return {Kind::Text, text, {}, {}}; }
    static LlmContentPart fromImage(const QString &url, const QString &detail = {})
    {
        return {Kind::Image, {}, url, detail};
    }
};

// A function call the model asked for (Chat: tool_calls[]; Responses: function_call item).
struct LlmToolCall
{
    QString id; // tool_call id / call_id
    QString name;
    QString arguments; // JSON text
};

// One message of a conversation, in a protocol-neutral form.
struct LlmMessage
{
    enum class Role
    {
        System,
        User,
        Assistant,
        Tool
    };
    Role role = Role::User;
    QList<LlmContentPart> parts;  // System/User/Assistant text and images
    QList<LlmToolCall> toolCalls; // Assistant: the calls it made
    QString toolCallId;           // Tool: which call this answers
    QString toolOutput;           // Tool: JSON text

    static LlmMessage system(const QString &text)
    {
        LlmMessage m;
        m.role = Role::System;
        m.parts = {LlmContentPart::fromText(text)};
        return m;
    }
    static LlmMessage user(QList<LlmContentPart> parts)
    {
        LlmMessage m;
        m.role = Role::User;
        m.parts = std::move(parts);
        return m;
    }
    static LlmMessage toolResult(const QString &callId, const QString &output)
    {
        LlmMessage m;
        m.role = Role::Tool;
        m.toolCallId = callId;
        m.toolOutput = output;
        return m;
    }
};

// A function the model may call; parameters is a strict JSON Schema object.
struct LlmToolSpec
{
    QString name;
    QString description;
    QJsonObject parameters;
};

// What to ask, independent of the wire protocol.
struct LlmRequest
{
    QList<LlmMessage> messages;
    QString schemaName;           // structured output: name and strict schema
    QJsonObject jsonSchema;       // empty: no structured output
    bool jsonMode = false;        // JSON mode without a schema (servers without json_schema)
    bool tolerateBadJson = false; // hand back unparsable text (for a repair pass)
    QList<LlmToolSpec> tools;
    bool forbidToolCalls = false; // tool_choice "none": the model must answer now
    QString promptCacheKey;
    std::optional<double> temperature; // unset: the provider's default
    int maxOutputTokens = 0;           // 0: the provider's default
    qint64 estimatedTokens = 0;        // for the tokens-per-minute budget; 0: estimated here
    QString purpose;                   // for logs: "classify", "extract", "tool" …

    bool expectsJson() const { return !jsonSchema.isEmpty() || jsonMode; }
};

} // namespace docket
