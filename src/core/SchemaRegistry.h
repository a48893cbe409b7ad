#pragma once

#include "DocumentSchema.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace docket {

// All document types known: the built-in schemas (":/schemas/*.json") plus any a user
// drops into a schema folder. Read-only after loading; safe to share between threads.
class SchemaRegistry
{
public:
    SchemaRegistry();

    // Loads built-ins and then every *.json in userFolders (a user's file may override).
    // Returns the errors of files that could not be read; good files still load.
    QStringList load(const QStringList &userFolders = {});

    const DocumentSchema *schema(const QString &name) const;
    QStringList names() const; // sorted, "other" last
    QList<const DocumentSchema *> schemas() const;

    static QString defaultUserFolder();     // AppDataLocation/schemas
    static const SchemaRegistry &builtin(); // built-ins + default user folder, loaded once

private:
    QMap<QString, DocumentSchema> m_schemas;
};

} // namespace docket
