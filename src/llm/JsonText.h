#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QString>

namespace docket {

// Model output text to JSON: removes ◁think▷…◁/think▷ (and <think>…</think>) blocks and
// Markdown code fences, then parses the one JSON object the text holds.
class JsonText
{
public:
    static QString stripThinking(const QString &text);
    // Error "llm_bad_json" when no JSON object can be read.
    static Result<QJsonObject> parseObject(const QString &text);
    static QString compact(const QJsonObject &object);
};

} // namespace docket
