#include "ConfidenceIndicator.h"

#include "ConfidenceStyle.h"

#include <QPainter>

namespace docket {

ConfidenceIndicator::ConfidenceIndicator(QWidget *parent) : QWidget(parent)
{
    setFixedSize(sizeHint());
}

void ConfidenceIndicator::setConfidence(double confidence, bool hasValue)
{
    m_confidence = confidence;
    m_hasValue = hasValue;
    setAccessibleDescription(ConfidenceStyle::label(hasValue ? ConfidenceStyle::level(confidence)
                                                             : ConfidenceStyle::Level::None));
    update();
}

QColor ConfidenceIndicator::color() const
{
    return ConfidenceStyle::color(m_hasValue ? ConfidenceStyle::level(m_confidence)
                                             : ConfidenceStyle::Level::None);
}

void ConfidenceIndicator::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(rect()).adjusted(3, 3, -3, -3);
    if (m_hasValue) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(color());
    } else {
        painter.setPen(QPen(color(), 1.2));
        painter.setBrush(Qt::NoBrush);
    }
    painter.drawEllipse(r);
}

} // namespace docket
