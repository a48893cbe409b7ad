#pragma once

#include "core/DocumentSchema.h"
#include "core/Extraction.h"
#include "core/Page.h"

#include <QJsonObject>

namespace docket {

// Turns a model's structured answer (the schema's JSON) into an Extraction: every non-null
// value becomes a Field with source "llm", the engine, model and prompt version, a fixed
// prior confidence, and, when the value can be found among the page words, its page, box and
// printed text. Values are lightly normalised (amount grouping, currency case).
class ExtractionMapper
{
public:
    struct Provenance
    {
        QString engine; // "openai", "kimi"
        QString model;
        QString promptVersion;
        double confidence = 0.9;
    };

    static Extraction map(const QJsonObject &json, const DocumentSchema &schema,
                          const DocumentContent &content, const Provenance &provenance);
    static QString normalise(const QJsonValue &value, FieldKind kind); // empty: absent
};

} // namespace docket
