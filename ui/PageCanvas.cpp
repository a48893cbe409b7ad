#include "PageCanvas.h"

#include "ConfidenceStyle.h"

#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QStyle>
#include <QWheelEvent>

#include <limits>

namespace docket {

namespace {
const QColor kInvalidColor(0xd0, 0x10, 0x10);
const QColor kRegionColor(0x1f, 0x6f, 0xd6);
constexpr int kBoxPad = 2;         // pixels a box is drawn beyond the words it covers
constexpr int kMinRegionPx = 4;    // smaller drags are clicks
constexpr int kComfortPx = 24;     // margin a selected box wants around it
constexpr double kReadablePx = 12; // smallest comfortable height of a line of text
} // namespace

PageCanvas::PageCanvas(QWidget *parent) : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("pageCanvas"));
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    viewport()->setMouseTracking(true);
    viewport()->setAutoFillBackground(true);
    QPalette pal = viewport()->palette();
    pal.setColor(QPalette::Window, QColor(0xe9, 0xeb, 0xee));
    viewport()->setPalette(pal);
    viewport()->setBackgroundRole(QPalette::Window);
    horizontalScrollBar()->setSingleStep(24);
    verticalScrollBar()->setSingleStep(24);
}

void PageCanvas::setPageSize(const QSizeF &points)
{
    m_pageSize = points;
    cancelDrag();
    updateScrollBars();
    viewport()->update();
}

void PageCanvas::setImage(const QImage &image)
{
    m_image = image;
    viewport()->update();
}

void PageCanvas::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    viewport()->update();
}

void PageCanvas::setRotation(int degrees)
{
    const int turns = ((degrees / 90) % 4 + 4) % 4;
    if (turns == m_quarterTurns)
        return;
    m_quarterTurns = turns;
    cancelDrag();
    updateScrollBars();
    viewport()->update();
}

QSizeF PageCanvas::shownSize() const
{
    return m_quarterTurns % 2 ? m_pageSize.transposed() : m_pageSize;
}

void PageCanvas::setZoom(double zoom)
{
    zoom = qBound(0.1, zoom, 8.0);
    if (qFuzzyCompare(zoom, m_zoom))
        return;
    // Keep the point at the viewport's centre where it is.
    const QSize before = pagePixelSize();
    const double fx = before.width() > 0
                          ? (horizontalScrollBar()->value() + viewport()->width() / 2.0) /
                                (before.width() + 2 * kMargin)
                          : 0.5;
    const double fy = before.height() > 0
                          ? (verticalScrollBar()->value() + viewport()->height() / 2.0) /
                                (before.height() + 2 * kMargin)
                          : 0.0;
    m_zoom = zoom;
    updateScrollBars();
    const QSize after = pagePixelSize();
    horizontalScrollBar()->setValue(
        qRound(fx * (after.width() + 2 * kMargin) - viewport()->width() / 2.0));
    verticalScrollBar()->setValue(
        qRound(fy * (after.height() + 2 * kMargin) - viewport()->height() / 2.0));
    viewport()->update();
}

int PageCanvas::targetImageWidth() const
{
    if (m_pageSize.isEmpty())
        return 0;
    return qRound(m_pageSize.width() * m_zoom * kPixelsPerPoint * devicePixelRatioF());
}

double PageCanvas::fitWidthZoom() const
{
    const QSizeF shown = shownSize();
    if (shown.isEmpty())
        return 1.0;
    // The viewport without scroll bars; leave room for the vertical one only when the page,
    // fitted to the full width, is taller than the viewport.
    const QSize full = maximumViewportSize();
    const double perPoint = shown.width() * kPixelsPerPoint;
    const double zoom = qMax(50, full.width() - 2 * kMargin) / perPoint;
    const double height = shown.height() * kPixelsPerPoint * zoom + 2 * kMargin;
    if (height <= full.height())
        return zoom;
    const int bar = style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
    return qMax(50, full.width() - bar - 2 * kMargin) / perPoint;
}

double PageCanvas::fitPageZoom() const
{
    const QSizeF shown = shownSize();
    if (shown.isEmpty())
        return 1.0;
    const QSize full = maximumViewportSize();
    const double w = qMax(50, full.width() - 2 * kMargin);
    const double h = qMax(50, full.height() - 2 * kMargin);
    return qMin(w / (shown.width() * kPixelsPerPoint), h / (shown.height() * kPixelsPerPoint));
}

