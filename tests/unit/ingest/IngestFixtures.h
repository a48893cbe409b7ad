#pragma once

// Small fixtures the ingest tests make at run time: PDFs with known text at known places
// (QPdfWriter at 72 dpi, so painter units are points) and a multi-frame TIFF written by hand.

#include <QByteArray>
#include <QFile>
#include <QFont>
#include <QImage>
#include <QList>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPointF>
#include <QString>
#include <QtEndian>

namespace fixtures {

struct Text
{
    QString text;
    QPointF baseline; // points from the top-left of the page
    double size = 12;
};

inline bool writePdf(const QString &path, const QList<QList<Text>> &pages)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(72);
    QPainter painter;
    if (!painter.begin(&writer))
        return false;
    for (qsizetype p = 0; p < pages.size(); ++p) {
        if (p > 0)
            writer.newPage();
        for (const Text &t : pages.at(p)) {
            QFont font(QStringLiteral("DejaVu Sans"));
            font.setPointSizeF(t.size);
            painter.setFont(font);
            painter.drawText(t.baseline, t.text);
        }
    }
    return painter.end();
}

// An uncompressed 8-bit grayscale TIFF with one frame per image, at dpi.
inline bool writeTiff(const QString &path, const QList<QImage> &frames, int dpi)
{
    QByteArray out("II*\0\0\0\0\0", 8);
    auto put16 = [&out](quint16 v) {
        char b[2];
        qToLittleEndian(v, b);
        out.append(b, 2);
    };
    auto put32 = [&out](quint32 v) {
        char b[4];
        qToLittleEndian(v, b);
        out.append(b, 4);
    };
    auto patch32 = [&out](qsizetype at, quint32 v) { qToLittleEndian(v, out.data() + at); };
    qsizetype nextPointer = 4; // where the offset of the next IFD goes
    for (const QImage &frame : frames) {
        const QImage gray = frame.convertToFormat(QImage::Format_Grayscale8);
        const quint32 w = quint32(gray.width()), h = quint32(gray.height());
        const quint32 data = quint32(out.size());
        for (quint32 y = 0; y < h; ++y)
            out.append(reinterpret_cast<const char *>(gray.constScanLine(int(y))), qsizetype(w));
        if (out.size() % 2)
            out.append('\0');
        const quint32 res = quint32(out.size());
        put32(quint32(dpi));
        put32(1);
        const quint32 ifd = quint32(out.size());
        patch32(nextPointer, ifd);
        put16(12);
        auto entry = [&](quint16 tag, quint16 type, quint32 value) {
            put16(tag);
            put16(type);
            put32(1);
            if (type == 3) {
                put16(quint16(value));
                put16(0);
            } else {
                put32(value);
            }
        };
        entry(256, 4, w);
        entry(257, 4, h);
        entry(258, 3, 8);
        entry(259, 3, 1);
        entry(262, 3, 1);
        entry(273, 4, data);
        entry(277, 3, 1);
        entry(278, 4, h);
        entry(279, 4, w * h);
        entry(282, 5, res);
        entry(283, 5, res);
        entry(296, 3, 2);
        nextPointer = out.size();
        put32(0);
    }
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(out) == out.size();
}

} // namespace fixtures
