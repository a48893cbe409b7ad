#include "PageCanvas.h"

#include "ConfidenceStyle.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStyle>
#include <QToolTip>
#include <QWheelEvent>

namespace docket {

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
    return qRound(pagePixelSize().width() * devicePixelRatioF());
}

double PageCanvas::fitWidthZoom() const
{
    if (m_pageSize.isEmpty())
        return 1.0;
    // The viewport without scroll bars; leave room for the vertical one only when the page,
    // fitted to the full width, is taller than the viewport.
    const QSize full = maximumViewportSize();
    const double perPoint = m_pageSize.width() * kPixelsPerPoint;
    const double zoom = qMax(50, full.width() - 2 * kMargin) / perPoint;
    const double height = m_pageSize.height() * kPixelsPerPoint * zoom + 2 * kMargin;
    if (height <= full.height())
        return zoom;
    const int bar = style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
    return qMax(50, full.width() - bar - 2 * kMargin) / perPoint;
}

double PageCanvas::fitPageZoom() const
{
    if (m_pageSize.isEmpty())
        return 1.0;
    const QSize full = maximumViewportSize();
    const double w = qMax(50, full.width() - 2 * kMargin);
    const double h = qMax(50, full.height() - 2 * kMargin);
    return qMin(w / (m_pageSize.width() * kPixelsPerPoint),
                h / (m_pageSize.height() * kPixelsPerPoint));
}

void PageCanvas::setBoxes(const FieldBoxes &boxes)
{
    m_boxes = boxes;
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
        if (box.name != name || box.bbox.isNull())
            continue;
        const QRect r = viewportRect(box.bbox);
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
        return;
    }
}

QSize PageCanvas::pagePixelSize() const
{
    if (m_pageSize.isEmpty())
        return {};
    const double scale = m_zoom * kPixelsPerPoint;
    return QSize(qRound(m_pageSize.width() * scale), qRound(m_pageSize.height() * scale));
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

QRect PageCanvas::viewportRect(const QRectF &points) const
{
    const QRect page = pageRect();
    const double scale = m_zoom * kPixelsPerPoint;
    return QRectF(page.left() + points.left() * scale, page.top() + points.top() * scale,
                  points.width() * scale, points.height() * scale)
        .toAlignedRect();
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
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(page, m_image);
    }
    painter.setPen(QColor(0xc4, 0xc7, 0xcc));
    painter.drawRect(page.adjusted(0, 0, -1, -1));

    painter.setRenderHint(QPainter::Antialiasing);
    for (const FieldBox &box : std::as_const(m_boxes)) {
        if (box.bbox.isNull())
            continue;
        const QRect r = viewportRect(box.bbox).adjusted(-2, -2, 2, 2);
        QColor color = ConfidenceStyle::color(box.confidence);
        const bool selected = box.name == m_selected;
        const bool hovered = box.name == m_hovered;
        QColor fill = color;
        fill.setAlpha(selected ? 70 : hovered ? 55 : 38);
        painter.setBrush(fill);
        QPen pen(color, selected ? 2.5 : 1.0);
        painter.setPen(pen);
        painter.drawRoundedRect(r, 2, 2);
        if (selected) {
            QColor outer = color;
            outer.setAlpha(90);
            painter.setBrush(Qt::NoBrush);
            painter.setPen(QPen(outer, 5));
            painter.drawRoundedRect(r.adjusted(-3, -3, 3, 3), 4, 4);
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
        const QRect r = viewportRect(box.bbox).adjusted(-2, -2, 2, 2);
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
    if (event->button() == Qt::LeftButton) {
        const QString name = boxAt(event->position().toPoint());
        if (!name.isEmpty()) {
            setSelectedField(name);
            Q_EMIT fieldClicked(name);
            event->accept();
            return;
        }
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void PageCanvas::mouseMoveEvent(QMouseEvent *event)
{
    const QString name = boxAt(event->position().toPoint());
    if (name != m_hovered) {
        m_hovered = name;
        viewport()->setCursor(name.isEmpty() ? Qt::ArrowCursor : Qt::PointingHandCursor);
        QString tip;
        for (const FieldBox &box : std::as_const(m_boxes)) {
            if (box.name == name) {
                tip = tr("%1 — %2 (%3 %)")
                          .arg(box.label,
                               ConfidenceStyle::label(ConfidenceStyle::level(box.confidence)))
                          .arg(qRound(box.confidence * 100));
                break;
            }
        }
        viewport()->setToolTip(tip);
        viewport()->update();
    }
    QAbstractScrollArea::mouseMoveEvent(event);
}

void PageCanvas::scrollContentsBy(int, int)
{
    viewport()->update();
}

} // namespace docket
