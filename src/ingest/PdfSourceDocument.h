#pragma once

#include "SourceDocument.h"

#include <QList>
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

private:
    PdfSourceDocument() = default;

    std::shared_ptr<QPdfDocument> m_doc;
    QString m_path;
    QList<QSizeF> m_sizes;
    IngestLimits m_limits;
    mutable Error m_lastError;
};

} // namespace docket
