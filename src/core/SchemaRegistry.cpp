#include "SchemaRegistry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QStandardPaths>

#include <algorithm>

namespace docket {

namespace {

Result<DocumentSchema> readSchema(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<DocumentSchema>::failure(
            QStringLiteral("schema_unreadable"),
            QCoreApplication::translate("SchemaRegistry", "Cannot read %1: %2")
                .arg(path, file.errorString()));
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Result<DocumentSchema>::failure(
            QStringLiteral("schema_invalid"),
            QCoreApplication::translate("SchemaRegistry", "%1 is not valid JSON: %2")
                .arg(path, err.errorString()));
    return DocumentSchema::fromJson(doc.object());
}

} // namespace

SchemaRegistry::SchemaRegistry() = default;

QStringList SchemaRegistry::load(const QStringList &userFolders)
{
    QStringList errors;
    QStringList paths;
    const QDir builtin(QStringLiteral(":/schemas"));
    for (const QString &f : builtin.entryList({QStringLiteral("*.json")}, QDir::Files))
        paths.append(builtin.filePath(f));
    for (const QString &folder : userFolders) {
        const QDir dir(folder);
        for (const QString &f : dir.entryList({QStringLiteral("*.json")}, QDir::Files))
            paths.append(dir.filePath(f));
    }
    for (const QString &path : paths) {
        auto schema = readSchema(path);
        if (!schema) {
            errors.append(schema.error().message);
            continue;
        }
        const QString name = schema.value().name; // before takeValue() moves it away
        m_schemas.insert(name, schema.takeValue());
    }
    return errors;
}

const DocumentSchema *SchemaRegistry::schema(const QString &name) const
{
    auto it = m_schemas.constFind(name);
    return it == m_schemas.cend() ? nullptr : &*it;
}

QStringList SchemaRegistry::names() const
{
    QStringList out = m_schemas.keys();
    std::stable_partition(out.begin(), out.end(),
                          [](const QString &n) { return n != QLatin1String("other"); });
    return out;
}

QList<const DocumentSchema *> SchemaRegistry::schemas() const
{
    QList<const DocumentSchema *> out;
    for (const QString &n : names())
        out.append(schema(n));
    return out;
}

QString SchemaRegistry::defaultUserFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/schemas");
}

const SchemaRegistry &SchemaRegistry::builtin()
{
    static const SchemaRegistry registry = [] {
        SchemaRegistry r;
        r.load({defaultUserFolder()});
        return r;
    }();
    return registry;
}

} // namespace docket
