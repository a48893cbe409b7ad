#pragma once

#include <QFont>
#include <QFontMetricsF>
#include <QImage>
#include <QList>
#include <QPainter>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QTransform>

// A white page with known lines of large, clear text drawn by QPainter, and where each word
// was drawn (in image pixels and in points). Tests make their own fixtures: no files.
class TextPageFixture
{
public:
    struct DrawnWord
    {
        QString text;
        QRectF pixels; // tight box in image pixels
    };

    // A page of widthInches x heightInches at dpi with the lines drawn from the top left.
    TextPageFixture(const QStringList &lines, double dpi, double widthInches = 4.5,
                    double heightInches = 4.0, double fontPoints = 13.0)
        : m_dpi(dpi)
    {
        m_image = QImage(int(widthInches * dpi), int(heightInches * dpi), QImage::Format_RGB32);
        m_image.fill(Qt::white);
        QFont font(QStringLiteral("DejaVu Sans"));
        font.setPixelSize(int(fontPoints * dpi / 72.0));
        QPainter painter(&m_image);
        painter.setFont(font);
        painter.setPen(Qt::black);
        const QFontMetricsF fm(font, &m_image);
        double y = 0.5 * dpi + fm.ascent();
        for (const QString &line : lines) {
            double x = 0.4 * dpi;
            const QStringList words = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            for (const QString &word : words) {
                painter.drawText(QPointF(x, y), word);
                const QRectF tight = fm.tightBoundingRect(word);
                m_words.append({word, tight.translated(x, y)});
                x += fm.horizontalAdvance(word) + fm.horizontalAdvance(QLatin1Char(' '));
            }
            y += fm.lineSpacing() * 1.6;
        }
    }

    const QImage &image() const { return m_image; }
    double dpi() const { return m_dpi; }
    const QList<DrawnWord> &words() const { return m_words; }
    QSizeF pageSizePoints() const { return QSizeF(m_image.size()) * 72.0 / m_dpi; }

    // The page turned clockwise by degrees about its centre (canvas grown to fit, white fill)
    // and the transform from the original image's pixels to the turned image's pixels.
    QImage turned(double degrees, QTransform *originalToTurned) const
    {
        QTransform rot;
        rot.rotate(degrees);
        const QRectF bounds = rot.mapRect(QRectF(m_image.rect()));
        QImage out(bounds.size().toSize(), QImage::Format_RGB32);
        out.fill(Qt::white);
        QTransform t = rot * QTransform::fromTranslate(-bounds.left(), -bounds.top());
        QPainter p(&out);
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.setTransform(t);
        p.drawImage(0, 0, m_image);
        p.end();
        if (originalToTurned)
            *originalToTurned = t;
        return out;
    }

private:
    QImage m_image;
    double m_dpi;
    QList<DrawnWord> m_words;
};
