#pragma once

#include "FieldBox.h"

#include <QAbstractScrollArea>
#include <QImage>
#include <QSizeF>

namespace docket {

// Draws one page (an image rendered by PageRenderer) at a zoom, with the boxes of the
// extracted fields on it. Knows nothing about files or rendering: PageView feeds it.
// Zoom 1.0 is 100 %: one point is 96/72 device-independent pixels.
class PageCanvas : public QAbstractScrollArea
{
    Q_OBJECT
public:
    static constexpr double kPixelsPerPoint = 96.0 / 72.0;
    static constexpr int kMargin = 16;

    explicit PageCanvas(QWidget *parent = nullptr);

    // The page's size in points; an empty size shows the placeholder text.
    void setPageSize(const QSizeF &points);
    QSizeF pageSize() const { return m_pageSize; }
    void setImage(const QImage &image); // any resolution; drawn scaled to the page
    QImage image() const { return m_image; }
    void setPlaceholderText(const QString &text);

    void setZoom(double zoom);
    double zoom() const { return m_zoom; }
    // Device pixels a page image needs to be sharp at the current zoom.
    int targetImageWidth() const;
    // Zooms that make the page fill the viewport's width / the whole viewport.
    double fitWidthZoom() const;
    double fitPageZoom() const;

    void setBoxes(const FieldBoxes &boxes); // those of the shown page
    void setSelectedField(const QString &name);
    QString selectedField() const { return m_selected; }
    void ensureFieldVisible(const QString &name);
    // Widget (viewport) rect of a box in points; for tests and hit tests.
    QRect viewportRect(const QRectF &points) const;

    void scrollToTop();
    void scrollToBottom();

Q_SIGNALS:
    void fieldClicked(const QString &name);
    void zoomStep(int steps); // Ctrl+wheel, + and -
    void pageStep(int delta); // PgDn / PgUp past the end of the page
    void viewportResized();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    QSize pagePixelSize() const;
    QRect pageRect() const; // in viewport coordinates
    void updateScrollBars();
    QString boxAt(const QPoint &pos) const;

    QSizeF m_pageSize;
    QImage m_image;
    QString m_placeholder;
    double m_zoom = 1.0;
    FieldBoxes m_boxes;
    QString m_selected;
    QString m_hovered;
};

} // namespace docket
