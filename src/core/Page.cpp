#include "Page.h"

namespace docket {

QString Page::text() const
{
    QString out;
    int lastLine = words.isEmpty() ? -1 : words.first().line;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const Word &w = words.at(i);
        if (i > 0)
            out += (w.line != lastLine) ? QLatin1Char('\n') : QLatin1Char(' ');
        out += w.text;
        lastLine = w.line;
    }
    return out;
}

QString DocumentContent::text() const
{
    QString out;
    for (qsizetype i = 0; i < pages.size(); ++i) {
        if (i > 0)
            out += QLatin1Char('\f');
        out += pages.at(i).text();
    }
    return out;
}

int DocumentContent::wordCount() const
{
    int n = 0;
    for (const Page &p : pages)
        n += int(p.words.size());
    return n;
}

} // namespace docket
