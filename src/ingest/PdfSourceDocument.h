#pragma once

#include "PdfTextReader.h"
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
    QList<QRectF> exactBoxes(int index, const QList<Word> &words) const override;
    Error lastError() const override { return m_lastError; }

    // Pages read ahead (on a worker, see PdfTextReader) when pages are asked for in order.
    static constexpr int TextBatch = 8;

private:
    PdfSourceDocument() = default;

    std::shared_ptr<QPdfDocument> m_doc;
    QString m_path;
    QList<QSizeF> m_sizes;
    IngestLimits m_limits;
    mutable Error m_lastError;
    std::unique_ptr<PdfTextReader> m_reader; // after m_doc: goes first
    mutable int m_lastTextIndex = -2;
    mutable bool m_readAheadFailed = false;
};

} // namespace docket
