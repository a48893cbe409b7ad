#include "PdfTextReader.h"

#include "ParseGuard.h"

#include <QPdfDocument>
#include <QPolygonF>

#include <algorithm>
#include <chrono>

namespace docket {

// Shared between the reader and the worker thread; the worker owns a reference to the
// document only while it reads.
struct PdfTextReader::Batch
{
    std::mutex mutex;
    std::condition_variable cv;
    std::shared_ptr<QPdfDocument> doc;
    QHash<int, RawText> ready;
    int first = 0;
    int last = 0; // exclusive
    int next = 0; // the page the worker reads next
    bool finished = false;
    bool cancelled = false;
    bool abandoned = false;
};

PdfTextReader::PdfTextReader(std::shared_ptr<QPdfDocument> doc, int pageCount, int timeoutMs)
    : m_doc(std::move(doc)), m_pageCount(pageCount), m_timeoutMs(timeoutMs)
{}

PdfTextReader::~PdfTextReader()
{
    if (!m_batch)
        return;
    // Stop reading ahead and wait for the page in hand, so that the document is released
    // here and not on the worker thread; unless that work already overran its time.
    std::unique_lock lock(m_batch->mutex);
    m_batch->cancelled = true;
    if (!m_batch->abandoned)
        m_batch->cv.wait_for(lock, std::chrono::milliseconds(std::max(1, m_timeoutMs)),
                             [this] { return m_batch->finished; });
}

void PdfTextReader::start(int first, int last)
{
    if (m_batch) {
        // Stop the running batch after its current page and let it finish: pdfium would
        // make the new one wait for it anyway, and one task at a time per document keeps
        // the document from being released on a worker thread.
        std::unique_lock lock(m_batch->mutex);
        m_batch->cancelled = true;
        if (!m_batch->abandoned &&
            !m_batch->cv.wait_for(lock, std::chrono::milliseconds(std::max(1, m_timeoutMs)),
                                  [this] { return m_batch->finished; })) {
            m_batch->abandoned = true;
            ParseGuard::taskAbandoned();
        }
    }
    auto batch = std::make_shared<Batch>();
    batch->doc = m_doc;
    batch->first = first;
    batch->last = last;
    batch->next = first;
    m_batch = batch;
    const bool started = ParseGuard::dispatch([batch] {
        for (int page = batch->first; page < batch->last; ++page) {
            std::shared_ptr<QPdfDocument> doc;
            {
                std::lock_guard lock(batch->mutex);
                if (batch->cancelled)
                    break;
                doc = batch->doc;
            }
            RawText raw;
            try {
                const QPdfSelection selection = doc->getAllText(page);
                raw.text = selection.text();
                const QList<QPolygonF> bounds = selection.bounds();
                raw.rects.reserve(bounds.size());
                for (const QPolygonF &poly : bounds)
                    raw.rects.append(poly.boundingRect());
            } catch (...) {
                break; // std::bad_alloc on a monster page: the reader reports it failed
            }
            doc.reset();
            std::lock_guard lock(batch->mutex);
            batch->ready.insert(page, std::move(raw));
            batch->next = page + 1;
            batch->cv.notify_all();
        }
        // Let go of the document before anyone is told, so that it is never freed on this
        // thread while the caller, or the process, moves on.
        std::shared_ptr<QPdfDocument> doc;
        std::lock_guard lock(batch->mutex);
        doc.swap(batch->doc);
        batch->finished = true;
        if (batch->abandoned)
            ParseGuard::taskFinishedLate();
        batch->cv.notify_all();
        // doc (possibly the last reference, if the reader is gone) is released here, after
        // the lock, in this thread: only when the reader was abandoned or destroyed.
    });
    if (!started) {
        std::lock_guard lock(batch->mutex);
        batch->finished = true;
        batch->doc.reset();
    }
}

PdfTextReader::Status PdfTextReader::read(int index, int ahead, RawText *out)
{
    bool covered = false;
    if (m_batch) {
        std::lock_guard lock(m_batch->mutex);
        // Still to come from the running batch (a page already handed out is read again).
        covered =
            !m_batch->cancelled && index >= m_batch->first && index < m_batch->last &&
            (m_batch->ready.contains(index) || (!m_batch->finished && index >= m_batch->next));
    }
    if (!covered)
        start(index, std::min(m_pageCount, index + 1 + std::max(0, ahead)));

    const std::shared_ptr<Batch> batch = m_batch;
    std::unique_lock lock(batch->mutex);
    const bool arrived =
        batch->cv.wait_for(lock, std::chrono::milliseconds(m_timeoutMs > 0 ? m_timeoutMs : 1),
                           [&] { return batch->ready.contains(index) || batch->finished; });
    if (batch->ready.contains(index)) {
        *out = batch->ready.take(index);
        return Status::Ok;
    }
    if (!arrived) {
        batch->cancelled = true;
        if (!batch->finished && !batch->abandoned) {
            batch->abandoned = true;
            ParseGuard::taskAbandoned();
        }
        return Status::TimedOut;
    }
    return Status::Failed;
}

} // namespace docket
