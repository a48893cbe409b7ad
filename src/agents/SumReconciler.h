#pragma once

#include "ValueReader.h"

#include <QList>

namespace docket {

// Makes a document's sums agree. A total can be read at its label, computed as subtotal +
// tax (+ a rounding), or as what was tendered minus the change; OCR misreads a digit of one
// of them far more often than it misreads two of them the same way. The value most of these
// independent readings agree on wins; its support (how many of them agree) makes the
// confidence. A computed value gains a reading when it is printed elsewhere on the page or
// when the printed rounding brings the parts exactly to a cash-rounded amount; a total label
// read without its leading digits ("7.55" for 27.55) counts for the value it ends.
class SumReconciler
{
public:
    struct Input
    {
        QList<FieldCandidate> totals; // read at total labels
        QList<FieldCandidate> subtotals;
        QList<FieldCandidate> taxes;
        QList<FieldCandidate> roundings;
        bool roundingPrinted = false;   // a rounding label is on the page (its value may be unread)
        QList<FieldCandidate> tendered; // cash, card, amount paid
        QList<FieldCandidate> change;
        QList<FieldCandidate> charges; // service charges added to the subtotal
        // Amounts with decimals printed on lines none of the readings above came from (an
        // unlabelled or badly read total line repeats a computed total).
        QList<double> printed;
    };
    struct Outcome
    {
        FieldCandidate total;    // invalid when nothing was found
        int support = 0;         // independent readings (label, subtotal + tax, tendered - change)
        bool computed = false;   // the value was computed, not read at a total label
        bool byRounding = false; // support counts a rounding that agrees with the parts
    };

    // best: the total the label rules chose (may be invalid).
    static Outcome reconcile(const Input &input, const FieldCandidate &best);

    // Cents of an amount, for exact comparison.
    static qint64 cents(double value);
};

} // namespace docket
