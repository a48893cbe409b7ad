#pragma once

#include "SourceDocument.h"

#include <QImage>
#include <QList>

namespace docket {

// A PNG, JPEG or TIFF (one page per frame) decoded through QImageReader, upright per its
// EXIF orientation. A page measures pixels * 72 / dpi points; dpi comes from the file, or is
// taken as 300 when the file gives none or an implausible one.
class ImageSourceDocument : public SourceDocument
{
public:
    static Result<std::unique_ptr<SourceDocument>> open(const QString &path,
                                                        const IngestLimits &limits);

    int pageCount() const override { return int(m_frames.size()); }
    QSizeF pageSize(int index) const override;
    bool isPdf() const override { return false; }
    Page textLayer(int index) const override;
    QImage render(int index, double dpi) const override;
    Error lastError() const override { return m_lastError; }

    static constexpr double DefaultDpi = 300;

private:
    struct Frame
    {
        QImage image;
        double dpi = DefaultDpi;
    };

    ImageSourceDocument() = default;

    QList<Frame> m_frames;
    IngestLimits m_limits;
    mutable Error m_lastError;
};

} // namespace docket
