#include "Importer.h"

#include "FileSniffer.h"
#include "IngestLog.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryFile>

#include <algorithm>

namespace docket {

QString Importer::locateOriginal(const QString &storedPath, const QString &dataFolder)
{
    if (storedPath.isEmpty())
        return {};
    if (QFileInfo::exists(storedPath))
        return storedPath;
    if (dataFolder.isEmpty())
        return {};
    const QFileInfo stored(storedPath);
    const QString candidate = QDir(dataFolder)
                                  .filePath(QStringLiteral("originals/") + stored.dir().dirName() +
                                            QLatin1Char('/') + stored.fileName());
    return QFileInfo::exists(candidate) ? candidate : QString();
}

namespace {

// This file's messages, under the context lupdate files them in.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(docket::Importer)
};

constexpr qint64 ChunkBytes = 1024 * 1024;

} // namespace

Importer::Importer(QString dataFolder, IngestLimits limits)
    : m_dataFolder(std::move(dataFolder)), m_limits(limits)
{}

bool Importer::isSupported(const QString &path)
{
    return FileSniffer::sniff(path) != FileSniffer::Kind::Unknown;
}

QStringList Importer::expandPaths(const QStringList &paths)
{
    QStringList out;
    QSet<QString> seen;
    auto add = [&](const QString &p) {
        if (!seen.contains(p)) {
            seen.insert(p);
            out.append(p);
        }
    };
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.isDir()) {
            add(info.exists() ? info.absoluteFilePath() : path);
            continue;
        }
        QStringList found;
        // Symbolic links to folders are not followed, so a loop of links cannot trap us.
        QDirIterator it(info.absoluteFilePath(), QDir::Files | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            if (isSupported(file))
                found.append(file);
        }
        std::sort(found.begin(), found.end());
        for (const QString &f : std::as_const(found))
            add(f);
    }
    return out;
}

Result<ImportedFile> Importer::import(const QString &path) const
{
    using R = Result<ImportedFile>;
    const QFileInfo info(path);
    const QString name = info.fileName();
    if (!info.exists())
        return R::failure(QStringLiteral("file_not_found"),
                          Messages::tr("\"%1\" does not exist.").arg(path));
    if (!info.isFile() || !info.isReadable())
        return R::failure(QStringLiteral("file_unreadable"),
                          Messages::tr("\"%1\" cannot be read.").arg(name));
    if (info.size() > m_limits.maxFileBytes)
        return R::failure(QStringLiteral("file_too_large"),
                          Messages::tr("\"%1\" is %2 MB, more than the %3 MB Docket accepts.")
                              .arg(name)
                              .arg(info.size() / (1024 * 1024))
                              .arg(m_limits.maxFileBytes / (1024 * 1024)));
    if (info.size() == 0)
        return R::failure(QStringLiteral("empty_file"), Messages::tr("\"%1\" is empty.").arg(name));
    const FileSniffer::Kind kind = FileSniffer::sniff(path);
    if (kind == FileSniffer::Kind::Unknown)
        return R::failure(QStringLiteral("unsupported_format"),
                          Messages::tr("\"%1\" is not a PDF, PNG, JPEG or TIFF file.").arg(name));

    QFile source(path);
    if (!source.open(QIODevice::ReadOnly))
        return R::failure(
            QStringLiteral("file_unreadable"),
            Messages::tr("\"%1\" cannot be read: %2").arg(name, source.errorString()));

    const QString originals = QDir(m_dataFolder).filePath(QStringLiteral("originals"));
    if (!QDir().mkpath(originals))
        return R::failure(QStringLiteral("storage_failed"),
                          Messages::tr("The data folder \"%1\" cannot be written.").arg(originals));

    // One pass: hash while copying into a temporary file beside the destination, then rename.
    QTemporaryFile temp(QDir(originals).filePath(QStringLiteral("import-XXXXXX.part")));
    if (!temp.open())
        return R::failure(QStringLiteral("storage_failed"),
                          Messages::tr("The data folder \"%1\" cannot be written: %2")
                              .arg(originals, temp.errorString()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buffer;
    qint64 total = 0;
    while (!source.atEnd()) {
        buffer = source.read(ChunkBytes);
        if (buffer.isEmpty() && source.error() != QFileDevice::NoError)
            return R::failure(
                QStringLiteral("file_unreadable"),
                Messages::tr("\"%1\" cannot be read: %2").arg(name, source.errorString()));
        if (buffer.isEmpty())
            break;
        total += buffer.size();
        if (total > m_limits.maxFileBytes)
            return R::failure(QStringLiteral("file_too_large"),
                              Messages::tr("\"%1\" grew beyond the %2 MB Docket accepts.")
                                  .arg(name)
                                  .arg(m_limits.maxFileBytes / (1024 * 1024)));
        hash.addData(buffer);
        if (temp.write(buffer) != buffer.size())
            return R::failure(QStringLiteral("storage_failed"),
                              Messages::tr("Copying \"%1\" into the data folder failed: %2")
                                  .arg(name, temp.errorString()));
    }
    if (total == 0)
        return R::failure(QStringLiteral("empty_file"), Messages::tr("\"%1\" is empty.").arg(name));

    const QString sha = QString::fromLatin1(hash.result().toHex());
    const QString folder = QDir(originals).filePath(sha.left(2));
    const QString stored =
        QDir(folder).filePath(sha + QLatin1Char('.') + FileSniffer::extension(kind));
    if (!QDir().mkpath(folder))
        return R::failure(QStringLiteral("storage_failed"),
                          Messages::tr("The data folder \"%1\" cannot be written.").arg(folder));
    const QFileInfo existing(stored);
    if (existing.exists() && existing.size() == total) {
        qCDebug(lcIngest) << "already stored" << sha;
    } else {
        temp.flush();
        if (existing.exists())
            QFile::remove(stored); // not this content after all (damaged): replace it
        if (!temp.rename(stored) && QFileInfo(stored).size() != total)
            return R::failure(QStringLiteral("storage_failed"),
                              Messages::tr("Copying \"%1\" into the data folder failed: %2")
                                  .arg(name, temp.errorString()));
        temp.setAutoRemove(false);
        QFile::setPermissions(stored, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ReadGroup | QFileDevice::ReadOther);
    }

    ImportedFile file;
    file.originalPath = info.absoluteFilePath();
    file.fileName = name;
    file.storedPath = stored;
    file.sha256 = sha;
    file.mimeType = FileSniffer::mimeType(kind);
    file.sizeBytes = total;
    return file;
}

} // namespace docket
