#pragma once

#include "SourceDocument.h"

#include <QHash>
#include <QList>
#include <QRectF>
#include <QSizeF>

#include <memory>

QT_BEGIN_NAMESPACE
class QPdfDocument;
QT_END_NAMESPACE

namespace docket {

// A PDF opened through QPdfDocument (pdfium). Every pdfium call runs under ParseGuard.
class PdfSourceDocument : public SourceDocument
{
public:
    ~PdfSourceDocument() override;

    static Result<std::unique_ptr<SourceDocument>>
    open(const QString &path, const IngestLimits &limits, const QString &password);

    int pageCount() const override { return int(m_sizes.size()); }
    QSizeF pageSize(int index) const override;
    bool isPdf() const override { return true; }
    Page textLayer(int index) const override;
    QImage render(int index, double dpi) const override;
    Error lastError() const override { return m_lastError; }

    // Pages whose raw text is read in one guarded task when pages are read in order: each
    // hand-over to a worker thread costs a wake-up, which matters on a busy machine.
    static constexpr int TextBatch = 8;

private:
    struct RawText
    {
        QString text;
        QList<QRectF> rects;
    };

    PdfSourceDocument() = default;

    std::shared_ptr<QPdfDocument> m_doc;
    QString m_path;
    QList<QSizeF> m_sizes;
    IngestLimits m_limits;
    mutable Error m_lastError;
    mutable QHash<int, RawText> m_rawText; // read ahead, not yet asked for
    mutable int m_lastTextIndex = -2;
    mutable bool m_readAheadFailed = false;
};

} // namespace docket
