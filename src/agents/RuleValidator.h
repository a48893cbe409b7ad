#pragma once

#include "Validator.h"

#include <QCoreApplication>
#include <QDate>
#include <QStringList>

namespace docket {

// The offline validator: schema-driven checks on normalised values.
//  - required fields (FieldSpec::required)                         error required_missing
//  - formats by FieldKind: dates (YYYY-MM-DD)                      error bad_date
//    amounts, numbers and weights parse as decimals                error bad_amount / bad_number
//    currency codes look like ISO 4217 (three capitals)            error bad_currency
//    a negative total (a credit note, or a misread minus)          warning negative_total
//  - the cross-field rules a schema names in DocumentSchema::rules (see RuleCrossChecks):
//    line_items_sum_subtotal, subtotal_plus_tax_total, quantity_times_price, due_after_issue,
//    plausible_dates, iso_currency, package_weights_sum, net_not_above_gross.
// Arithmetic is exact (RuleDecimal). Messages are translated and name the numbers involved.
// Stateless after construction: one instance may serve several threads.
class RuleValidator : public Validator
{
    Q_DECLARE_TR_FUNCTIONS(RuleValidator)
public:
    RuleValidator();
    // Measures date plausibility from a fixed day instead of today (tests).
    explicit RuleValidator(QDate today);

    ValidationReport validate(const Extraction &extraction,
                              const DocumentSchema &schema) const override;

    // The rule names this validator implements (others are ignored with a log line).
    static QStringList knownRules();

private:
    QDate m_today;
};

} // namespace docket
