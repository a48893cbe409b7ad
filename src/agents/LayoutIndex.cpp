#include "LayoutIndex.h"

#include <QVarLengthArray>

#include <algorithm>
#include <cmath>
#include <vector>

namespace docket {

namespace {

// A word of punctuation only (":", "-", "="), as printed between a label and its value.
bool isPunctuation(const QString &text)
{
    return !text.isEmpty() &&
           std::none_of(text.cbegin(), text.cend(), [](QChar c) { return c.isLetterOrNumber(); });
}

// Levenshtein distance of a and b, or limit + 1 when it is larger than limit.
int boundedDistance(const QString &a, const QString &b, int limit)
{
    const int n = int(a.size()), m = int(b.size());
    if (std::abs(n - m) > limit)
        return limit + 1;
    QVarLengthArray<int, 64> prev(m + 1), cur(m + 1);
    for (int j = 0; j <= m; ++j)
        prev[j] = j;
    for (int i = 1; i <= n; ++i) {
        cur[0] = i;
        int rowMin = cur[0];
        for (int j = 1; j <= m; ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            rowMin = std::min(rowMin, cur[j]);
        }
        if (rowMin > limit)
            return limit + 1;
        std::swap(prev, cur);
    }
    return prev[m];
}

double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    return v.at(v.size() / 2);
}

// Tokens with their end offsets in text.
// Lower-case letters without accents: "Échéance" and "echeance" match, whatever the
// composition of the accents in the source.
QChar plainLower(QChar c)
{
    if (c.unicode() < 0x80)
        return c.toLower();
    const QString d = QString(c).normalized(QString::NormalizationForm_D);
    return d.isEmpty() ? c.toLower() : d.at(0).toLower();
}

QList<QPair<QString, qsizetype>> tokenizeWithEnds(const QString &text)
{
    QList<QPair<QString, qsizetype>> out;
    QString cur;
    auto flush = [&](qsizetype end) {
        if (!cur.isEmpty()) {
            out.append({cur, end});
            cur.clear();
        }
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.category() == QChar::Mark_NonSpacing) {
            continue; // a combining accent
        } else if (c.isLetterOrNumber()) {
            cur += plainLower(c);
        } else if (c == QLatin1Char('#') || c == QLatin1Char('%')) {
            flush(i);
            out.append({QString(c), i + 1});
        } else {
            flush(i);
        }
    }
    flush(text.size());
    return out;
}

} // namespace

std::shared_ptr<const LayoutIndex> LayoutIndex::shared(const DocumentContent &content,
                                                       std::shared_ptr<const LayoutIndex> &cache)
{
    // The same object with the same words: an index holds a reference to its content.
    if (cache && &cache->m_content == &content && cache->pageCount() == content.pages.size() &&
        cache->m_sourceWords == content.wordCount())
        return cache;
    cache = std::make_shared<const LayoutIndex>(content);
    return cache;
}

LayoutIndex::LayoutIndex(const DocumentContent &content)
    : m_content(content), m_sourceWords(content.wordCount())
{
    for (int p = 0; p < content.pages.size(); ++p) {
        m_pageRows.append(QList<int>());
        buildRows(p);
    }
    QSet<QString> ocrTokens;
    for (int r = 0; r < m_rows.size(); ++r) {
        const LayoutRow &row = m_rows.at(r);
        const bool ocr = isOcr(row.page);
        for (int t = 0; t < row.tokens.size(); ++t) {
            m_tokenIndex[row.tokens.at(t).norm].append({r, t});
            if (ocr && row.tokens.at(t).norm.size() >= 4)
                ocrTokens.insert(row.tokens.at(t).norm);
        }
    }
    m_ocrTokens = QList<QString>(ocrTokens.cbegin(), ocrTokens.cend());
}

QSizeF LayoutIndex::pageSize(int page) const
{
    const QSizeF s = m_content.pages.at(page).size;
    if (s.isValid() && !s.isEmpty())
        return s;
    return {612, 792};
}

