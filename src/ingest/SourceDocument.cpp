#include "SourceDocument.h"

#include "FileSniffer.h"
#include "ImageSourceDocument.h"
#include "PdfSourceDocument.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace docket {

Result<std::unique_ptr<SourceDocument>>
SourceDocument::open(const QString &path, const IngestLimits &limits, const QString &password)
{
    using R = Result<std::unique_ptr<SourceDocument>>;
    const QFileInfo info(path);
    const QString name = info.fileName();
    if (!info.exists() || !info.isFile())
        return R::failure(
            QStringLiteral("file_not_found"),
            QCoreApplication::translate("docket::SourceDocument", "\"%1\" does not exist.")
                .arg(name));
    if (info.size() > limits.maxFileBytes)
        return R::failure(QStringLiteral("file_too_large"),
                          QCoreApplication::translate("docket::SourceDocument",
                                                      "\"%1\" is %2 MB, more than the %3 MB "
                                                      "Docket accepts.")
                              .arg(name)
                              .arg(info.size() / (1024 * 1024))
                              .arg(limits.maxFileBytes / (1024 * 1024)));
    const FileSniffer::Kind kind = FileSniffer::sniff(path);
    if (kind == FileSniffer::Kind::Pdf)
        return PdfSourceDocument::open(path, limits, password);
    if (FileSniffer::isImage(kind))
        return ImageSourceDocument::open(path, limits);
    return R::failure(QStringLiteral("unsupported_format"),
                      QCoreApplication::translate("docket::SourceDocument",
                                                  "\"%1\" is not a PDF, PNG, JPEG or TIFF file.")
                          .arg(name));
}

} // namespace docket
