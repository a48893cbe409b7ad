#pragma once

#include "CurrencyParser.h"
#include "ValueReader.h"
#include "core/DocumentSchema.h"
#include "core/Extraction.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>

namespace docket {

class LayoutIndex;

// Values of fields that no label gave, by the field's kind: the currency of the document,
// the first date (one printed with a time wins), the number under the title, the subtotal
// as the total less its tax, the total as a lone subtotal, the largest amount, the title.
// Each is less certain than a labelled reading and gets a lower confidence.
class FieldFallbacks
{
public:
    // Sets a field read from words (updates the words taken by fields).
    using Setter =
        std::function<void(const QString &name, const FieldCandidate &cand, double confidence)>;

    struct Outcome
    {
        bool derivedSubtotal = false; // the subtotal was computed, not read
        QSet<QString> guessedOrder;   // dates whose day/month order (or a digit) was a guess
    };

    FieldFallbacks(const LayoutIndex &index, const DocumentSchema &schema,
                   const ValueReader &reader);

    // Fills the fields of out that are still empty. fieldWords: the words each field was read
    // from, kept up to date by set.
    Outcome apply(Extraction &out, const CurrencyGuess &currency, bool orderProven,
                  const QHash<QString, QList<int>> &fieldWords, const Setter &set) const;

    // total_amount and total_* fields (what is paid, gross weights ...).
    static bool isTotalField(const QString &name);

    // A document number written as "# 1042" right of or under the document's title.
    FieldCandidate numberAtTitle() const;
    // The first date of the first page that no field took; one printed with a time wins.
    FieldCandidate firstDate(const QSet<int> &taken) const;
    // The largest amount with decimals on the last page, outside payment lines.
    FieldCandidate largestAmount() const;
    // The document's title: a schema title on the first page, else the largest text on top.
    FieldCandidate title() const;

private:
    const LayoutIndex &m_index;
    const DocumentSchema &m_schema;
    const ValueReader &m_reader;
};

} // namespace docket