bool LayoutIndex::isOcr(int page) const
{
    return m_content.pages.at(page).source == TextSource::Ocr;
}

QString LayoutIndex::sourceName(int page) const
{
    return textSourceName(m_content.pages.at(page).source);
}

QStringList LayoutIndex::tokenize(const QString &text)
{
    QStringList out;
    for (const auto &t : tokenizeWithEnds(text))
        out.append(t.first);
    return out;
}

bool LayoutIndex::tokensMatch(const QString &a, const QString &b, bool fuzzy)
{
    if (a == b)
        return true;
    if (!fuzzy || a.size() < 4 || b.size() < 4)
        return false;
    // Digits never fuzz: "2014" is not "2015".
    for (QChar c : a)
        if (c.isDigit())
            return false;
    const int limit = std::min(a.size(), b.size()) >= 8 ? 2 : 1;
    return boundedDistance(a, b, limit) <= limit;
}

void LayoutIndex::buildRows(int page)
{
    const Page &pg = m_content.pages.at(page);
    const int base = int(m_words.size());
    QList<double> heights;
    for (const Word &w : pg.words) {
        if (w.text.trimmed().isEmpty())
            continue;
        LayoutWord lw;
        lw.page = page;
        lw.text = w.text.trimmed();
        lw.box = w.box;
        lw.confidence = w.confidence;
        m_words.append(lw);
        heights.append(w.box.height());
    }
    const double lineH = std::max(1.0, median(heights));
    m_lineHeight.insert(page, lineH);

    // Segments: runs of words of one source line (OCR and text layers group words into lines,
    // following skew), else of words that overlap their neighbour vertically. Segments are then
    // merged into visual rows when their centres are close. A segment is described by the
    // median centre and height of its words, so that a long skewed line does not swallow the
    // lines above and below it.
    struct Seg
    {
        QList<int> words;
        double top, bottom;
    };
    std::vector<int> lineOf;
    lineOf.reserve(size_t(m_words.size() - base));
    for (const Word &w : pg.words)
        if (!w.text.trimmed().isEmpty())
            lineOf.push_back(w.line);
    QList<Seg> segs;
    for (int i = base; i < m_words.size(); ++i) {
        const QRectF &b = m_words.at(i).box;
        const int line = lineOf.at(size_t(i - base));
        if (!segs.isEmpty()) {
            Seg &s = segs.last();
            const int last = s.words.last();
            const QRectF &prev = m_words.at(last).box;
            const int prevLine = lineOf.at(size_t(last - base));
            const double ov = std::min(prev.bottom(), b.bottom()) - std::max(prev.top(), b.top());
            const bool sameLine = line >= 0 && line == prevLine;
            const bool follows = b.left() >= prev.left() && b.left() - prev.right() < 3.0 * lineH;
            if (follows && ((sameLine && ov > 0) ||
                            (line < 0 && ov > 0.5 * std::min(prev.height(), b.height())))) {
                s.words.append(i);
                continue;
            }
        }
        segs.append({{i}, 0, 0});
    }
    for (Seg &sg : segs) {
        QList<double> cs, hs;
        for (int w : sg.words) {
            cs.append(m_words.at(w).box.center().y());
            hs.append(m_words.at(w).box.height());
        }
        const double c = median(cs), h = median(hs);
        sg.top = c - h / 2;
        sg.bottom = c + h / 2;
    }
    std::stable_sort(segs.begin(), segs.end(), [](const Seg &a, const Seg &b) {
        return (a.top + a.bottom) < (b.top + b.bottom);
    });
    QList<Seg> rows;
    for (const Seg &s : segs) {
        bool merged = false;
        // Compare with the last few rows (segments sorted by centre).
        for (qsizetype r = rows.size() - 1; r >= 0 && r >= rows.size() - 3; --r) {
            Seg &row = rows[r];
            const double ov = std::min(row.bottom, s.bottom) - std::max(row.top, s.top);
            const double minH = std::min(row.bottom - row.top, s.bottom - s.top);
            if (ov > 0.5 * minH) {
                // The band of the row stays that of its first segment, so that it cannot
                // creep down a skewed scan.
                row.words.append(s.words);
                merged = true;
                break;
            }
        }
        if (!merged)
            rows.append(s);
    }
    for (Seg &s : rows) {
        std::sort(s.words.begin(), s.words.end(), [this](int a, int b) {
            return m_words.at(a).box.left() < m_words.at(b).box.left();
        });
        LayoutRow row;
        row.page = page;
        row.words = s.words;
        QList<double> hs;
        const int rowIndex = int(m_rows.size());
        for (int p = 0; p < s.words.size(); ++p) {
            LayoutWord &w = m_words[s.words.at(p)];
            w.row = rowIndex;
            w.pos = p;
            row.box = row.box.isNull() ? w.box : row.box.united(w.box);
            hs.append(w.box.height());
            bool first = true;
            for (const auto &t : tokenizeWithEnds(w.text)) {
                row.tokens.append({t.first, s.words.at(p), first, t.second});
                first = false;
            }
        }
        row.height = std::max(1.0, median(hs));
        m_pageRows[page].append(rowIndex);
        m_rows.append(row);
    }
}

