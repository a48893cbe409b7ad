#pragma once

#include <QAbstractListModel>
#include <QPixmap>

namespace docket {

class PageRenderer;

// The pages of the shown document as thumbnails. A thumbnail is asked of the renderer only
// when the view paints its row, so a long document costs nothing until scrolled.
class ThumbnailModel : public QAbstractListModel
{
    Q_OBJECT
public:
    static constexpr int kWidth = 84; // logical pixels

    explicit ThumbnailModel(PageRenderer *renderer, QObject *parent = nullptr);

    void reset(int pageCount);
    void setDevicePixelRatio(double ratio) { m_ratio = ratio; }
    // Degrees clockwise the pages are shown turned.
    void setRotation(int degrees);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    void onPageRendered(int page, int width);
    int pixelWidth() const { return qRound(kWidth * m_ratio); }
    QSize thumbnailSize(int page) const;

    PageRenderer *m_renderer;
    int m_pageCount = 0;
    double m_ratio = 1.0;
    int m_rotation = 0;
};

} // namespace docket
