#include "SumReconciler.h"

#include "AmountParser.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace docket {

namespace {

enum Source
{
    Label = 1,
    Parts = 2,  // subtotal + tax (+ rounding)
    Tender = 4, // tendered - change
};

int bits(int mask)
{
    int n = 0;
    for (; mask; mask &= mask - 1)
        ++n;
    return n;
}

// At most this many readings of each part are combined (the best ones come first).
constexpr int kPartsLooked = 3;

} // namespace

qint64 SumReconciler::cents(double value)
{
    return qint64(std::llround(value * 100.0));
}

SumReconciler::Outcome SumReconciler::reconcile(const Input &in, const FieldCandidate &best)
{
    QHash<qint64, int> sources; // cents -> Source bits
    auto add = [&](double v, Source s) {
        if (v > 0)
            sources[cents(v)] |= s;
    };
    for (const FieldCandidate &t : in.totals)
        if (t.hasDecimals || t.number >= 1)
            add(t.number, Label);
    // Only money written with decimals takes part in sums: bare integers are counts and codes.
    auto money = [](const QList<FieldCandidate> &list) {
        QList<double> out;
        for (const FieldCandidate &c : list)
            if (c.hasDecimals && out.size() < kPartsLooked && !out.contains(c.number))
                out.append(c.number);
        return out;
    };
    const QList<double> subs = money(in.subtotals);
    const QList<double> taxes = money(in.taxes);
    QList<double> rounds = money(in.roundings);
    rounds.removeIf([](double r) { return std::abs(r) >= 0.1; }); // roundings are cents
    // What is paid is the parts plus the rounding when one is printed: the sum before it is
    // the unrounded total.
    auto addRounded = [&](double v) {
        if (rounds.isEmpty())
            add(v, Parts);
        for (double r : std::as_const(rounds))
            add(v + r, Parts);
    };
    // The subtotal may already be what is paid (tax included, or none).
    for (double s : subs)
        addRounded(s);
    for (double s : subs)
        for (double t : taxes)
            if (t > 0 && t < s)
                addRounded(s + t);
    const QList<double> paid = money(in.tendered);
    const QList<double> change = money(in.change);
    for (double p : paid)
        for (double c : change)
            if (c >= 0 && c < p)
                add(p - c, Tender);
    // No change given: what was tendered is the exact amount ("CASH : 47.70").
    if (change.isEmpty() && in.change.isEmpty())
        for (double p : paid)
            add(p, Tender);

    Outcome out;
    out.total = best;
    out.support = best.valid() ? bits(sources.value(cents(best.number))) : 0;
    qint64 pick = 0;
    int pickSupport = out.support;
    for (auto it = sources.cbegin(); it != sources.cend(); ++it) {
        const int n = bits(it.value());
        // Another value wins only with more agreeing readings, and at least two of them.
        if (n >= 2 && n > pickSupport) {
            pick = it.key();
            pickSupport = n;
        }
    }
    if (pick == 0 || (best.valid() && cents(best.number) == pick))
        return out;
    out.support = pickSupport;
    // A total label that reads the winning value gives its words; else it was computed.
    for (const FieldCandidate &t : in.totals)
        if (cents(t.number) == pick) {
            out.total = t;
            return out;
        }
    FieldCandidate c = best.valid() ? best : FieldCandidate{};
    c.number = double(pick) / 100.0;
    c.value = AmountParser::money(c.number);
    c.hasDecimals = true;
    c.how = QStringLiteral("sum");
    if (c.raw.isEmpty())
        c.raw = c.value;
    out.total = c;
    out.computed = true;
    return out;
}

} // namespace docket