QList<PhraseHit> LayoutIndex::find(const QStringList &phrase) const
{
    QList<PhraseHit> out;
    if (phrase.isEmpty())
        return out;
    QList<QPair<int, int>> starts = m_tokenIndex.value(phrase.first());
    if (!m_ocrTokens.isEmpty() && phrase.first().size() >= 4) {
        auto it = m_fuzzyCache.constFind(phrase.first());
        if (it == m_fuzzyCache.cend()) {
            QList<QPair<int, int>> extra;
            for (const QString &t : m_ocrTokens)
                if (t != phrase.first() && tokensMatch(phrase.first(), t, true))
                    for (const auto &p : m_tokenIndex.value(t))
                        if (isOcr(m_rows.at(p.first).page))
                            extra.append(p);
            it = m_fuzzyCache.insert(phrase.first(), extra);
        }
        starts.append(*it);
    }
    for (const auto &[r, t0] : starts) {
        const LayoutRow &row = m_rows.at(r);
        if (!row.tokens.at(t0).wordStart) {
            // A label may follow a hyphen inside a word: "E-Order#:".
            const LayoutToken &tok = row.tokens.at(t0);
            const QString &wt = m_words.at(tok.word).text;
            const qsizetype begin = tok.end - tok.norm.size();
            if (begin <= 0 || begin > wt.size() || wt.at(begin - 1) != QLatin1Char('-'))
                continue;
        }
        const bool fuzzy = isOcr(row.page);
        int t = t0;
        bool ok = true;
        for (int k = 1; k < phrase.size(); ++k) {
            ++t;
            if (t >= row.tokens.size() ||
                !tokensMatch(phrase.at(k), row.tokens.at(t).norm, fuzzy)) {
                ok = false;
                break;
            }
        }
        if (!ok)
            continue;
        const LayoutToken &last = row.tokens.at(t);
        const LayoutWord &lw = m_words.at(last.word);
        const QString rest = lw.text.mid(last.end);
        // The phrase must end at a word end, or be followed by a glued value ("No.123").
        const bool endsWord = t + 1 >= row.tokens.size() || row.tokens.at(t + 1).wordStart;
        QString remainder;
        if (!endsWord) {
            QString r2 = rest;
            while (!r2.isEmpty() && !r2.at(0).isLetterOrNumber())
                r2.remove(0, 1);
            if (r2.isEmpty() || !(r2.at(0).isDigit() || rest.contains(QLatin1Char(':')) ||
                                  rest.contains(QLatin1Char('#'))))
                continue;
            remainder = r2;
        }
        PhraseHit hit;
        hit.row = r;
        hit.firstWord = row.tokens.at(t0).word;
        hit.lastWord = last.word;
        hit.lastToken = t;
        hit.remainder = remainder;
        hit.box = m_words.at(hit.firstWord).box.united(lw.box);
        const LayoutWord &fw = m_words.at(hit.firstWord);
        const bool atSegmentStart =
            fw.pos == 0 ||
            fw.box.left() - m_words.at(row.words.at(fw.pos - 1)).box.right() > 1.2 * row.height;
        const bool colon = rest.contains(QLatin1Char(':')) ||
                           (lw.pos + 1 < row.words.size() &&
                            m_words.at(row.words.at(lw.pos + 1)).text.startsWith(QLatin1Char(':')));
        hit.labelLike = atSegmentStart || colon;
        hit.segmentStart = atSegmentStart;
        out.append(hit);
    }
    return out;
}

