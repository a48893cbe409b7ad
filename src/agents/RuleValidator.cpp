#include "RuleValidator.h"

#include "RuleCrossChecks.h"
#include "RuleDecimal.h"

#include <QLoggingCategory>
#include <QRegularExpression>

namespace docket {

namespace {

Q_LOGGING_CATEGORY(lcRules, "docket.agents")

bool isIsoDate(const QString &value)
{
    static const QRegularExpression re(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    return re.match(value).hasMatch() && QDate::fromString(value, Qt::ISODate).isValid();
}

bool looksLikeCurrency(const QString &value)
{
    static const QRegularExpression re(QStringLiteral("^[A-Z]{3}$"));
    return re.match(value).hasMatch();
}

bool isTotalField(const QString &name)
{
    return name == QLatin1String("subtotal") || name.startsWith(QLatin1String("total_"));
}

Issue makeIssue(Issue::Severity severity, const QString &code, const QString &field,
                const QString &message)
{
    Issue issue;
    issue.severity = severity;
    issue.code = code;
    issue.field = field;
    issue.message = message;
    return issue;
}

} // namespace

RuleValidator::RuleValidator() = default;

RuleValidator::RuleValidator(QDate today) : m_today(today) {}

QStringList RuleValidator::knownRules()
{
    return {QStringLiteral("line_items_sum_subtotal"), QStringLiteral("subtotal_plus_tax_total"),
            QStringLiteral("quantity_times_price"),    QStringLiteral("due_after_issue"),
            QStringLiteral("plausible_dates"),         QStringLiteral("iso_currency"),
            QStringLiteral("package_weights_sum"),     QStringLiteral("net_not_above_gross")};
}

namespace {

// Format of one value by its kind; appends at most one issue.
void checkFormat(const FieldSpec &spec, const QString &path, const QString &label,
                 const QString &value, QList<Issue> &out)
{
    switch (spec.kind) {
    case FieldKind::Date:
        if (!isIsoDate(value))
            out.append(makeIssue(Issue::Severity::Error, QStringLiteral("bad_date"), path,
                                 RuleValidator::tr("%1 \"%2\" is not a valid date (expected "
                                                   "year-month-day, e.g. 2024-03-31).")
                                     .arg(label, value)));
        break;
    case FieldKind::Amount:
        if (!RuleDecimal::parse(value))
            out.append(makeIssue(Issue::Severity::Error, QStringLiteral("bad_amount"), path,
                                 RuleValidator::tr("%1 \"%2\" is not an amount (expected a "
                                                   "decimal number such as 1041.25).")
                                     .arg(label, value)));
        break;
    case FieldKind::Number:
    case FieldKind::Weight:
        if (!RuleDecimal::parse(value))
            out.append(
                makeIssue(Issue::Severity::Error, QStringLiteral("bad_number"), path,
                          RuleValidator::tr("%1 \"%2\" is not a number.").arg(label, value)));
        break;
    case FieldKind::Currency:
        if (!looksLikeCurrency(value))
            out.append(makeIssue(Issue::Severity::Error, QStringLiteral("bad_currency"), path,
                                 RuleValidator::tr("%1 \"%2\" is not an ISO 4217 currency code "
                                                   "(three capital letters such as EUR).")
                                     .arg(label, value)));
        break;
    default:
        break;
    }
}

} // namespace

ValidationReport RuleValidator::validate(const Extraction &extraction,
                                         const DocumentSchema &schema) const
{
    ValidationReport report;
    QList<Issue> &out = report.issues;

    for (const FieldSpec &spec : schema.fields)
        if (spec.required && extraction.value(spec.name).trimmed().isEmpty())
            out.append(makeIssue(Issue::Severity::Error, QStringLiteral("required_missing"),
                                 spec.name,
                                 tr("%1 is required but was not found.").arg(spec.label)));

    for (const FieldSpec &spec : schema.fields) {
        const QString value = extraction.value(spec.name).trimmed();
        if (value.isEmpty())
            continue;
        checkFormat(spec, spec.name, spec.label, value, out);
        if (isTotalField(spec.name)) {
            const auto number = RuleDecimal::parse(value);
            if (number && number->isNegative())
                out.append(makeIssue(Issue::Severity::Warning, QStringLiteral("negative_total"),
                                     spec.name,
                                     tr("%1 is negative (%2): a credit note, or a misread sign?")
                                         .arg(spec.label, value)));
        }
    }

    const QString table = schema.tableName.isEmpty() ? extraction.tableName : schema.tableName;
    for (int row = 0; row < extraction.lineItems.size(); ++row) {
        const LineItem &item = extraction.lineItems.at(row);
        for (const FieldSpec &spec : schema.columns) {
            const QString value = item.value(spec.name).trimmed();
            if (value.isEmpty())
                continue;
            const QString path = QStringLiteral("%1[%2].%3").arg(table).arg(row).arg(spec.name);
            const QString label = tr("Row %1: %2").arg(row + 1).arg(spec.label);
            checkFormat(spec, path, label, value, out);
        }
    }

    const QDate today = m_today.isValid() ? m_today : QDate::currentDate();
    RuleCrossChecks checks(extraction, schema, today, out);
    for (const QString &rule : schema.rules)
        if (!checks.run(rule))
            qCWarning(lcRules) << "schema" << schema.name << "names an unknown rule" << rule;
    return report;
}

} // namespace docket