double PageCanvas::comfortableZoom(const QRectF &points) const
{
    if (points.isEmpty())
        return m_zoom;
    const QSizeF box = m_quarterTurns % 2 ? points.size().transposed() : points.size();
    const QSize view = viewport()->size();
    const double availW = qMax(40, view.width() - 2 * kComfortPx);
    const double availH = qMax(40, view.height() - 2 * kComfortPx);
    const double scale = m_zoom * kPixelsPerPoint;
    // Too large to see whole: zoom out until it fits.
    if (box.width() * scale > view.width() - 8 || box.height() * scale > view.height() - 8)
        return qMin(availW / (box.width() * kPixelsPerPoint),
                    availH / (box.height() * kPixelsPerPoint));
    // Too small to read (a line of text under kReadablePx): zoom in as far as it still fits.
    const double line = qMin(box.height(), 14.0);
    if (line * scale < kReadablePx) {
        const double wanted = kReadablePx / (line * kPixelsPerPoint);
        const double fits = qMin(availW / (box.width() * kPixelsPerPoint),
                                 availH / (box.height() * kPixelsPerPoint));
        return qMax(m_zoom, qMin(wanted, fits));
    }
    return m_zoom;
}

void PageCanvas::setBoxes(const FieldBoxes &boxes)
{
    m_boxes = boxes;
    if (!m_hovered.isEmpty())
        m_hovered.clear();
    viewport()->update();
}

void PageCanvas::setSelectedField(const QString &name)
{
    m_selected = name;
    viewport()->update();
}

void PageCanvas::ensureFieldVisible(const QString &name)
{
    for (const FieldBox &box : std::as_const(m_boxes)) {
        if (box.name == name && !box.bbox.isNull()) {
            ensureVisible(box.bbox);
            return;
        }
    }
}

void PageCanvas::ensureVisible(const QRectF &points)
{
    const QRect r = viewportRect(points);
    const QPoint content(r.center().x() + horizontalScrollBar()->value(),
                         r.center().y() + verticalScrollBar()->value());
    const int marginX = qMin(viewport()->width() / 2, r.width() / 2 + 48);
    const int marginY = qMin(viewport()->height() / 2, r.height() / 2 + 48);
    const int x0 = horizontalScrollBar()->value();
    const int y0 = verticalScrollBar()->value();
    if (content.x() - marginX < x0 || content.x() + marginX > x0 + viewport()->width())
        horizontalScrollBar()->setValue(content.x() - viewport()->width() / 2);
    if (content.y() - marginY < y0 || content.y() + marginY > y0 + viewport()->height())
        verticalScrollBar()->setValue(content.y() - viewport()->height() / 2);
}

QSize PageCanvas::pagePixelSize() const
{
    const QSizeF shown = shownSize();
    if (shown.isEmpty())
        return {};
    const double scale = m_zoom * kPixelsPerPoint;
    return QSize(qRound(shown.width() * scale), qRound(shown.height() * scale));
}

QRect PageCanvas::pageRect() const
{
    const QSize size = pagePixelSize();
    int x = kMargin - horizontalScrollBar()->value();
    if (size.width() + 2 * kMargin < viewport()->width())
        x = (viewport()->width() - size.width()) / 2;
    int y = kMargin - verticalScrollBar()->value();
    if (size.height() + 2 * kMargin < viewport()->height())
        y = (viewport()->height() - size.height()) / 2;
    return QRect(QPoint(x, y), size);
}

QTransform PageCanvas::pageToViewport() const
{
    // Unrotated page points -> shown page points (turned clockwise) -> viewport pixels.
    const double w = m_pageSize.width();
    const double h = m_pageSize.height();
    QTransform turn;
    switch (m_quarterTurns) {
    case 1:
        turn = QTransform(0, 1, -1, 0, h, 0);
        break;
    case 2:
        turn = QTransform(-1, 0, 0, -1, w, h);
        break;
    case 3:
        turn = QTransform(0, -1, 1, 0, 0, w);
        break;
    default:
        break;
    }
    const QRect page = pageRect();
    const double scale = m_zoom * kPixelsPerPoint;
    return turn * QTransform::fromScale(scale, scale) *
           QTransform::fromTranslate(page.left(), page.top());
}

QRect PageCanvas::viewportRect(const QRectF &points) const
{
    return pageToViewport().mapRect(points.normalized()).toAlignedRect();
}

QRectF PageCanvas::pageRectAt(const QRect &viewport) const
{
    return pageToViewport().inverted().mapRect(QRectF(viewport.normalized()));
}

