#include "ReadingOrder.h"

#include <algorithm>
#include <vector>

namespace docket {

namespace {

struct Line
{
    double top = 0;
    double bottom = 0;
    std::vector<int> members;
};

double overlapShare(const QRectF &a, double top, double bottom)
{
    const double overlap = std::min(a.bottom(), bottom) - std::max(a.top(), top);
    const double h = std::min(a.height(), bottom - top);
    return h > 0 ? overlap / h : 0;
}

bool isDuplicate(const Word &a, const Word &b)
{
    if (a.text != b.text)
        return false;
    const QRectF i = a.box.intersected(b.box);
    const double area = std::min(a.box.width() * a.box.height(), b.box.width() * b.box.height());
    return area > 0 && i.width() * i.height() > 0.7 * area;
}

} // namespace

QList<Word> ReadingOrder::arrange(QList<Word> words)
{
    std::vector<int> order(size_t(words.size()));
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::stable_sort(order.begin(), order.end(), [&words](int a, int b) {
        return words.at(a).box.center().y() < words.at(b).box.center().y();
    });

    std::vector<Line> lines;
    for (int idx : order) {
        const QRectF &box = words.at(idx).box;
        Line *target = nullptr;
        // Words sorted by their middle arrive line after line; look at the last few lines only.
        for (size_t k = lines.size(), seen = 0; k > 0 && seen < 4; --k, ++seen) {
            Line &line = lines[k - 1];
            const double mid = box.center().y();
            if (mid >= line.top && mid <= line.bottom &&
                overlapShare(box, line.top, line.bottom) >= 0.5) {
                target = &line;
                break;
            }
        }
        if (!target) {
            lines.push_back(Line{box.top(), box.bottom(), {}});
            target = &lines.back();
        } else if (box.height() <= 1.5 * (target->bottom - target->top)) {
            // A line's band follows the words in it, but never grows from a tall outlier.
            target->top = std::min(target->top, box.top());
            target->bottom = std::max(target->bottom, box.bottom());
        }
        target->members.push_back(idx);
    }
    std::stable_sort(lines.begin(), lines.end(),
                     [](const Line &a, const Line &b) { return a.top < b.top; });

    QList<Word> out;
    out.reserve(words.size());
    int block = 0;
    double prevBottom = 0, prevHeight = 0, prevLeft = 0, prevRight = 0;
    int lineIndex = 0;
    for (Line &line : lines) {
        std::stable_sort(line.members.begin(), line.members.end(), [&words](int a, int b) {
            return words.at(a).box.left() < words.at(b).box.left();
        });
        double left = words.at(line.members.front()).box.left(), right = left;
        const qsizetype firstOfLine = out.size();
        for (int idx : line.members) {
            Word w = words.at(idx);
            bool duplicate = false;
            for (qsizetype k = firstOfLine; k < out.size() && !duplicate; ++k)
                duplicate = isDuplicate(out.at(k), w);
            if (duplicate)
                continue;
            right = std::max(right, w.box.right());
            out.append(w);
        }
        const double height = line.bottom - line.top;
        if (lineIndex > 0) {
            const double gap = line.top - prevBottom;
            const bool apart = gap > 1.2 * std::max(height, prevHeight);
            const bool disjoint = left > prevRight || right < prevLeft;
            if (apart || disjoint)
                ++block;
        }
        for (qsizetype k = firstOfLine; k < out.size(); ++k) {
            out[k].line = lineIndex;
            out[k].block = block;
        }
        prevBottom = line.bottom;
        prevHeight = height;
        prevLeft = left;
        prevRight = right;
        ++lineIndex;
    }
    return out;
}

} // namespace docket