QList<int> LayoutIndex::runAfter(int row, int pos, double firstGap, double gap,
                                 const QSet<int> &stop) const
{
    QList<int> out;
    const LayoutRow &r = m_rows.at(row);
    double lastRight = pos >= 0 ? m_words.at(r.words.at(pos)).box.right() : -1e9;
    // Punctuation set apart after a label ("Facture n° :", "Total =") belongs to the label:
    // until a word of the value is taken, the next may still be as far as firstGap.
    bool beforeValue = true;
    for (int p = pos + 1; p < r.words.size(); ++p) {
        const int w = r.words.at(p);
        if (stop.contains(w))
            break;
        const double g = m_words.at(w).box.left() - lastRight;
        if (g > (beforeValue ? firstGap : gap * r.height))
            break;
        out.append(w);
        lastRight = m_words.at(w).box.right();
        beforeValue = beforeValue && isPunctuation(m_words.at(w).text);
    }
    return out;
}

QList<QList<int>> LayoutIndex::segments(int row, double gap) const
{
    QList<QList<int>> out;
    const LayoutRow &r = m_rows.at(row);
    double lastRight = -1e9;
    for (int w : r.words) {
        const QRectF &b = m_words.at(w).box;
        if (out.isEmpty() || b.left() - lastRight > gap * r.height)
            out.append(QList<int>());
        out.last().append(w);
        lastRight = b.right();
    }
    return out;
}

QList<int> LayoutIndex::segmentAt(int row, int pos, double gap) const
{
    const int w = m_rows.at(row).words.at(pos);
    for (const QList<int> &s : segments(row, gap))
        if (s.contains(w))
            return s;
    return {};
}

int LayoutIndex::rowBelow(int row, double x0, double x1, double maxDy) const
{
    const LayoutRow &r = m_rows.at(row);
    const QList<int> &rows = m_pageRows.at(r.page);
    const qsizetype at = rows.indexOf(row);
    for (qsizetype i = at + 1; i < rows.size(); ++i) {
        const LayoutRow &b = m_rows.at(rows.at(i));
        if (b.box.top() - r.box.bottom() > maxDy)
            break;
        for (int w : b.words) {
            const QRectF &wb = m_words.at(w).box;
            if (wb.right() > x0 && wb.left() < x1)
                return rows.at(i);
        }
    }
    return -1;
}

QString LayoutIndex::text(const QList<int> &words) const
{
    QString out;
    for (int w : words) {
        if (!out.isEmpty())
            out += QLatin1Char(' ');
        out += m_words.at(w).text;
    }
    return out;
}

QRectF LayoutIndex::box(const QList<int> &words) const
{
    QRectF b;
    for (int w : words)
        b = b.isNull() ? m_words.at(w).box : b.united(m_words.at(w).box);
    return b;
}

double LayoutIndex::confidence(const QList<int> &words) const
{
    if (words.isEmpty())
        return 0;
    double s = 0;
    for (int w : words)
        s += m_words.at(w).confidence;
    return s / double(words.size());
}

} // namespace docket