void PageCanvas::setRegionMode(bool on)
{
    m_regionMode = on;
    viewport()->setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
    if (!on)
        cancelDrag();
}

void PageCanvas::setPendingRegion(const QRectF &points)
{
    m_pending = points;
    viewport()->update();
}

void PageCanvas::scrollToTop()
{
    verticalScrollBar()->setValue(verticalScrollBar()->minimum());
}

void PageCanvas::scrollToBottom()
{
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void PageCanvas::updateScrollBars()
{
    const QSize size = pagePixelSize();
    const QSize view = viewport()->size();
    horizontalScrollBar()->setPageStep(view.width());
    verticalScrollBar()->setPageStep(view.height());
    horizontalScrollBar()->setRange(0, qMax(0, size.width() + 2 * kMargin - view.width()));
    verticalScrollBar()->setRange(0, qMax(0, size.height() + 2 * kMargin - view.height()));
}

void PageCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    if (m_pageSize.isEmpty()) {
        if (!m_placeholder.isEmpty()) {
            painter.setPen(palette().color(QPalette::PlaceholderText));
            painter.drawText(viewport()->rect().adjusted(24, 24, -24, -24),
                             Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        }
        return;
    }
    const QRect page = pageRect();
    painter.fillRect(page.translated(2, 3), QColor(0, 0, 0, 40)); // shadow
    painter.fillRect(page, Qt::white);
    if (!m_image.isNull()) {
        painter.save();
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.setTransform(pageToViewport());
        painter.drawImage(QRectF(QPointF(0, 0), m_pageSize), m_image);
        painter.restore();
    }
    painter.setPen(QColor(0xc4, 0xc7, 0xcc));
    painter.drawRect(page.adjusted(0, 0, -1, -1));

    painter.setRenderHint(QPainter::Antialiasing);
    paintBoxes(painter);

    const QRect band = m_dragging           ? QRect(m_pressPos, m_dragPos).normalized()
                       : m_pending.isNull() ? QRect()
                                            : viewportRect(m_pending);
    if (!band.isNull()) {
        QColor fill = kRegionColor;
        fill.setAlpha(40);
        painter.setBrush(fill);
        painter.setPen(QPen(kRegionColor, 1.5, m_dragging ? Qt::SolidLine : Qt::DashLine));
        painter.drawRect(band);
    }
}

void PageCanvas::paintBoxes(QPainter &painter) const
{
    for (const FieldBox &box : std::as_const(m_boxes)) {
        if (box.bbox.isNull())
            continue;
        const QRect r = viewportRect(box.bbox).adjusted(-kBoxPad, -kBoxPad, kBoxPad, kBoxPad);
        // Thresholds may change while the app runs: ask at every paint.
        const QColor color = ConfidenceStyle::color(ConfidenceStyle::level(box.confidence));
        const bool selected = box.name == m_selected;
        const bool hovered = box.name == m_hovered;
        QColor fill = color;
        fill.setAlpha(selected ? 70 : hovered ? 55 : 38);
        painter.setBrush(fill);
        painter.setPen(QPen(color, selected ? 2.5 : 1.0));
        painter.drawRoundedRect(r, 2, 2);
        if (selected) {
            QColor outer = color;
            outer.setAlpha(90);
            painter.setBrush(Qt::NoBrush);
            painter.setPen(QPen(outer, 5));
            painter.drawRoundedRect(r.adjusted(-3, -3, 3, 3), 4, 4);
        }
        if (box.invalid) {
            // A rule fails: red dashed outline and a warning mark on the top-right corner.
            painter.setBrush(Qt::NoBrush);
            painter.setPen(QPen(kInvalidColor, 2, Qt::DashLine));
            painter.drawRect(r.adjusted(-2, -2, 2, 2));
            const double s = 11;
            const QPointF tip(r.right() + 2, r.top() - 2 - s);
            QPainterPath triangle;
            triangle.moveTo(tip);
            triangle.lineTo(tip + QPointF(s * 0.6, s));
            triangle.lineTo(tip + QPointF(-s * 0.6, s));
            triangle.closeSubpath();
            painter.setPen(Qt::NoPen);
            painter.setBrush(kInvalidColor);
            painter.drawPath(triangle);
            painter.setPen(QPen(Qt::white, 1.6));
            painter.drawLine(tip + QPointF(0, s * 0.35), tip + QPointF(0, s * 0.68));
            painter.drawPoint(tip + QPointF(0, s * 0.85));
        }
    }
}

void PageCanvas::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
    Q_EMIT viewportResized();
}

