#pragma once

#include "ImportedFile.h"
#include "IngestLimits.h"
#include "core/Result.h"

#include <QString>
#include <QStringList>

namespace docket {

// Accepts files for processing: checks type and size, hashes (SHA-256) and copies the
// original into the data folder by hash, so a moved source loses nothing. Thread-safe.
class Importer
{
public:
    explicit Importer(QString dataFolder, IngestLimits limits = {});

    // Expands files and folders (recursively) into the supported files they hold, sorted.
    // Unsupported files in folders are skipped; an unsupported file named directly is kept
    // so that importing it reports a clear error.
    static QStringList expandPaths(const QStringList &paths);
    static bool isSupported(const QString &path); // by content sniffing and extension

    Result<ImportedFile> import(const QString &path) const;

    const QString &dataFolder() const { return m_dataFolder; }

    // The stored original as this machine reaches it: storedPath when it exists, else the
    // same file under dataFolder (originals/<hash folder>/<name>: a shared folder that other
    // machines mount elsewhere); empty when neither exists.
    static QString locateOriginal(const QString &storedPath, const QString &dataFolder);

private:
    QString m_dataFolder;
    IngestLimits m_limits;
};

} // namespace docket
