#pragma once

#include "AnchorMatcher.h"
#include "DateParser.h"
#include "LayoutIndex.h"
#include "core/DocumentSchema.h"

#include <QList>
#include <QSet>
#include <QString>

namespace docket {

// A possible value of a field, with the evidence for it.
struct FieldCandidate
{
    QString value;          // normalised
    QString raw;            // as printed
    QList<int> words;       // LayoutIndex words it was read from
    double score = 0;       // ranking score (not a probability)
    bool ambiguous = false; // e.g. a date whose day and month may be swapped
    bool hasDecimals = false;
    bool repaired = false; // read after repairing likely OCR digit confusions
    // Read against the page: repaired, or a date whose day/month order contradicts the
    // document's ("04/13/2017" on a day-first receipt is a misread day or month).
    bool doubtful = false;
    double number = 0; // numeric value for amounts and numbers
    QString unit;      // weight unit ("KG", "LB") or currency code printed with an amount
    QString how;       // "right", "below", "layout", "memory" ...
    bool valid() const { return !value.isEmpty(); }
};

// Reads typed values from words: next to a label (right on the same line or below in the
// same column), and parses them by field kind with normalisation.
class ValueReader
{
public:
    ValueReader(const LayoutIndex &index, DateOrder order, const QSet<int> &labelStarts,
                const QSet<int> &labelWords);

    // Parses the value of kind at the start of words (prefix: text glued to a label).
    FieldCandidate parse(FieldKind kind, const QList<int> &words, const QString &prefix = {}) const;
    // Candidates next to a label: to its right, then below it.
    QList<FieldCandidate> readAt(const AnchorHit &hit, FieldKind kind, int anchorCount) const;

    DateOrder dateOrder() const { return m_order; }

private:
    FieldCandidate parseDate(const QList<int> &words, const QString &prefix) const;
    FieldCandidate parseAmount(FieldKind kind, const QList<int> &words,
                               const QString &prefix) const;
    FieldCandidate parseIdentifier(const QList<int> &words, const QString &prefix) const;
    FieldCandidate parseText(const QList<int> &words, const QString &prefix) const;
    FieldCandidate parseCurrency(const QList<int> &words) const;
    // A word of two letters or more that is no currency and no filler ("No.", "#").
    bool startsWithWord(int word) const;
    // A line of a table: a description (two words or more) and two amounts or more.
    bool isItemLine(int row) const;
    // The amount between x0 and x1 on the first total line ("Total", "Summe") below row.
    FieldCandidate columnTotal(int row, double x0, double x1, FieldKind kind) const;
    QList<FieldCandidate> finishCandidates(QList<FieldCandidate> out, FieldKind kind,
                                           int labelWord) const;

    const LayoutIndex &m_index;
    DateOrder m_order;
    QSet<int> m_labelStarts;
    QSet<int> m_labelWords;
};

} // namespace docket
