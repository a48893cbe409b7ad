#pragma once

#include <QHash>
#include <QList>
#include <QRectF>
#include <QString>

#include <condition_variable>
#include <memory>
#include <mutex>

QT_BEGIN_NAMESPACE
class QPdfDocument;
QT_END_NAMESPACE

namespace docket {

// Reads the raw text layer (QPdfDocument::getAllText: text and run rectangles) of pages
// ahead of the caller on a worker thread: while the caller turns page i into words, the
// worker already reads page i+1 in pdfium. Each page is waited for at most timeoutMs; a
// page that overruns is abandoned like any ParseGuard work. One reader per document, used
// by one thread at a time.
class PdfTextReader
{
public:
    struct RawText
    {
        QString text;
        QList<QRectF> rects;
    };
    enum class Status
    {
        Ok,
        TimedOut,
        Failed
    };

    PdfTextReader(std::shared_ptr<QPdfDocument> doc, int pageCount, int timeoutMs);
    ~PdfTextReader();

    // The raw text of page index; reads up to `ahead` further pages in the background.
    Status read(int index, int ahead, RawText *out);

private:
    struct Batch;
    void start(int first, int last);

    std::shared_ptr<QPdfDocument> m_doc;
    int m_pageCount = 0;
    int m_timeoutMs = 0;
    std::shared_ptr<Batch> m_batch;
};

} // namespace docket
