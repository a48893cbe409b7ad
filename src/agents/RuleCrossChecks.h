#pragma once

#include "RuleDecimal.h"
#include "core/DocumentSchema.h"
#include "core/Extraction.h"
#include "core/Issue.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>

#include <optional>

namespace docket {

// The cross-field rules of RuleValidator, one method per rule name of DocumentSchema::rules.
//
//  rule                      issues (E error, W warning) on field
//  line_items_sum_subtotal   E sum_mismatch            subtotal (total_amount without one)
//  subtotal_plus_tax_total   E total_mismatch          total_amount
//                            W tax_included            tax_amount (subtotal = total)
//  quantity_times_price      E amount_mismatch         line_items[i].amount
//  due_after_issue           E due_before_issue        due_date
//  plausible_dates           W implausible_date        the date (before 1990, > 1 year ahead)
//  iso_currency              E bad_currency            currency (not on the ISO 4217 list)
//                            W withdrawn_currency      currency (HRK, ANG, ...)
//  package_weights_sum       E weight_mismatch         total_gross_weight / total_net_weight
//                            W package_count_mismatch  total_packages
//  net_not_above_gross       E net_above_gross         total_net_weight, packages[i].net_weight
//
// Tolerance. A document prints rounded values: each printed term may be off from the value
// its author computed with by half a unit of its last printed decimal (amounts: at most half a
// cent, 0.005, since money is printed at least to cents). A sum or product of printed values
// can therefore differ from a printed result by at most the sum of those half-units, and we
// accept exactly that, but never less than one cent (kMinTolerance), the smallest step of
// most currencies. Example: three line items and a subtotal, all printed to cents, tolerate
// 4 x 0.005 = 0.02; quantity 300 x unit price 0.33 tolerates 300 x 0.005 + 0.005 = 1.505.
// A relative slack (say 0.5%) is deliberately not used: it would accept a misread digit
// (1046.25 printed as 1041.25 is 0.48% off), the very error these rules exist to catch.
// The one exception is cash rounding of a total (see cashRounded()).
class RuleCrossChecks
{
    Q_DECLARE_TR_FUNCTIONS(RuleValidator)
public:
    static constexpr qint64 kMinToleranceUnits = RuleDecimal::kOne / 100; // 0.01
    static constexpr int kMoneyDecimals = 2; // money is printed at least to cents
    static constexpr int kEarliestPlausibleYear = 1990;

    RuleCrossChecks(const Extraction &extraction, const DocumentSchema &schema, QDate today,
                    QList<Issue> &out);

    // Runs the rule of that name; false when the name is unknown.
    bool run(const QString &rule);

    void lineItemsSumSubtotal();
    void subtotalPlusTaxTotal();
    void quantityTimesPrice();
    void dueAfterIssue();
    void plausibleDates();
    void isoCurrency();
    void packageWeightsSum();
    void netNotAboveGross();

    // max(0.01, sum of the rounding each printed term can carry).
    static RuleDecimal tolerance(const QList<RuleDecimal> &terms, int minDecimals);
    static bool within(const RuleDecimal &a, const RuleDecimal &b, const RuleDecimal &tolerance);
    // A total that is a multiple of 0.05 (or 0.10) and within half that step of the computed
    // value: cash rounding, printed as a "rounding adjustment" line or not at all.
    static bool cashRounded(const RuleDecimal &computed, const RuleDecimal &total);

private:
    std::optional<RuleDecimal> number(const QString &field) const;
    std::optional<RuleDecimal> cell(int row, const QString &column) const;
    QString tableName() const;
    QString cellPath(int row, const QString &column) const;
    void add(Issue::Severity severity, const QString &code, const QString &field,
             const QString &message);
    void checkWeightSum(const QString &column, const QString &totalField);
    void checkDate(const QString &path, const QString &label, const QString &value);

    const Extraction &m_extraction;
    const DocumentSchema &m_schema;
    QDate m_today;
    QList<Issue> &m_out;
};

} // namespace docket
