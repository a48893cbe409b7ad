#include "ThumbnailModel.h"

#include "PageRenderer.h"

#include <QPainter>
#include <QTransform>

namespace docket {

ThumbnailModel::ThumbnailModel(PageRenderer *renderer, QObject *parent)
    : QAbstractListModel(parent), m_renderer(renderer)
{
    connect(renderer, &PageRenderer::pageRendered, this, &ThumbnailModel::onPageRendered);
}

void ThumbnailModel::reset(int pageCount)
{
    beginResetModel();
    m_pageCount = pageCount;
    endResetModel();
}

void ThumbnailModel::setRotation(int degrees)
{
    if (degrees == m_rotation)
        return;
    m_rotation = degrees;
    if (m_pageCount > 0)
        Q_EMIT dataChanged(index(0), index(m_pageCount - 1));
}

int ThumbnailModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_pageCount;
}

QSize ThumbnailModel::thumbnailSize(int page) const
{
    const auto sizes = m_renderer->pageSizes();
    const QSizeF points = page < sizes.size() ? sizes.at(page) : QSizeF(612, 792);
    double ratio = points.width() > 0 ? points.height() / points.width() : 1.294;
    if (m_rotation % 180)
        ratio = 1.0 / ratio;
    return QSize(kWidth, qBound(20, qRound(kWidth * ratio), 4 * kWidth));
}

QVariant ThumbnailModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_pageCount)
        return {};
    const int page = index.row();
    switch (role) {
    case Qt::DisplayRole:
        return QString::number(page + 1);
    case Qt::ToolTipRole:
        return tr("Page %1").arg(page + 1);
    case Qt::AccessibleTextRole:
        return tr("Page %1").arg(page + 1);
    case Qt::DecorationRole: {
        QImage image = m_renderer->cached(page, pixelWidth());
        if (image.isNull()) {
            m_renderer->request(page, pixelWidth(), PageRenderer::Priority::Thumbnail);
            QPixmap blank(thumbnailSize(page) * m_ratio);
            blank.setDevicePixelRatio(m_ratio);
            blank.fill(Qt::white);
            return blank;
        }
        if (m_rotation % 360)
            image = image.transformed(QTransform().rotate(m_rotation))
                        .scaledToWidth(pixelWidth(), Qt::SmoothTransformation);
        QPixmap pixmap = QPixmap::fromImage(image);
        pixmap.setDevicePixelRatio(m_ratio);
        return pixmap;
    }
    case Qt::SizeHintRole:
        return thumbnailSize(page) + QSize(16, 28);
    default:
        return {};
    }
}

void ThumbnailModel::onPageRendered(int page, int width)
{
    if (width != pixelWidth() || page >= m_pageCount)
        return;
    const QModelIndex i = index(page);
    Q_EMIT dataChanged(i, i, {Qt::DecorationRole});
}

} // namespace docket
