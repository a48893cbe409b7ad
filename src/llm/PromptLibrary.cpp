#include "PromptLibrary.h"

#include "core/DocumentSchema.h"

#include <QFile>
#include <QHash>
#include <QMutex>

namespace docket {

QString PromptLibrary::text(const QString &name)
{
    static QMutex mutex;
    static QHash<QString, QString> cache;
    QMutexLocker lock(&mutex);
    auto it = cache.constFind(name);
    if (it != cache.constEnd())
        return *it;
    QFile f(QStringLiteral(":/prompts/") + name + QStringLiteral(".txt"));
    QString content;
    if (f.open(QIODevice::ReadOnly))
        content = QString::fromUtf8(f.readAll());
    cache.insert(name, content);
    return content;
}

QString PromptLibrary::version()
{
    const QString v = text(QStringLiteral("version")).trimmed();
    return v.isEmpty() ? QStringLiteral("docket-llm-unversioned") : v;
}

QString PromptLibrary::render(const QString &name, const QMap<QString, QString> &values)
{
    QString out = text(name);
    for (auto it = values.constBegin(); it != values.constEnd(); ++it)
        out.replace(QStringLiteral("{{") + it.key() + QStringLiteral("}}"), it.value());
    return out;
}

QString PromptLibrary::typeNotes(const DocumentSchema &schema)
{
    auto line = [](const FieldSpec &f) {
        return QStringLiteral("- %1 (%2%3): %4\n")
            .arg(f.name, fieldKindName(f.kind),
                 f.required ? QStringLiteral(", required") : QString(), f.label);
    };
    QString out = QStringLiteral("Document type: %1 (%2).\n").arg(schema.name, schema.label);
    if (!schema.description.isEmpty())
        out += schema.description + QLatin1Char('\n');
    out += QStringLiteral("Fields:\n");
    for (const FieldSpec &f : schema.fields)
        out += line(f);
    if (!schema.tableName.isEmpty()) {
        out += QStringLiteral("Table \"%1\", one entry per row, columns:\n").arg(schema.tableName);
        for (const FieldSpec &c : schema.columns)
            out += line(c);
    }
    return out;
}

QString PromptLibrary::cacheKey(const QString &task, const QString &type)
{
    return QStringLiteral("docket-%1-%2-%3").arg(task, type, version());
}

} // namespace docket
