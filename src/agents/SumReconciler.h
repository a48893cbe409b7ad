#pragma once

#include "ValueReader.h"

#include <QList>

namespace docket {

// Makes a document's sums agree. A total can be read at its label, computed as subtotal +
// tax (+ a rounding), or as what was tendered minus the change; OCR misreads a digit of one
// of them far more often than it misreads two of them the same way. The value most of these
// independent readings agree on wins; its support (how many of them agree) makes the
// confidence.
class SumReconciler
{
public:
    struct Input
    {
        QList<FieldCandidate> totals; // read at total labels
        QList<FieldCandidate> subtotals;
        QList<FieldCandidate> taxes;
        QList<FieldCandidate> roundings;
        QList<FieldCandidate> tendered; // cash, card, amount paid
        QList<FieldCandidate> change;
    };
    struct Outcome
    {
        FieldCandidate total;  // invalid when nothing was found
        int support = 0;       // independent readings (label, subtotal + tax, tendered - change)
        bool computed = false; // the value was computed, not read at a total label
    };

    // best: the total the label rules chose (may be invalid).
    static Outcome reconcile(const Input &input, const FieldCandidate &best);

    // Cents of an amount, for exact comparison.
    static qint64 cents(double value);
};

} // namespace docket
