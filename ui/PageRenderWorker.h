#pragma once

#include <QImage>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QSizeF>
#include <QString>

#include <atomic>
#include <memory>

class QPdfDocument;

namespace docket {

// The part of PageRenderer that lives in its render thread: holds the open document and
// works through a queue of requests shared with the GUI thread under a mutex.
class PageRenderWorker : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        quint64 generation = 0;
        int page = 0;
        int width = 0;
        bool thumbnail = false;
    };

    PageRenderWorker();
    ~PageRenderWorker() override;

    // Thread-safe; called from the GUI thread.
    void post(const Request &request);
    void dropThumbnails();
    void setGeneration(quint64 generation) { m_generation.store(generation); }

    // Run in the worker thread (queued invocations).
    void open(quint64 generation, const QString &path, const QString &password);
    void processNext();

Q_SIGNALS:
    void opened(quint64 generation, const QList<QSizeF> &sizes, const QString &error);
    void rendered(quint64 generation, int page, int width, const QImage &image);

private:
    QImage render(int page, int width);
    void close();

    QMutex m_mutex;
    QList<Request> m_queue;
    std::atomic<quint64> m_generation{0};

    // Owned by the worker thread.
    quint64 m_openGeneration = 0;
    std::unique_ptr<QPdfDocument> m_pdf;
    QList<QImage> m_frames; // decoded image pages
    QList<QSizeF> m_sizes;
};

} // namespace docket
