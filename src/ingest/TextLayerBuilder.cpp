#include "TextLayerBuilder.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace docket {

namespace {

// Helvetica advance widths (1/1000 em) for U+0020..U+007E.
constexpr short AsciiWidths[95] = {
    278,  278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556,  556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @..O
    667,  778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P.._
    333,  556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `..o
    556,  556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584};     // p..~

constexpr double SpaceUnits = 278;
constexpr double SkipCost = 2.0;
constexpr double LineMismatchCost = 0.7;
constexpr double GroupCost = 0.15;

struct Token
{
    int start = 0;
    int end = 0;
    double units = 0;
    int line = 0;         // index among the text lines that hold words
    bool newLine = false; // first token of its text line
};

struct Cluster
{
    QRectF box;
    int line = 0;
    bool newLine = false;
};

// One step of the alignment: clusters [c0, c1) hold tokens [t0, t1).
struct Group
{
    int c0, c1, t0, t1;
};

bool isLineBreak(QChar c)
{
    return c == QLatin1Char('\n') || c == QLatin1Char('\r') || c.unicode() == 0x2028 ||
           c.unicode() == 0x2029;
}

QList<Token> tokenize(const QString &text)
{
    QList<Token> tokens;
    int line = 0;
    bool lineHasToken = false;
    const int n = int(text.size());
    int i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (isLineBreak(c)) {
            if (lineHasToken) {
                ++line;
                lineHasToken = false;
            }
            ++i;
            continue;
        }
        if (c.isSpace() || c.unicode() == 0) {
            ++i;
            continue;
        }
        Token t;
        t.start = i;
        while (i < n && !text.at(i).isSpace() && !isLineBreak(text.at(i)) && text.at(i) != 0)
            t.units += TextLayerBuilder::advance(text.at(i++).unicode());
        t.end = i;
        t.line = line;
        t.newLine = !lineHasToken;
        lineHasToken = true;
        tokens.append(t);
    }
    return tokens;
}

bool sameLine(const QRectF &a, const QRectF &b)
{
    const double overlap = std::min(a.bottom(), b.bottom()) - std::max(a.top(), b.top());
    const double h = std::min(a.height(), b.height());
    if (overlap < 0.5 * h)
        return false;
    // Going back to the left starts a new line, as pdfium does when it adds "\r\n".
    return b.left() >= a.left() - 0.5 * std::max(a.height(), b.height());
}

QList<Cluster> clusterRects(const QList<QRectF> &rects)
{
    QList<Cluster> clusters;
    int line = -1;
    QRectF prev;
    for (const QRectF &r : rects) {
        if (!(r.width() > 0) || !(r.height() > 0) || !std::isfinite(r.x()) ||
            !std::isfinite(r.y()) || !std::isfinite(r.width()) || !std::isfinite(r.height()))
            continue;
        const bool continues = !clusters.isEmpty() && sameLine(prev, r);
        const double gap = r.left() - prev.right();
        // Glyphs of one word sit closer than a space (about 0.4 of the box height) apart.
        if (continues && gap < 0.22 * std::max(prev.height(), r.height())) {
            clusters.last().box |= r;
        } else {
            Cluster c;
            c.box = r;
            c.newLine = !continues;
            if (c.newLine)
                ++line;
            c.line = line;
            clusters.append(c);
        }
        prev = r;
    }
    return clusters;
}

// Aligns clusters [cb, ce) with tokens [tb, te) by dynamic programming. Steps: one cluster
// holding m tokens, m clusters holding one token, or a token or cluster left alone. The cost
// of a step is how far the clusters' width is from the tokens' estimated width (log ratio);
// logScale is log(points per 1/1000 em) on this stretch. lineAware adds a cost when a step
// starts a line on one side only. Only cells within `band` tokens of where the widths say
// the cluster should fall are explored, so long pages stay linear.
std::vector<Group> align(const QList<Cluster> &clusters, int cb, int ce, const QList<Token> &tokens,
                         int tb, int te, double logScale, bool lineAware, int maxGroup, int band)
{
    const int nc = ce - cb;
    const int nt = te - tb;
    const int m = std::max(1, maxGroup);
    const double inf = std::numeric_limits<double>::infinity();

    // Where each cluster should fall among the tokens, by cumulative width.
    std::vector<double> cumW(size_t(nc) + 1, 0), cumU(size_t(nt) + 1, 0);
    for (int i = 0; i < nc; ++i)
        cumW[size_t(i) + 1] = cumW[size_t(i)] + std::max(0.01, clusters.at(cb + i).box.width());
    for (int j = 0; j < nt; ++j)
        cumU[size_t(j) + 1] = cumU[size_t(j)] + tokens.at(tb + j).units + SpaceUnits;
    std::vector<int> lo(size_t(nc) + 1), hi(size_t(nc) + 1);
    for (int i = 0; i <= nc; ++i) {
        const double target = cumW[size_t(i)] / cumW[size_t(nc)] * cumU[size_t(nt)];
        const int expected = int(std::lower_bound(cumU.begin(), cumU.end(), target) - cumU.begin());
        lo[size_t(i)] = std::clamp(expected - band, 0, nt);
        hi[size_t(i)] = std::clamp(expected + band, 0, nt);
    }
    lo[0] = 0;
    hi[size_t(nc)] = nt;
    const int width = 2 * band + 2;
    std::vector<double> cost(size_t(nc + 1) * size_t(width), inf);
    std::vector<Group> back(size_t(nc + 1) * size_t(width), Group{0, 0, 0, 0});
    auto cell = [&](int i, int j) -> long {
        if (j < lo[size_t(i)] || j > hi[size_t(i)] || j - lo[size_t(i)] >= width)
            return -1;
        return long(i) * width + (j - lo[size_t(i)]);
    };

    // Logs of widths, spans and estimated token widths, computed once.
    std::vector<double> logSpan(size_t(nc) * size_t(m), 0), logUnits(size_t(nt) * size_t(m), 0);
    std::vector<int> clusterBreaks(size_t(nc) + 1, 0), tokenBreaks(size_t(nt) + 1, 0);
    for (int i = 0; i < nc; ++i) {
        const QRectF &first = clusters.at(cb + i).box;
        for (int k = 1; k <= m && i + k <= nc; ++k)
            logSpan[size_t(i) * m + size_t(k - 1)] =
                std::log(std::max(0.01, clusters.at(cb + i + k - 1).box.right() - first.left()));
        clusterBreaks[size_t(i) + 1] =
            clusterBreaks[size_t(i)] + (clusters.at(cb + i).newLine ? 1 : 0);
    }
    for (int j = 0; j < nt; ++j) {
        double units = 0;
        for (int k = 1; k <= m && j + k <= nt; ++k) {
            units += tokens.at(tb + j + k - 1).units + (k > 1 ? SpaceUnits : 0);
            logUnits[size_t(j) * m + size_t(k - 1)] = std::log(std::max(1.0, units));
        }
        tokenBreaks[size_t(j) + 1] = tokenBreaks[size_t(j)] + (tokens.at(tb + j).newLine ? 1 : 0);
    }

    auto relax = [&](int i, int j, int i2, int j2, double base, double c) {
        const long to = cell(i2, j2);
        if (to < 0)
            return;
        const double total = base + c;
        if (total < cost[size_t(to)]) {
            cost[size_t(to)] = total;
            back[size_t(to)] = Group{cb + i, cb + i2, tb + j, tb + j2};
        }
    };

    cost[size_t(cell(0, 0))] = 0;
    for (int i = 0; i <= nc; ++i) {
        for (int j = lo[size_t(i)]; j <= hi[size_t(i)]; ++j) {
            const long here = cell(i, j);
            if (here < 0)
                continue;
            const double base = cost[size_t(here)];
            if (base == inf)
                continue;
            if (j < nt)
                relax(i, j, i, j + 1, base, SkipCost);
            if (i < nc)
                relax(i, j, i + 1, j, base, SkipCost);
            if (i >= nc || j >= nt)
                continue;
            double start = 0;
            if (lineAware && i > 0 && j > 0 &&
                clusters.at(cb + i).newLine != tokens.at(tb + j).newLine)
                start = LineMismatchCost;
            const double lw = std::log(std::max(0.01, clusters.at(cb + i).box.width()));
            const double ls = logScale;
            for (int k = 1; k <= m && j + k <= nt; ++k) {
                const int breaks = tokenBreaks[size_t(j + k)] - tokenBreaks[size_t(j) + 1];
                const double est = logUnits[size_t(j) * m + size_t(k - 1)] + ls;
                relax(i, j, i + 1, j + k, base,
                      start + 2.0 * std::abs(lw - est) + (k - 1) * GroupCost + breaks * 3.0);
            }
            const double est1 = logUnits[size_t(j) * m] + ls;
            for (int k = 2; k <= m && i + k <= nc; ++k) {
                const int breaks = clusterBreaks[size_t(i + k)] - clusterBreaks[size_t(i) + 1];
                relax(i, j, i + k, j + 1, base,
                      start + 2.0 * std::abs(logSpan[size_t(i) * m + size_t(k - 1)] - est1) +
                          (k - 1) * GroupCost + breaks * 3.0);
            }
        }
    }

    std::vector<Group> groups;
    const long last = cell(nc, nt);
    if (last < 0 || cost[size_t(last)] == inf)
        return groups;
    int i = nc, j = nt;
    while (i > 0 || j > 0) {
        const Group g = back[size_t(cell(i, j))];
        groups.push_back(g);
        i = g.c0 - cb;
        j = g.t0 - tb;
    }
    std::reverse(groups.begin(), groups.end());
    return groups;
}

// Linear fallback for very long lines: each token goes to the cluster under the middle of its
// share of the line's estimated width.
std::vector<Group> alignProportional(const QList<Cluster> &clusters, int cb, int ce,
                                     const QList<Token> &tokens, int tb, int te)
{
    std::vector<Group> groups;
    double totalUnits = 0, totalWidth = 0;
    for (int t = tb; t < te; ++t)
        totalUnits += tokens.at(t).units + SpaceUnits;
    for (int c = cb; c < ce; ++c)
        totalWidth += clusters.at(c).box.width();
    if (!(totalUnits > 0) || !(totalWidth > 0))
        return groups;
    double pos = 0, edge = clusters.at(cb).box.width() / totalWidth;
    int c = cb;
    for (int t = tb; t < te; ++t) {
        const double share = (tokens.at(t).units + SpaceUnits) / totalUnits;
        const double mid = pos + share / 2;
        while (c + 1 < ce && mid > edge)
            edge += clusters.at(++c).box.width() / totalWidth;
        if (!groups.empty() && groups.back().c0 == c)
            groups.back().t1 = t + 1;
        else
            groups.push_back(Group{c, c + 1, t, t + 1});
        pos += share;
    }
    return groups;
}

constexpr qint64 MaxDpCells = 400000;
constexpr int MaxGroup = 48;
constexpr qint64 MaxLineCells = 250000;

// Matches the text's lines to the lines of clusters: one to one when their counts agree,
// else by a dynamic programme over steps of up to three lines on each side, on the widths
// (the em of a cluster estimated from its height, calibrated on the whole page). Returns
// groups of whole lines as cluster and token ranges.
std::vector<Group> matchLines(const QList<Token> &tokens, const QList<Cluster> &clusters)
{
    std::vector<int> tStart{0}, cStart{0}; // first token/cluster of each line, plus the end
    for (int t = 1; t < tokens.size(); ++t)
        if (tokens.at(t).line != tokens.at(t - 1).line)
            tStart.push_back(t);
    tStart.push_back(int(tokens.size()));
    for (int c = 1; c < clusters.size(); ++c)
        if (clusters.at(c).line != clusters.at(c - 1).line)
            cStart.push_back(c);
    cStart.push_back(int(clusters.size()));
    const int p = int(tStart.size()) - 1, q = int(cStart.size()) - 1;

    std::vector<Group> groups;
    if (p == q) {
        for (int l = 0; l < p; ++l)
            groups.push_back(Group{cStart[size_t(l)], cStart[size_t(l) + 1], tStart[size_t(l)],
                                   tStart[size_t(l) + 1]});
        return groups;
    }
    if (qint64(p) * q > 4 * MaxLineCells) // absurd page: one group, aligned in a band
        return {Group{0, int(clusters.size()), 0, int(tokens.size())}};

    double widths = 0, heights = 0, allUnits = 0;
    for (const Cluster &c : clusters) {
        widths += c.box.width();
        heights += c.box.height();
    }
    for (const Token &t : tokens)
        allUnits += t.units;
    const double perHeight =
        widths / std::max(1.0, allUnits) / std::max(0.01, heights / double(clusters.size()));
    // Per line: units of text (with its spaces), width and em-scaled height of clusters.
    std::vector<double> lineUnits(size_t(p), 0), lineWidth(size_t(q), 0), lineScale(size_t(q), 0);
    std::vector<double> lineMid(size_t(q), 0), lineHeight(size_t(q), 0);
    std::vector<int> lineTokens(size_t(p), 0), lineClusters(size_t(q), 0);
    for (int l = 0; l < p; ++l)
        for (int t = tStart[size_t(l)]; t < tStart[size_t(l) + 1]; ++t)
            lineUnits[size_t(l)] += tokens.at(t).units + SpaceUnits;
    for (int l = 0; l < q; ++l) {
        for (int c = cStart[size_t(l)]; c < cStart[size_t(l) + 1]; ++c) {
            lineWidth[size_t(l)] += clusters.at(c).box.width();
            lineScale[size_t(l)] +=
                perHeight * clusters.at(c).box.height() * clusters.at(c).box.width();
            lineMid[size_t(l)] += clusters.at(c).box.center().y();
            lineHeight[size_t(l)] += clusters.at(c).box.height();
        }
        lineClusters[size_t(l)] = cStart[size_t(l) + 1] - cStart[size_t(l)];
        lineMid[size_t(l)] /= lineClusters[size_t(l)];
        lineHeight[size_t(l)] /= lineClusters[size_t(l)];
    }
    for (int l = 0; l < p; ++l)
        lineTokens[size_t(l)] = tStart[size_t(l) + 1] - tStart[size_t(l)];

    constexpr int Step = 3;        // text lines in one step
    constexpr int ClusterStep = 6; // lines of clusters in one step (pdfium may join wrapped lines)

    // Logs of every step's sums, computed once: the programme itself only adds.
    const size_t q6 = size_t(q) * ClusterStep, p3 = size_t(p) * Step;
    std::vector<double> logWidth(q6, 0), logScale(q6, 0), logClusters(q6, 0), drift(q6, 0);
    std::vector<bool> hasWidth(q6, false);
    for (int b = 0; b < q; ++b) {
        double width = 0, weighted = 0, moved = 0;
        int nc = 0;
        for (int db = 1; db <= ClusterStep && b + db <= q; ++db) {
            const size_t l = size_t(b + db - 1);
            width += lineWidth[l];
            weighted += lineScale[l];
            nc += lineClusters[l];
            // Lines of clusters joined into one text line should lie close together.
            if (db > 1)
                moved += std::min(2.0, std::abs(lineMid[l] - lineMid[l - 1]) /
                                           std::max(0.1, lineHeight[l]));
            const size_t k = size_t(b) * ClusterStep + size_t(db - 1);
            hasWidth[k] = width > 0 && weighted > 0;
            logWidth[k] = std::log(std::max(1e-9, width));
            logScale[k] = std::log(std::max(1e-9, weighted / std::max(1e-9, width)));
            logClusters[k] = std::log(nc + 1.0);
            drift[k] = 0.8 * moved;
        }
    }
    std::vector<double> logUnitsOf(p3, 0), logTokens(p3, 0);
    for (int a = 0; a < p; ++a) {
        double units = 0;
        int nt = 0;
        for (int da = 1; da <= Step && a + da <= p; ++da) {
            units += lineUnits[size_t(a + da - 1)];
            nt += lineTokens[size_t(a + da - 1)];
            logUnitsOf[size_t(a) * Step + size_t(da - 1)] = std::log(std::max(1e-9, units));
            logTokens[size_t(a) * Step + size_t(da - 1)] = std::log(nt + 1.0);
        }
    }

    // Explore only near where the widths say each text line should fall.
    std::vector<double> cumUnits(size_t(p) + 1, 0), cumWidth(size_t(q) + 1, 0);
    for (int a = 0; a < p; ++a)
        cumUnits[size_t(a) + 1] = cumUnits[size_t(a)] + lineUnits[size_t(a)];
    for (int b = 0; b < q; ++b)
        cumWidth[size_t(b) + 1] = cumWidth[size_t(b)] + lineWidth[size_t(b)];
    const int band = std::max(16, q / 6);

    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> cost(size_t(p + 1) * size_t(q + 1), inf);
    std::vector<std::pair<int, int>> back(size_t(p + 1) * size_t(q + 1), {0, 0});
    auto at = [q](int a, int b) { return size_t(a) * size_t(q + 1) + size_t(b); };
    cost[at(0, 0)] = 0;
    for (int a = 0; a <= p; ++a) {
        const double target =
            cumUnits[size_t(a)] / std::max(1e-9, cumUnits[size_t(p)]) * cumWidth[size_t(q)];
        const int expected =
            int(std::lower_bound(cumWidth.begin(), cumWidth.end(), target) - cumWidth.begin());
        const int bLo = std::max(0, expected - band), bHi = std::min(q, expected + band);
        for (int b = (a == p ? 0 : bLo); b <= (a == p ? q : bHi); ++b) {
            const double base = cost[at(a, b)];
            if (base == inf)
                continue;
            auto relax = [&](int da, int db, double c) {
                if (base + c < cost[at(a + da, b + db)]) {
                    cost[at(a + da, b + db)] = base + c;
                    back[at(a + da, b + db)] = {da, db};
                }
            };
            if (a < p)
                relax(1, 0, SkipCost);
            if (b < q)
                relax(0, 1, SkipCost);
            for (int da = 1; da <= Step && a + da <= p; ++da) {
                const size_t ka = size_t(a) * Step + size_t(da - 1);
                for (int db = 1; db <= ClusterStep && b + db <= q; ++db) {
                    const size_t kb = size_t(b) * ClusterStep + size_t(db - 1);
                    const double widthCost =
                        hasWidth[kb] ? 2.0 * std::abs(logWidth[kb] - logUnitsOf[ka] - logScale[kb])
                                     : 3.0;
                    relax(da, db,
                          widthCost + 0.4 * (da + db - 2) + drift[kb] +
                              0.3 * std::abs(logTokens[ka] - logClusters[kb]));
                }
            }
        }
    }
    if (cost[at(p, q)] == inf) // cannot happen (skips reach every cell), but stay safe
        return {Group{0, int(clusters.size()), 0, int(tokens.size())}};
    int a = p, b = q;
    while (a > 0 || b > 0) {
        const auto [da, db] = back[at(a, b)];
        groups.push_back(Group{cStart[size_t(b - db)], cStart[size_t(b)], tStart[size_t(a - da)],
                               tStart[size_t(a)]});
        a -= da;
        b -= db;
    }
    std::reverse(groups.begin(), groups.end());
    return groups;
}

// QPdfDocument gives text rectangles in the page's unrotated space (y flipped against the
// displayed height), while pages with /Rotate are displayed and rendered turned. The turn is
// not exposed, so it is inferred: the right one puts the text on the page, running left to
// right in boxes wider than tall.
QRectF turned(const QRectF &r, int rotation, const QSizeF &page)
{
    const double wd = page.width(), hd = page.height();
    switch (rotation) {
    case 90:
        return QRectF(hd - r.bottom(), r.left(), r.height(), r.width());
    case 180:
        return QRectF(wd - r.right(), hd - r.bottom(), r.width(), r.height());
    case 270:
        return QRectF(wd - hd + r.top(), hd - r.right(), r.height(), r.width());
    default:
        return r;
    }
}

int detectRotation(const QList<QRectF> &rects, const QSizeF &page)
{
    if (!page.isValid() || rects.isEmpty())
        return 0;
    const QRectF area = QRectF(QPointF(0, 0), page).adjusted(-2, -2, 2, 2);
    int best = 0;
    double bestScore = -1e9;
    for (int rotation : {0, 90, 180, 270}) {
        QList<QRectF> turnedRects;
        turnedRects.reserve(rects.size());
        double inside = 0, flow = 0;
        for (const QRectF &raw : rects) {
            const QRectF r = turned(raw, rotation, page);
            inside += area.contains(r.center()) ? 1 : 0;
            if (!turnedRects.isEmpty()) {
                const QRectF &prev = turnedRects.last();
                const double overlap =
                    std::min(prev.bottom(), r.bottom()) - std::max(prev.top(), r.top());
                if (overlap > 0.5 * std::min(prev.height(), r.height()))
                    flow += r.center().x() > prev.center().x() ? 1 : -1;
            }
            turnedRects.append(r);
        }
        // Shape is judged on clusters: single glyphs are often taller than wide.
        const QList<Cluster> clusters = clusterRects(turnedRects);
        double shape = 0;
        for (const Cluster &c : clusters)
            shape += c.box.width() > 1.5 * c.box.height()
                         ? 1
                         : (c.box.height() > 1.5 * c.box.width() ? -1 : 0);
        const double n = double(rects.size());
        const double score = 2 * inside / n + shape / std::max<double>(1, clusters.size()) +
                             flow / n + (rotation == 0 ? 0.3 : 0);
        if (score > bestScore) {
            bestScore = score;
            best = rotation;
        }
    }
    return best;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
    return v[v.size() / 2];
}

} // namespace

double TextLayerBuilder::advance(char16_t c)
{
    if (c >= 0x20 && c <= 0x7E)
        return AsciiWidths[c - 0x20];
    if (c >= 0x2E80 && c <= 0xFFEF && !(c >= 0xD800 && c <= 0xDFFF))
        return 1000; // CJK and full-width forms
    if (c >= 0xDC00 && c <= 0xDFFF)
        return 0; // low surrogate: the high one carries the width
    return 556;
}

QList<Word> TextLayerBuilder::build(const QString &text, const QList<QRectF> &rects,
                                    const QSizeF &pageSize)
{
    return buildDetailed(text, rects, pageSize).words;
}

QRectF TextLayerBuilder::upright(const QRectF &rect, int rotation, const QSizeF &pageSize)
{
    return turned(rect, rotation, pageSize);
}

TextLayerBuilder::Detailed TextLayerBuilder::buildDetailed(const QString &text,
                                                           const QList<QRectF> &rects,
                                                           const QSizeF &pageSize)
{
    Detailed result;
    const QList<Token> tokens = tokenize(text);
    const int rotation = detectRotation(rects, pageSize);
    result.rotation = rotation;
    QList<Cluster> clusters;
    if (rotation == 0) {
        clusters = clusterRects(rects);
    } else {
        QList<QRectF> upright;
        upright.reserve(rects.size());
        for (const QRectF &r : rects)
            upright.append(turned(r, rotation, pageSize));
        clusters = clusterRects(upright);
    }
    if (tokens.isEmpty() || clusters.isEmpty())
        return result;

    // Line by line when text and geometry agree on the lines; otherwise (ragged OCR layers,
    // lines pdfium joins or splits) the lines are matched first, a few to a few.
    const std::vector<Group> lineGroups = matchLines(tokens, clusters);
    std::vector<Group> groups;
    for (const Group &lg : lineGroups) {
        const int tb = lg.t0, te = lg.t1, cb = lg.c0, ce = lg.c1;
        const int nt = te - tb, nc = ce - cb;
        if (nt == 0 || nc == 0)
            continue;
        double units = 0, width = 0;
        for (int t = tb; t < te; ++t)
            units += tokens.at(t).units;
        for (int c = cb; c < ce; ++c)
            width += clusters.at(c).box.width();
        units += std::max(0, nt - nc) * SpaceUnits;
        const double scale = std::log(units > 0 && width > 0 ? width / units : 0.01);
        const int ratio = (std::max(nt, nc) + std::min(nt, nc) - 1) / std::min(nt, nc);
        const int maxGroup = std::min({MaxGroup, std::max(nt, nc), 2 * ratio + 3});
        const int band = std::min(std::max(nt, nc), std::max(12, nt / 3));
        std::vector<Group> found;
        if (qint64(nc) * (2 * band + 2) * maxGroup <= 8 * MaxDpCells)
            found = align(clusters, cb, ce, tokens, tb, te, scale, true, maxGroup, band);
        if (found.empty())
            found = alignProportional(clusters, cb, ce, tokens, tb, te);
        groups.insert(groups.end(), found.begin(), found.end());
    }

    // Points per unit per point of box height, from clusters that hold exactly one token.
    std::vector<double> ratios;
    for (const Group &g : groups) {
        if (g.c1 - g.c0 == 1 && g.t1 - g.t0 == 1 && tokens.at(g.t0).units > 0) {
            const QRectF &b = clusters.at(g.c0).box;
            ratios.push_back(b.width() / tokens.at(g.t0).units / b.height());
        }
    }
    const double unitPerHeight = median(ratios);

    QList<Word> words;
    words.reserve(tokens.size());
    QList<QRectF> boxes(tokens.size());
    for (const Group &g : groups) {
        if (g.t1 == g.t0 || g.c1 == g.c0)
            continue;
        QRectF box = clusters.at(g.c0).box;
        for (int c = g.c0 + 1; c < g.c1; ++c)
            box |= clusters.at(c).box;
        const int m = g.t1 - g.t0;
        if (m == 1) {
            boxes[g.t0] = box;
            continue;
        }
        double units = 0;
        for (int t = g.t0; t < g.t1; ++t)
            units += tokens.at(t).units;
        double scale = unitPerHeight * box.height();
        double gap = 0;
        if (scale > 0 && units * scale + (m - 1) * 0.5 * SpaceUnits * scale <= box.width()) {
            gap = (box.width() - units * scale) / (m - 1); // slack goes to the gaps
        } else {
            scale = box.width() / (units + (m - 1) * SpaceUnits);
            gap = SpaceUnits * scale;
        }
        double x = box.left();
        for (int t = g.t0; t < g.t1; ++t) {
            const double w = tokens.at(t).units * scale;
            boxes[t] = QRectF(x, box.top(), w, box.height());
            x += w + gap;
        }
    }

    // Tokens without a box (their glyphs have no extent): place them beside a neighbour on
    // the same text line, else drop them.
    for (int t = 0; t < tokens.size(); ++t) {
        if (!boxes.at(t).isNull())
            continue;
        const Token &tok = tokens.at(t);
        auto neighbour = [&](int step) -> int {
            for (int k = t + step; k >= 0 && k < tokens.size(); k += step) {
                if (tokens.at(k).line != tok.line)
                    return -1;
                if (!boxes.at(k).isNull())
                    return k;
            }
            return -1;
        };
        const int before = neighbour(-1);
        const int after = before < 0 ? neighbour(1) : -1;
        const int ref = before >= 0 ? before : after;
        if (ref < 0)
            continue;
        const QRectF rb = boxes.at(ref);
        const double s = rb.width() / std::max(1.0, tokens.at(ref).units);
        const double w = tok.units * s;
        const double x = before >= 0 ? rb.right() + SpaceUnits * s : rb.left() - SpaceUnits * s - w;
        boxes[t] = QRectF(x, rb.top(), w, rb.height());
    }

    const QRectF page(QPointF(0, 0), pageSize);
    for (int t = 0; t < tokens.size(); ++t) {
        const QRectF &b = boxes.at(t);
        if (b.isNull())
            continue;
        // Text drawn off the page is invisible to the reader: leave it out.
        if (pageSize.isValid() &&
            !page.adjusted(-2, -2, 2, 2).intersects(b.adjusted(0, 0, 0.01, 0.01)))
            continue;
        Word w;
        w.text = text.mid(tokens.at(t).start, tokens.at(t).end - tokens.at(t).start);
        w.box = b;
        w.confidence = 1.0;
        words.append(w);
        result.ranges.append({tokens.at(t).start, tokens.at(t).end});
    }
    result.words = std::move(words);
    return result;
}

} // namespace docket
