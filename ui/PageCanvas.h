#pragma once

#include "FieldBox.h"

#include <QAbstractScrollArea>
#include <QImage>
#include <QPoint>
#include <QSizeF>

namespace docket {

// Draws one page (an image rendered by PageRenderer) at a zoom and a rotation, with the
// boxes of the extracted fields on it, and lets the reviewer draw a region on it. Knows
// nothing about files or rendering: PageView feeds it.
// Zoom 1.0 is 100 %: one point is 96/72 device-independent pixels.
// Boxes and regions are always in page points of the page as stored (unrotated); the
// rotation only changes how the page is shown and hit-tested.
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
    void setImage(const QImage &image); // unrotated, any resolution; drawn scaled to the page
    QImage image() const { return m_image; }
    void setPlaceholderText(const QString &text);

    // Degrees clockwise the page is shown turned (0, 90, 180, 270).
    void setRotation(int degrees);
    int rotation() const { return m_quarterTurns * 90; }

    void setZoom(double zoom);
    double zoom() const { return m_zoom; }
    // Device pixels wide the (unrotated) page image must be to be sharp at the current zoom.
    int targetImageWidth() const;
    // Zooms that make the page fill the viewport's width / the whole viewport.
    double fitWidthZoom() const;
    double fitPageZoom() const;
    // The zoom at which rect (points) is shown comfortably: unchanged when it fits the
    // viewport with a margin and its text is large enough to read, else one that does.
    double comfortableZoom(const QRectF &points) const;

    void setBoxes(const FieldBoxes &boxes); // those of the shown page
    void setSelectedField(const QString &name);
    QString selectedField() const { return m_selected; }
    // Scrolls so that name's box is comfortably inside the viewport (when it is not).
    void ensureFieldVisible(const QString &name);
    void ensureVisible(const QRectF &points);
    // Widget (viewport) rect of a box in points; for tests and hit tests.
    QRect viewportRect(const QRectF &points) const;
    // Page points under a viewport rect (the inverse of viewportRect).
    QRectF pageRectAt(const QRect &viewport) const;

    // Region drawing: with regionMode on, any left drag draws a region; otherwise a drag
    // that starts beside the boxes or with Shift held does. Esc cancels a drag.
    void setRegionMode(bool on);
    bool regionMode() const { return m_regionMode; }
    // A region being read, drawn dashed until cleared (null: none).
    void setPendingRegion(const QRectF &points);
    QRectF pendingRegion() const { return m_pending; }

    void scrollToTop();
    void scrollToBottom();

Q_SIGNALS:
    void fieldClicked(const QString &name);
    void regionDrawn(const QRectF &points); // page points, unrotated
    void zoomStep(int steps);               // Ctrl+wheel, + and -
    void pageStep(int delta);               // PgDn / PgUp past the end of the page
    void viewportResized();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    QSizeF shownSize() const; // points, as shown (rotated)
    QSize pagePixelSize() const;
    QRect pageRect() const; // in viewport coordinates, as shown
    QTransform pageToViewport() const;
    void updateScrollBars();
    QString boxAt(const QPoint &pos) const;
    void paintBoxes(QPainter &painter) const;
    void updateHover(const QPoint &pos);
    void cancelDrag();

    QSizeF m_pageSize;
    QImage m_image;
    QString m_placeholder;
    double m_zoom = 1.0;
    int m_quarterTurns = 0;
    FieldBoxes m_boxes;
    QString m_selected;
    QString m_hovered;

    bool m_regionMode = false;
    bool m_pressed = false;
    bool m_dragging = false;
    QPoint m_pressPos;
    QPoint m_dragPos;
    QRectF m_pending;
};

} // namespace docket
