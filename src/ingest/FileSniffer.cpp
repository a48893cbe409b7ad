#include "FileSniffer.h"

#include <QFile>
#include <QFileInfo>

namespace docket {

namespace {
// PDF readers accept the header anywhere in the first kilobyte.
constexpr qint64 HeadBytes = 1024;
} // namespace

FileSniffer::Kind FileSniffer::fromContent(const QByteArray &head)
{
    if (head.startsWith("\x89PNG\r\n\x1a\n"))
        return Kind::Png;
    if (head.size() >= 3 && uchar(head[0]) == 0xFF && uchar(head[1]) == 0xD8 &&
        uchar(head[2]) == 0xFF)
        return Kind::Jpeg;
    if (head.startsWith(QByteArrayLiteral("II*\0")) || head.startsWith(QByteArrayLiteral("MM\0*")))
        return Kind::Tiff;
    if (head.left(HeadBytes).contains("%PDF-"))
        return Kind::Pdf;
    return Kind::Unknown;
}

FileSniffer::Kind FileSniffer::fromExtension(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("pdf"))
        return Kind::Pdf;
    if (suffix == QLatin1String("png"))
        return Kind::Png;
    if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg") ||
        suffix == QLatin1String("jpe"))
        return Kind::Jpeg;
    if (suffix == QLatin1String("tif") || suffix == QLatin1String("tiff"))
        return Kind::Tiff;
    return Kind::Unknown;
}

FileSniffer::Kind FileSniffer::sniff(const QString &path)
{
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const Kind byContent = fromContent(file.read(HeadBytes));
        if (byContent != Kind::Unknown)
            return byContent;
        // A file whose content matches nothing is only taken on its name when it is not
        // plainly some other kind of file; the opener then reports what is wrong with it.
    }
    return fromExtension(path);
}

QString FileSniffer::mimeType(Kind kind)
{
    switch (kind) {
    case Kind::Pdf:
        return QStringLiteral("application/pdf");
    case Kind::Png:
        return QStringLiteral("image/png");
    case Kind::Jpeg:
        return QStringLiteral("image/jpeg");
    case Kind::Tiff:
        return QStringLiteral("image/tiff");
    case Kind::Unknown:
        break;
    }
    return QStringLiteral("application/octet-stream");
}

QString FileSniffer::extension(Kind kind)
{
    switch (kind) {
    case Kind::Pdf:
        return QStringLiteral("pdf");
    case Kind::Png:
        return QStringLiteral("png");
    case Kind::Jpeg:
        return QStringLiteral("jpg");
    case Kind::Tiff:
        return QStringLiteral("tif");
    case Kind::Unknown:
        break;
    }
    return QStringLiteral("bin");
}

} // namespace docket
