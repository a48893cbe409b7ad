#pragma once

#include "AnchorMatcher.h"
#include "SumReconciler.h"
#include "ValueReader.h"
#include "core/DocumentSchema.h"

#include <QHash>
#include <QList>

namespace docket {

class LayoutIndex;

// Reads the sums at the foot of a document for SumReconciler: which total labels are
// subtotals, which totals belong to a tax summary table, the payment lines (rounding, cash
// tendered, change, service charge), the amounts printed elsewhere, and a gross total
// before deductions.
class SumReader
{
public:
    SumReader(const LayoutIndex &index, const ValueReader &reader);

    // A total label right after "Sub" ("Sub Total(RM)" read as "Sub" + "Total(RM)") or on a
    // line that says the tax is left out ("Total Sales (Excluding GST)") becomes the
    // subtotal's.
    static void rerouteSubtotals(const LayoutIndex &index, const DocumentSchema &schema,
                                 QHash<QString, QList<AnchorHit>> &hits);
    // Top of the first tax summary table of a page ("GST SUMMARY", "VAT summary"), below
    // which totals are the table's, not the document's; -1 when the page has none.
    static double taxSummaryTop(const LayoutIndex &index, int page);
    // Candidates, best score first.
    static QList<FieldCandidate> byScore(QList<FieldCandidate> list);

    // The reconciler's readings: the label candidates of total_amount, subtotal and
    // tax_amount, and the payment lines of the page.
    SumReconciler::Input input(const QHash<QString, QList<FieldCandidate>> &cands) const;
    // Amounts with decimals printed on rows none of the given readings came from.
    QList<double> printedElsewhere(const QList<const QList<FieldCandidate> *> &readings) const;
    // A total label larger than net by a deduction printed on the page (commission,
    // discount: "Total $65.00", "Agency Commission $9.75", "Net Amount Due $55.25"); invalid
    // when there is none.
    FieldCandidate grossBeforeDeduction(const QList<FieldCandidate> &totals, double net) const;

private:
    const LayoutIndex &m_index;
    const ValueReader &m_reader;
};

} // namespace docket
