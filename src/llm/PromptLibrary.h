#pragma once

#include <QMap>
#include <QString>

namespace docket {

class DocumentSchema;

// The prompts compiled in from resources/prompts (":/prompts/<name>.txt"). The system
// prompts are sent first and byte-identical in every request so that the provider's prompt
// cache can reuse them; the per-type notes follow and are identical for one type.
class PromptLibrary
{
public:
    static QString version();                 // the prompt version recorded with every extraction
    static QString text(const QString &name); // empty when missing
    // Replaces {{key}} placeholders.
    static QString render(const QString &name, const QMap<QString, QString> &values);

    static QString extractSystem() { return text(QStringLiteral("extract_system")); }
    static QString classifySystem() { return text(QStringLiteral("classify_system")); }
    static QString regionSystem() { return text(QStringLiteral("region_system")); }

    // The per-type part of an extraction prompt: the type, its fields with kinds, its table.
    static QString typeNotes(const DocumentSchema &schema);
    // "docket-<task>-<type>-<version>", for prompt_cache_key.
    static QString cacheKey(const QString &task, const QString &type);
};

} // namespace docket