void PageCanvas::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const int steps = event->angleDelta().y() / 120;
        if (steps != 0)
            Q_EMIT zoomStep(steps);
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void PageCanvas::keyPressEvent(QKeyEvent *event)
{
    QScrollBar *v = verticalScrollBar();
    switch (event->key()) {
    case Qt::Key_Escape:
        if (m_pressed || m_dragging) {
            cancelDrag();
            return;
        }
        break;
    case Qt::Key_PageDown:
        if (v->value() >= v->maximum())
            Q_EMIT pageStep(1);
        else
            v->triggerAction(QAbstractSlider::SliderPageStepAdd);
        return;
    case Qt::Key_PageUp:
        if (v->value() <= v->minimum())
            Q_EMIT pageStep(-1);
        else
            v->triggerAction(QAbstractSlider::SliderPageStepSub);
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        Q_EMIT zoomStep(1);
        return;
    case Qt::Key_Minus:
        Q_EMIT zoomStep(-1);
        return;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

QString PageCanvas::boxAt(const QPoint &pos) const
{
    // The smallest box under the point wins (boxes may nest).
    QString found;
    qint64 area = std::numeric_limits<qint64>::max();
    for (const FieldBox &box : m_boxes) {
        if (box.bbox.isNull())
            continue;
        const QRect r = viewportRect(box.bbox).adjusted(-kBoxPad, -kBoxPad, kBoxPad, kBoxPad);
        const qint64 a = qint64(r.width()) * r.height();
        if (r.contains(pos) && a < area) {
            found = box.name;
            area = a;
        }
    }
    return found;
}

void PageCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_pageSize.isEmpty()) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    const bool drawing = m_regionMode || (event->modifiers() & Qt::ShiftModifier);
    const QString name = drawing ? QString() : boxAt(pos);
    if (!name.isEmpty()) {
        setSelectedField(name);
        Q_EMIT fieldClicked(name);
        event->accept();
        return;
    }
    // Beside the boxes (or Shift, or region mode): the start of a region, if it is dragged.
    setFocus(Qt::MouseFocusReason);
    m_pressed = true;
    m_dragging = false;
    m_pressPos = pos;
    m_dragPos = pos;
    event->accept();
}

void PageCanvas::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_pressed) {
        m_dragPos = pos;
        if (!m_dragging && (pos - m_pressPos).manhattanLength() >= kMinRegionPx)
            m_dragging = true;
        if (m_dragging)
            viewport()->update();
        event->accept();
        return;
    }
    updateHover(pos);
    QAbstractScrollArea::mouseMoveEvent(event);
}

void PageCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_pressed) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    m_dragPos = event->position().toPoint();
    const QRect band = QRect(m_pressPos, m_dragPos).normalized();
    const bool drawn = m_dragging && band.width() >= kMinRegionPx && band.height() >= kMinRegionPx;
    cancelDrag();
    event->accept();
    if (!drawn)
        return;
    const QRectF points =
        pageRectAt(band).intersected(QRectF(QPointF(0, 0), m_pageSize)); // clip to the page
    if (!points.isEmpty())
        Q_EMIT regionDrawn(points);
}

void PageCanvas::cancelDrag()
{
    const bool wasDragging = m_dragging;
    m_pressed = false;
    m_dragging = false;
    if (wasDragging)
        viewport()->update();
}

void PageCanvas::updateHover(const QPoint &pos)
{
    const QString name = m_regionMode ? QString() : boxAt(pos);
    if (name == m_hovered)
        return;
    m_hovered = name;
    viewport()->setCursor(m_regionMode     ? Qt::CrossCursor
                          : name.isEmpty() ? Qt::ArrowCursor
                                           : Qt::PointingHandCursor);
    QString tip;
    for (const FieldBox &box : std::as_const(m_boxes)) {
        if (box.name == name) {
            tip =
                tr("%1 — %2 (%3 %)")
                    .arg(box.label, ConfidenceStyle::label(ConfidenceStyle::level(box.confidence)))
                    .arg(qRound(box.confidence * 100));
            if (box.invalid)
                tip += QLatin1Char('\n') + tr("A validation rule fails for this field.");
            break;
        }
    }
    viewport()->setToolTip(tip);
    viewport()->update();
}

void PageCanvas::scrollContentsBy(int, int)
{
    viewport()->update();
}

} // namespace docket
