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
    Parts = 2,    // subtotal + tax (+ charges, + rounding)
    Tender = 4,   // tendered - change
    Printed = 8,  // a computed value printed elsewhere on the page
    Rounded = 16, // the printed rounding brings the parts to a cash-rounded amount
    // Readings that only confirm another: the subtotal alone (tax may be on top) and what
    // was tendered when no change is printed (it may be a round note).
    SubAlone = 32,
    TenderExact = 64,
};
constexpr int kStrong = Label | Parts | Tender;
constexpr int kWeak = SubAlone | TenderExact;

int bits(int mask)
{
    int n = 0;
    for (; mask; mask &= mask - 1)
        ++n;
    return n;
}

int supportOf(int mask)
{
    const int weak = bits(mask & kWeak);
    return bits(mask & ~kWeak) + ((weak >= 2 || (weak && (mask & kStrong))) ? weak : 0);
}

// Cash rounding steps to 0.05 (or coarser): a rounded total is a multiple of five cents.
bool cashRounded(qint64 cents)
{
    return cents % 5 == 0;
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
    auto add = [&](double v, int s) {
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
    const QList<double> charges = money(in.charges);
    QList<double> rounds = money(in.roundings);
    rounds.removeIf([](double r) { return std::abs(r) >= 0.1; }); // roundings are cents
    // What is paid is the parts plus the rounding when one is printed: the sum before it is
    // the unrounded total. A rounding that makes a sum not yet rounded a multiple of five
    // cents agrees with it.
    auto addRounded = [&](double v, int s) {
        if (rounds.isEmpty())
            add(v, s);
        for (double r : std::as_const(rounds)) {
            const bool agrees = r != 0 && !cashRounded(cents(v)) && cashRounded(cents(v + r));
            add(v + r, s | (agrees ? Rounded : 0));
        }
    };
    // The subtotal may already be what is paid (tax included, or none), or carry a service
    // charge and the tax on top.
    for (double s : subs) {
        addRounded(s, SubAlone);
        QList<double> bases = {s};
        for (double c : charges)
            if (c > 0 && c < s)
                bases.append(s + c);
        for (int i = 0; i < bases.size(); ++i) {
            if (i > 0)
                addRounded(bases.at(i), Parts);
            for (double t : taxes)
                if (t > 0 && t < s)
                    addRounded(bases.at(i) + t, Parts);
        }
    }
    const QList<double> paid = money(in.tendered);
    const QList<double> change = money(in.change);
    for (double p : paid)
        for (double c : change)
            if (c >= 0 && c < p)
                add(p - c, Tender);
    // No change given: what was tendered may be the exact amount ("CASH : 47.70").
    if (change.isEmpty() && in.change.isEmpty())
        for (double p : paid)
            add(p, TenderExact);
    for (auto it = sources.begin(); it != sources.end(); ++it) {
        // A rounding printed but not read: a sum of the parts that is no rounded amount may
        // be the total before the rounding, not what is paid.
        if (in.roundingPrinted && rounds.isEmpty() && !cashRounded(it.key()))
            it.value() &= ~(Parts | SubAlone);
        if (!(it.value() & (Parts | Tender)))
            continue;
        // A computed total printed on a line of its own (its label unread or garbled).
        for (double p : in.printed)
            if (cents(p) == it.key())
                it.value() |= Printed;
        // A total label read without its leading digits ("7.55" for 27.55).
        for (const FieldCandidate &t : in.totals) {
            const qint64 c = cents(t.number);
            if (!t.hasDecimals || c <= 0 || c >= it.key())
                continue;
            qint64 m = 1;
            while (m <= c)
                m *= 10;
            if ((it.key() - c) % m == 0)
                it.value() |= Label;
        }
    }

    Outcome out;
    out.total = best;
    out.support = best.valid() ? supportOf(sources.value(cents(best.number))) : 0;
    out.byRounding = best.valid() && (sources.value(cents(best.number)) & Rounded);
    qint64 pick = 0;
    int pickSupport = out.support;
    for (auto it = sources.cbegin(); it != sources.cend(); ++it) {
        const int n = supportOf(it.value());
        // Another value wins only with more agreeing readings, and at least two of them; of
        // equals, one a label reads, else the larger (it leaves out none of the parts).
        bool better = n > pickSupport;
        if (n == pickSupport && pick != 0) {
            const int label = it.value() & Label, pickLabel = sources.value(pick) & Label;
            better = label > pickLabel || (label == pickLabel && it.key() > pick);
        }
        if (n >= 2 && better) {
            pick = it.key();
            pickSupport = n;
        }
    }
    if (pick == 0 || (best.valid() && cents(best.number) == pick))
        return out;
    out.support = pickSupport;
    out.byRounding = sources.value(pick) & Rounded;
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
