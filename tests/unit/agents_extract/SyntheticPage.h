#pragma once

#include "core/Page.h"

#include <QStringList>

namespace docket::test {

// Builds pages of words with boxes the way a text layer or OCR would deliver them: each
// text is split into words laid out from x at the given font size (points).
class SyntheticPage
{
public:
    explicit SyntheticPage(TextSource source = TextSource::TextLayer, QSizeF size = {612, 792})
    {
        m_page.size = size;
        m_page.source = source;
    }

    // Puts text at (x, y) (top-left of the line), words separated by one space.
    SyntheticPage &text(double x, double y, const QString &text, double size = 10,
                        double confidence = 1.0)
    {
        const double charW = 0.5 * size;
        double cx = x;
        const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString &w : words) {
            Word word;
            word.text = w;
            word.box = QRectF(cx, y, charW * w.size(), size);
            word.confidence = m_page.source == TextSource::Ocr ? confidence : 1.0;
            word.line = m_line;
            word.block = 0;
            m_page.words.append(word);
            cx += charW * (w.size() + 1);
        }
        ++m_line;
        return *this;
    }

    Page page(int number = 1) const
    {
        Page p = m_page;
        p.number = number;
        return p;
    }

private:
    Page m_page;
    int m_line = 0;
};

// A string list from UTF-8 literals (the build forbids implicit conversions).
inline QStringList sl(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *s : items)
        out.append(QString::fromUtf8(s));
    return out;
}

inline DocumentContent contentOf(const QList<Page> &pages)
{
    DocumentContent c;
    c.pages = pages;
    return c;
}

} // namespace docket::test
