#pragma once

#include <QCache>
#include <QImage>
#include <QList>
#include <QObject>
#include <QSizeF>
#include <QString>

#include <memory>

class QThread;

namespace docket {

class PageRenderWorker;

// Renders pages of one stored original (PDF through QPdfDocument, images through
// QImageReader) on a background thread and caches the results. The GUI thread only queues
// requests and receives finished images: it never waits on a render. Pages come out opaque
// (composited onto white). Page requests run before thumbnail requests; the newest first.
class PageRenderer : public QObject
{
    Q_OBJECT
public:
    enum class Priority
    {
        Page,
        Thumbnail
    };

    explicit PageRenderer(QObject *parent = nullptr);
    ~PageRenderer() override;

    // Opens path in the background; sourceOpened or sourceFailed follows. Drops the cache
    // and every queued request of the previous source.
    void setSource(const QString &path, const QString &password = {});
    void clear();
    QString source() const { return m_path; }
    bool isOpen() const { return m_open; }
    int pageCount() const { return m_pageSizes.size(); }
    QList<QSizeF> pageSizes() const { return m_pageSizes; } // points

    // The image of page (0-based) rendered at exactly width pixels, or a null image.
    QImage cached(int page, int width) const;
    // The widest cached image of page, whatever its width (for a placeholder); may be null.
    QImage bestCached(int page) const;
    // Queues page at width pixels unless cached or already queued.
    void request(int page, int width, Priority priority = Priority::Page);
    // Forgets queued thumbnail requests (e.g. the strip was scrolled away).
    void cancelThumbnails();

Q_SIGNALS:
    void sourceOpened(int pageCount);
    void sourceFailed(const QString &message);
    void pageRendered(int page, int width);

private:
    void onOpened(quint64 generation, const QList<QSizeF> &sizes, const QString &error);
    void onRendered(quint64 generation, int page, int width, const QImage &image);
    static qint64 key(int page, int width) { return qint64(page) << 20 | width; }

    QThread *m_thread = nullptr;
    PageRenderWorker *m_worker = nullptr;
    QString m_path;
    bool m_open = false;
    quint64 m_generation = 0;
    QList<QSizeF> m_pageSizes;
    QCache<qint64, QImage> m_cache;
    QList<qint64> m_pending;
    QList<qint64> m_pendingThumbnails;
};

} // namespace docket
