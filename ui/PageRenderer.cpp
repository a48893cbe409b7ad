#include "PageRenderer.h"

#include "PageRenderWorker.h"

#include <QThread>

namespace docket {

namespace {
constexpr int kCacheKiB = 256 * 1024; // rendered pages kept, in KiB
}

PageRenderer::PageRenderer(QObject *parent) : QObject(parent), m_cache(kCacheKiB)
{
    qRegisterMetaType<QList<QSizeF>>();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("PageRenderer"));
    m_worker = new PageRenderWorker;
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &PageRenderWorker::opened, this, &PageRenderer::onOpened);
    connect(m_worker, &PageRenderWorker::rendered, this, &PageRenderer::onRendered);
    m_thread->start(QThread::LowPriority);
}

PageRenderer::~PageRenderer()
{
    m_worker->setGeneration(~quint64(0)); // everything queued is now stale
    m_thread->quit();
    m_thread->wait();
}

void PageRenderer::setSource(const QString &path, const QString &password)
{
    clear();
    m_path = path;
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, generation, path, password] {
            worker->open(generation, path, password);
        },
        Qt::QueuedConnection);
}

void PageRenderer::clear()
{
    ++m_generation;
    m_worker->setGeneration(m_generation);
    m_path.clear();
    m_open = false;
    m_pageSizes.clear();
    m_cache.clear();
    m_pending.clear();
    m_pendingThumbnails.clear();
}

QImage PageRenderer::cached(int page, int width) const
{
    const QImage *image = m_cache.object(key(page, width));
    return image ? *image : QImage();
}

QImage PageRenderer::bestCached(int page) const
{
    QImage best;
    const auto keys = m_cache.keys();
    for (qint64 k : keys) {
        if ((k >> 20) != page)
            continue;
        const QImage *image = m_cache.object(k);
        if (image && image->width() > best.width())
            best = *image;
    }
    return best;
}

void PageRenderer::request(int page, int width, Priority priority)
{
    if (!m_open || page < 0 || page >= m_pageSizes.size() || width <= 0)
        return;
    const qint64 k = key(page, width);
    if (m_cache.contains(k) || m_pending.contains(k))
        return;
    m_pending.append(k);
    if (priority == Priority::Thumbnail)
        m_pendingThumbnails.append(k);
    m_worker->post({m_generation, page, width, priority == Priority::Thumbnail});
}

void PageRenderer::cancelThumbnails()
{
    m_worker->dropThumbnails();
    for (qint64 k : std::as_const(m_pendingThumbnails))
        m_pending.removeOne(k);
    m_pendingThumbnails.clear();
}

void PageRenderer::onOpened(quint64 generation, const QList<QSizeF> &sizes, const QString &error)
{
    if (generation != m_generation)
        return;
    if (!error.isEmpty()) {
        Q_EMIT sourceFailed(error);
        return;
    }
    m_open = true;
    m_pageSizes = sizes;
    Q_EMIT sourceOpened(int(sizes.size()));
}

void PageRenderer::onRendered(quint64 generation, int page, int width, const QImage &image)
{
    if (generation != m_generation)
        return;
    const qint64 k = key(page, width);
    m_pending.removeOne(k);
    m_pendingThumbnails.removeOne(k);
    if (image.isNull())
        return;
    const int cost = qMax<qsizetype>(1, image.sizeInBytes() / 1024);
    m_cache.insert(k, new QImage(image), cost);
    Q_EMIT pageRendered(page, width);
}

} // namespace docket
