#pragma once

#include <QString>

namespace docket {

// Recognises the file types ingest accepts from their first bytes (magic numbers), falling
// back to the file name extension when the content says nothing.
class FileSniffer
{
public:
    enum class Kind
    {
        Unknown,
        Pdf,
        Png,
        Jpeg,
        Tiff
    };

    static Kind sniff(const QString &path);          // content first, then extension
    static Kind fromContent(const QByteArray &head); // Unknown when no magic matches
    static Kind fromExtension(const QString &path);
    static QString mimeType(Kind kind);  // "application/pdf", "image/png", ...
    static QString extension(Kind kind); // "pdf", "png", "jpg", "tif"
    static bool isImage(Kind kind) { return kind != Kind::Unknown && kind != Kind::Pdf; }
};

} // namespace docket
