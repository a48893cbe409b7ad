#include "RuleCrossChecks.h"

#include "RuleCurrencies.h"

#include <QRegularExpression>

namespace docket {

namespace {

const QString kSubtotal = QStringLiteral("subtotal");
const QString kTax = QStringLiteral("tax_amount");
const QString kTotal = QStringLiteral("total_amount");
const QString kAmount = QStringLiteral("amount");
const QString kQuantity = QStringLiteral("quantity");
const QString kUnitPrice = QStringLiteral("unit_price");

QString money(const RuleDecimal &d)
{
    return d.toString(RuleCrossChecks::kMoneyDecimals);
}

QString plain(const RuleDecimal &d)
{
    return d.toString(0);
}

} // namespace

RuleCrossChecks::RuleCrossChecks(const Extraction &extraction, const DocumentSchema &schema,
                                 QDate today, QList<Issue> &out)
    : m_extraction(extraction), m_schema(schema), m_today(today), m_out(out)
{}

bool RuleCrossChecks::run(const QString &rule)
{
    using Check = void (RuleCrossChecks::*)();
    static const QList<QPair<QString, Check>> kRules = {
        {QStringLiteral("line_items_sum_subtotal"), &RuleCrossChecks::lineItemsSumSubtotal},
        {QStringLiteral("subtotal_plus_tax_total"), &RuleCrossChecks::subtotalPlusTaxTotal},
        {QStringLiteral("quantity_times_price"), &RuleCrossChecks::quantityTimesPrice},
        {QStringLiteral("due_after_issue"), &RuleCrossChecks::dueAfterIssue},
        {QStringLiteral("plausible_dates"), &RuleCrossChecks::plausibleDates},
        {QStringLiteral("iso_currency"), &RuleCrossChecks::isoCurrency},
        {QStringLiteral("package_weights_sum"), &RuleCrossChecks::packageWeightsSum},
        {QStringLiteral("net_not_above_gross"), &RuleCrossChecks::netNotAboveGross},
    };
    for (const auto &entry : kRules) {
        if (entry.first == rule) {
            (this->*entry.second)();
            return true;
        }
    }
    return false;
}

RuleDecimal RuleCrossChecks::tolerance(const QList<RuleDecimal> &terms, int minDecimals)
{
    RuleDecimal sum;
    for (const RuleDecimal &t : terms)
        sum = sum + t.halfUlp(minDecimals);
    const RuleDecimal floor = RuleDecimal::fromUnits(kMinToleranceUnits, 2);
    return sum > floor ? sum : floor;
}

bool RuleCrossChecks::cashRounded(const RuleDecimal &computed, const RuleDecimal &total)
{
    // Totals rounded to 0.05 (Malaysia, Switzerland, Canada's cash payments...) or 0.10
    // (New Zealand...): a rounding adjustment of at most half a step.
    for (const qint64 step : {RuleDecimal::kOne / 20, RuleDecimal::kOne / 10}) {
        if (total.units() % step != 0)
            continue;
        if ((computed - total).abs() <= RuleDecimal::fromUnits(step / 2))
            return true;
    }
    return false;
}

bool RuleCrossChecks::within(const RuleDecimal &a, const RuleDecimal &b,
                             const RuleDecimal &tolerance)
{
    return (a - b).abs() <= tolerance;
}

std::optional<RuleDecimal> RuleCrossChecks::number(const QString &field) const
{
    return RuleDecimal::parse(m_extraction.value(field));
}

std::optional<RuleDecimal> RuleCrossChecks::cell(int row, const QString &column) const
{
    return RuleDecimal::parse(m_extraction.lineItems.at(row).value(column));
}

QString RuleCrossChecks::tableName() const
{
    return m_schema.tableName.isEmpty() ? m_extraction.tableName : m_schema.tableName;
}

QString RuleCrossChecks::cellPath(int row, const QString &column) const
{
    return QStringLiteral("%1[%2].%3").arg(tableName()).arg(row).arg(column);
}

void RuleCrossChecks::add(Issue::Severity severity, const QString &code, const QString &field,
                          const QString &message)
{
    Issue issue;
    issue.severity = severity;
    issue.code = code;
    issue.field = field;
    issue.message = message;
    m_out.append(issue);
}

// Line amounts sum to the subtotal, or to the total when there is no subtotal. A row without
// an amount but with quantity and unit price counts as their product; rows with neither
// (headings, notes) are skipped. Gross line amounts (summing to the total while subtotal plus
// tax makes the total) are accepted too.
void RuleCrossChecks::lineItemsSumSubtotal()
{
    RuleDecimal sum;
    RuleDecimal slack; // rounding the terms may carry
    int rows = 0;
    for (int row = 0; row < m_extraction.lineItems.size(); ++row) {
        if (m_extraction.lineItems.at(row).value(kAmount).trimmed().isEmpty()) {
            const auto q = cell(row, kQuantity);
            const auto p = cell(row, kUnitPrice);
            const auto product = q && p ? q->multiplied(*p) : std::nullopt;
            if (!product)
                continue;
            sum = sum + *product;
            const auto priceSlack = q->multiplied(p->halfUlp(kMoneyDecimals));
            slack = slack + (priceSlack ? priceSlack->abs() : RuleDecimal()) +
                    RuleDecimal::fromUnits(RuleDecimal::kOne / 200);
            ++rows;
            continue;
        }
        const auto amount = cell(row, kAmount);
        if (!amount)
            return; // a bad amount is reported by the format check; the sum is unknowable
        sum = sum + *amount;
        slack = slack + amount->halfUlp(kMoneyDecimals);
        ++rows;
    }
    if (rows == 0)
        return;

    const auto subtotal = number(kSubtotal);
    const auto tax = number(kTax);
    const auto total = number(kTotal);
    const auto tol = [&](const RuleDecimal &target) {
        const RuleDecimal t = slack + target.halfUlp(kMoneyDecimals);
        const RuleDecimal floor = RuleDecimal::fromUnits(kMinToleranceUnits, 2);
        return t > floor ? t : floor;
    };

    if (!m_extraction.value(kSubtotal).trimmed().isEmpty()) {
        if (!subtotal)
            return;
        if (within(sum, *subtotal, tol(*subtotal)))
            return;
        if (total && tax && within(sum, *total, tol(*total)) &&
            within(*subtotal + *tax, *total, tolerance({*subtotal, *tax, *total}, 2)))
            return; // gross line amounts
        add(Issue::Severity::Error, QStringLiteral("sum_mismatch"), kSubtotal,
            tr("line items sum to %1 but subtotal is %2").arg(money(sum), money(*subtotal)));
        return;
    }
    if (!total)
        return;
    if (within(sum, *total, tol(*total)) || cashRounded(sum, *total))
        return;
    if (tax) {
        const RuleDecimal withTax = sum + *tax;
        if (within(withTax, *total, tol(*total) + tax->halfUlp(kMoneyDecimals)) ||
            cashRounded(withTax, *total))
            return;
        add(Issue::Severity::Error, QStringLiteral("sum_mismatch"), kTotal,
            tr("line items sum to %1 (%2 with tax %3) but total is %4")
                .arg(money(sum), money(withTax), money(*tax), money(*total)));
        return;
    }
    add(Issue::Severity::Error, QStringLiteral("sum_mismatch"), kTotal,
        tr("line items sum to %1 but total is %2").arg(money(sum), money(*total)));
}

// subtotal + tax = total, or subtotal = total with the tax included in it (a warning).
// Without a tax amount nothing can be said (it may not have been read).
void RuleCrossChecks::subtotalPlusTaxTotal()
{
    const auto subtotal = number(kSubtotal);
    const auto tax = number(kTax);
    const auto total = number(kTotal);
    if (!subtotal || !tax || !total)
        return;
    const RuleDecimal expected = *subtotal + *tax;
    if (within(expected, *total, tolerance({*subtotal, *tax, *total}, kMoneyDecimals)) ||
        cashRounded(expected, *total))
        return;
    if (!tax->isNegative() && *tax < total->abs() &&
        within(*subtotal, *total, tolerance({*subtotal, *total}, kMoneyDecimals))) {
        // Prices including tax (common on European invoices and receipts): the tax line
        // says how much of the total is tax. Worth a look, not an error.
        add(Issue::Severity::Warning, QStringLiteral("tax_included"), kTax,
            tr("subtotal equals total (%1): tax %2 is taken as included in it")
                .arg(money(*total), money(*tax)));
        return;
    }
    add(Issue::Severity::Error, QStringLiteral("total_mismatch"), kTotal,
        tr("subtotal %1 plus tax %2 is %3 but total is %4")
            .arg(money(*subtotal), money(*tax), money(expected), money(*total)));
}

// quantity x unit price = amount on every row that has all three.
void RuleCrossChecks::quantityTimesPrice()
{
    for (int row = 0; row < m_extraction.lineItems.size(); ++row) {
        const auto q = cell(row, kQuantity);
        const auto p = cell(row, kUnitPrice);
        const auto a = cell(row, kAmount);
        if (!q || !p || !a)
            continue;
        const auto expected = q->multiplied(*p);
        const auto priceSlack = q->multiplied(p->halfUlp(kMoneyDecimals));
        if (!expected || !priceSlack)
            continue;
        RuleDecimal tol = priceSlack->abs() + a->halfUlp(kMoneyDecimals);
        const RuleDecimal floor = RuleDecimal::fromUnits(kMinToleranceUnits, 2);
        if (tol < floor)
            tol = floor;
        if (within(*expected, *a, tol))
            continue;
        add(Issue::Severity::Error, QStringLiteral("amount_mismatch"), cellPath(row, kAmount),
            tr("row %1: quantity %2 × unit price %3 is %4 but amount is %5")
                .arg(row + 1)
                .arg(plain(*q), money(*p), money(*expected), money(*a)));
    }
}

// The due date is not before the invoice date.
void RuleCrossChecks::dueAfterIssue()
{
    const QDate due =
        QDate::fromString(m_extraction.value(QStringLiteral("due_date")), Qt::ISODate);
    QString issueField = QStringLiteral("invoice_date");
    if (!m_schema.field(issueField)) {
        for (const FieldSpec &spec : m_schema.fields)
            if (spec.kind == FieldKind::Date && spec.name != QLatin1String("due_date")) {
                issueField = spec.name;
                break;
            }
    }
    const QDate issued = QDate::fromString(m_extraction.value(issueField), Qt::ISODate);
    if (!due.isValid() || !issued.isValid() || due >= issued)
        return;
    add(Issue::Severity::Error, QStringLiteral("due_before_issue"), QStringLiteral("due_date"),
        tr("due date %1 is %2 days before the document date %3")
            .arg(due.toString(Qt::ISODate))
            .arg(due.daysTo(issued))
            .arg(issued.toString(Qt::ISODate)));
}

void RuleCrossChecks::checkDate(const QString &path, const QString &label, const QString &value)
{
    const QDate date = QDate::fromString(value.trimmed(), Qt::ISODate);
    if (!date.isValid())
        return; // reported as bad_date
    if (date.year() < kEarliestPlausibleYear) {
        add(Issue::Severity::Warning, QStringLiteral("implausible_date"), path,
            tr("%1 %2 is implausible: it is before %3.")
                .arg(label, date.toString(Qt::ISODate))
                .arg(kEarliestPlausibleYear));
        return;
    }
    const QDate latest = m_today.addYears(1);
    if (date > latest)
        add(Issue::Severity::Warning, QStringLiteral("implausible_date"), path,
            tr("%1 %2 is implausible: it is %3 days after today (%4), more than a year ahead.")
                .arg(label, date.toString(Qt::ISODate))
                .arg(m_today.daysTo(date))
                .arg(m_today.toString(Qt::ISODate)));
}

// Dates are not before 1990 and not more than a year in the future.
void RuleCrossChecks::plausibleDates()
{
    for (const FieldSpec &spec : m_schema.fields)
        if (spec.kind == FieldKind::Date && m_extraction.has(spec.name))
            checkDate(spec.name, spec.label, m_extraction.value(spec.name));
    for (int row = 0; row < m_extraction.lineItems.size(); ++row)
        for (const FieldSpec &spec : m_schema.columns)
            if (spec.kind == FieldKind::Date &&
                !m_extraction.lineItems.at(row).value(spec.name).isEmpty())
                checkDate(cellPath(row, spec.name), tr("Row %1: %2").arg(row + 1).arg(spec.label),
                          m_extraction.lineItems.at(row).value(spec.name));
}

// Currency fields hold an active ISO 4217 code (a recently withdrawn one only warns).
void RuleCrossChecks::isoCurrency()
{
    static const QRegularExpression shape(QStringLiteral("^[A-Z]{3}$"));
    for (const FieldSpec &spec : m_schema.fields) {
        if (spec.kind != FieldKind::Currency)
            continue;
        const QString code = m_extraction.value(spec.name).trimmed();
        if (code.isEmpty() || !shape.match(code).hasMatch() || RuleCurrencies::isActive(code))
            continue; // empty and malformed values are reported by the other checks
        if (RuleCurrencies::isWithdrawn(code))
            add(Issue::Severity::Warning, QStringLiteral("withdrawn_currency"), spec.name,
                tr("%1 is a withdrawn currency code: right only on an older document.").arg(code));
        else
            add(Issue::Severity::Error, QStringLiteral("bad_currency"), spec.name,
                tr("%1 is not an ISO 4217 currency code.").arg(code));
    }
}

void RuleCrossChecks::checkWeightSum(const QString &column, const QString &totalField)
{
    const auto total = number(totalField);
    if (!total)
        return;
    RuleDecimal sum;
    RuleDecimal perPackage; // count x weight, for lists that print per-package weights
    RuleDecimal perPackageSlack = total->halfUlp(0);
    QList<RuleDecimal> terms{*total};
    int rows = 0;
    for (int row = 0; row < m_extraction.lineItems.size(); ++row) {
        if (m_extraction.lineItems.at(row).value(column).trimmed().isEmpty())
            continue;
        const auto weight = cell(row, column);
        if (!weight)
            return; // reported as bad_number
        sum = sum + *weight;
        terms.append(*weight);
        const auto count = cell(row, QStringLiteral("package_count"));
        const RuleDecimal n = count && !count->isNegative() && !count->isZero()
                                  ? *count
                                  : RuleDecimal::fromInteger(1);
        const auto product = n.multiplied(*weight);
        const auto productSlack = n.multiplied(weight->halfUlp(0));
        if (product && productSlack) {
            perPackage = perPackage + *product;
            perPackageSlack = perPackageSlack + *productSlack;
        }
        ++rows;
    }
    if (rows == 0 || within(sum, *total, tolerance(terms, 0)))
        return;
    const RuleDecimal floor = RuleDecimal::fromUnits(kMinToleranceUnits, 2);
    if (within(perPackage, *total, perPackageSlack > floor ? perPackageSlack : floor))
        return;
    const FieldSpec *spec = m_schema.field(totalField);
    const FieldSpec *col = m_schema.column(column);
    add(Issue::Severity::Error, QStringLiteral("weight_mismatch"), totalField,
        tr("package %1 values sum to %2 but %3 is %4")
            .arg(col ? col->label.toLower() : column, plain(sum),
                 spec ? spec->label.toLower() : totalField, plain(*total)));
}

// Package gross and net weights sum to the totals; package counts to the total packages.
void RuleCrossChecks::packageWeightsSum()
{
    checkWeightSum(QStringLiteral("gross_weight"), QStringLiteral("total_gross_weight"));
    checkWeightSum(QStringLiteral("net_weight"), QStringLiteral("total_net_weight"));

    const auto totalPackages = number(QStringLiteral("total_packages"));
    if (!totalPackages)
        return;
    RuleDecimal count;
    int rows = 0;
    for (int row = 0; row < m_extraction.lineItems.size(); ++row) {
        const auto n = cell(row, QStringLiteral("package_count"));
        if (!n)
            return; // counts not printed on every row: nothing to compare
        count = count + *n;
        ++rows;
    }
    if (rows > 0 && count != *totalPackages)
        add(Issue::Severity::Warning, QStringLiteral("package_count_mismatch"),
            QStringLiteral("total_packages"),
            tr("package counts sum to %1 but total packages is %2")
                .arg(plain(count), plain(*totalPackages)));
}

// Net weight is never above gross weight, in total and per package.
void RuleCrossChecks::netNotAboveGross()
{
    const auto gross = number(QStringLiteral("total_gross_weight"));
    const auto net = number(QStringLiteral("total_net_weight"));
    if (gross && net && *net > *gross)
        add(Issue::Severity::Error, QStringLiteral("net_above_gross"),
            QStringLiteral("total_net_weight"),
            tr("total net weight %1 is above total gross weight %2")
                .arg(plain(*net), plain(*gross)));
    for (int row = 0; row < m_extraction.lineItems.size(); ++row) {
        const auto g = cell(row, QStringLiteral("gross_weight"));
        const auto n = cell(row, QStringLiteral("net_weight"));
        if (g && n && *n > *g)
            add(Issue::Severity::Error, QStringLiteral("net_above_gross"),
                cellPath(row, QStringLiteral("net_weight")),
                tr("row %1: net weight %2 is above gross weight %3")
                    .arg(row + 1)
                    .arg(plain(*n), plain(*g)));
    }
}

} // namespace docket
