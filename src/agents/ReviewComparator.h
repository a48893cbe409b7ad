#pragma once

#include "core/DocumentSchema.h"
#include "core/Extraction.h"

#include <QStringList>

namespace docket {

// Compares what two engines extracted from the same document, on normalised values, so that
// their disagreement can be a review reason (ReviewInput::disagreements). Only fields both
// engines filled are compared: a value one engine missed is a gap, not a disagreement.
//  - amounts, numbers, weights: equal as exact decimals ("12" = "12.00"; 1041.25 != 1041.26)
//  - dates, currencies: equal as text
//  - identifiers: equal ignoring case, blanks and punctuation ("INV-001" = "inv 001")
//  - text, addresses, countries: equal ignoring case and punctuation, or when one's words
//    are all among the other's ("ACME" vs "ACME Ltd": the same party, read more or less fully)
//  - the table: its name when both have rows and the row counts or the amount (packing lists:
//    gross weight) sums differ.
class ReviewComparator
{
public:
    // Field names in schema order, then the table name.
    static QStringList disagreements(const Extraction &a, const Extraction &b,
                                     const DocumentSchema &schema);
    static bool sameValue(FieldKind kind, const QString &a, const QString &b);
};

} // namespace docket
