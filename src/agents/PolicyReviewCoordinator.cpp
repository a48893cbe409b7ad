#include "PolicyReviewCoordinator.h"

#include "RuleCurrencies.h"
#include "RuleDecimal.h"

#include <algorithm>

namespace docket {

namespace {

Priority raised(Priority p)
{
    return p == Priority::Low      ? Priority::Normal
           : p == Priority::Normal ? Priority::High
                                   : Priority::Urgent;
}

Priority lowered(Priority p)
{
    return p == Priority::Urgent ? Priority::High
           : p == Priority::High ? Priority::Normal
                                 : Priority::Low;
}

// Fields in the schema's order first, then any others alphabetically.
QStringList inSchemaOrder(QStringList names, const DocumentSchema *schema)
{
    names.removeDuplicates();
    const auto rank = [schema](const QString &name) {
        if (schema)
            for (int i = 0; i < schema->fields.size(); ++i)
                if (schema->fields.at(i).name == name)
                    return i;
        return int(schema ? schema->fields.size() : 0);
    };
    std::stable_sort(names.begin(), names.end(), [&](const QString &a, const QString &b) {
        const int ra = rank(a);
        const int rb = rank(b);
        return ra != rb ? ra < rb : a < b;
    });
    return names;
}

void unusualDocument(const DocumentContent &content, const ReviewPolicy &policy,
                     QStringList &reasons)
{
    if (content.pages.size() > policy.maxPages)
        reasons.append(QStringLiteral("too_many_pages"));
    for (const Page &page : content.pages)
        if (page.rotation % 360 != 0) {
            reasons.append(QStringLiteral("rotated_page"));
            break;
        }
    qint64 words = 0;
    qint64 ocrWords = 0;
    double ocrConfidence = 0;
    for (const Page &page : content.pages) {
        words += page.words.size();
        if (page.source != TextSource::Ocr)
            continue;
        for (const Word &w : page.words) {
            ++ocrWords;
            ocrConfidence += w.confidence;
        }
    }
    if (words == 0) {
        reasons.append(QStringLiteral("no_text"));
        return;
    }
    // The language, roughly: the rules, anchors and OCR are made for Latin-script documents.
    qint64 letters = 0;
    qint64 latin = 0;
    for (const Page &page : content.pages)
        for (const Word &w : page.words)
            for (const QChar c : w.text)
                if (c.isLetter()) {
                    ++letters;
                    latin += c.script() == QChar::Script_Latin ? 1 : 0;
                }
    if (letters >= PolicyReviewCoordinator::kMinLettersForScript &&
        double(latin) < PolicyReviewCoordinator::kLatinShare * double(letters))
        reasons.append(QStringLiteral("unusual_script"));
    if (ocrWords >= PolicyReviewCoordinator::kOcrShare * double(words) &&
        ocrConfidence / double(ocrWords) < PolicyReviewCoordinator::kOcrConfidenceThreshold)
        reasons.append(QStringLiteral("low_ocr_confidence"));
}

} // namespace

PolicyReviewCoordinator::PolicyReviewCoordinator(ReviewPolicy policy) : m_policy(policy) {}

Priority PolicyReviewCoordinator::amountPriority(const QString &totalAmount,
                                                 const QString &currency)
{
    const auto amount = RuleDecimal::parse(totalAmount);
    if (!amount)
        return Priority::Normal;
    const auto rate = RuleCurrencies::roughUsdValue(currency.trimmed().toUpper());
    const auto usd = amount->abs().multiplied(rate.value_or(RuleDecimal::fromInteger(1)));
    if (!usd || *usd >= RuleDecimal::fromInteger(kUrgentAmountUsd))
        return Priority::Urgent; // an overflow is an enormous amount
    if (*usd >= RuleDecimal::fromInteger(kHighAmountUsd))
        return Priority::High;
    return Priority::Normal;
}

ReviewDecision PolicyReviewCoordinator::decide(const ReviewInput &input) const
{
    ReviewDecision decision;
    QStringList &reasons = decision.reasons;
    const DocumentSchema *schema = input.schema;
    const Extraction *extraction = input.extraction;

    if (!extraction) {
        reasons.append(QStringLiteral("no_extraction"));
        decision.required = true;
        decision.priority = Priority::Normal;
        return decision;
    }

    const QString type =
        extraction->documentType.isEmpty() && schema ? schema->name : extraction->documentType;
    if (type.isEmpty() || type == QLatin1String("other"))
        reasons.append(QStringLiteral("type_other"));
    else if (!(extraction->typeConfidence >= m_policy.typeThreshold)) // NaN is not confident
        reasons.append(QStringLiteral("low_type_confidence"));

    if (schema) {
        for (const FieldSpec &spec : schema->fields)
            if (spec.required && extraction->value(spec.name).trimmed().isEmpty())
                reasons.append(QStringLiteral("required_missing:") + spec.name);
        for (const FieldSpec &spec : schema->fields) {
            const Field field = extraction->fields.value(spec.name);
            if (!field.value.trimmed().isEmpty() && !(field.confidence >= m_policy.fieldThreshold))
                reasons.append(QStringLiteral("low_confidence:") + spec.name);
        }
    } else {
        for (const Field &field : extraction->fields)
            if (!field.value.trimmed().isEmpty() && !(field.confidence >= m_policy.fieldThreshold))
                reasons.append(QStringLiteral("low_confidence:") + field.name);
    }
    bool lowCell = false;
    for (const LineItem &item : extraction->lineItems)
        for (const Field &cell : item.cells)
            lowCell = lowCell || (!cell.value.trimmed().isEmpty() &&
                                  !(cell.confidence >= m_policy.fieldThreshold));
    if (lowCell)
        reasons.append(QStringLiteral("low_confidence:") + (schema && !schema->tableName.isEmpty()
                                                                ? schema->tableName
                                                                : extraction->tableName));

    bool validationError = false;
    if (input.validation) {
        QStringList codes;
        for (const Issue &issue : input.validation->errors())
            codes.append(issue.code);
        codes.removeDuplicates();
        std::sort(codes.begin(), codes.end());
        for (const QString &code : codes)
            reasons.append(QStringLiteral("validation_error:") + code);
        validationError = !codes.isEmpty();
    }

    for (const QString &field : inSchemaOrder(input.disagreements, schema))
        if (!field.isEmpty())
            reasons.append(QStringLiteral("engine_disagreement:") + field);

    if (input.content)
        unusualDocument(*input.content, m_policy, reasons);

    decision.required = !reasons.isEmpty();
    Priority priority = amountPriority(extraction->value(QStringLiteral("total_amount")),
                                       extraction->value(QStringLiteral("currency")));
    const bool onlyLowConfidence =
        !reasons.isEmpty() && std::all_of(reasons.cbegin(), reasons.cend(), [](const QString &r) {
            return r.startsWith(QLatin1String("low_confidence:"));
        });
    if (validationError)
        priority = raised(priority);
    else if (onlyLowConfidence)
        priority = lowered(priority);
    decision.priority = priority;
    return decision;
}

QString PolicyReviewCoordinator::explain(const QString &reason)
{
    const qsizetype colon = reason.indexOf(QLatin1Char(':'));
    const QString code = colon < 0 ? reason : reason.left(colon);
    const QString arg = colon < 0 ? QString() : reason.mid(colon + 1);
    if (code == QLatin1String("no_extraction"))
        return tr("Nothing was extracted from this document.");
    if (code == QLatin1String("type_other"))
        return tr("The document type is not one of the known types.");
    if (code == QLatin1String("low_type_confidence"))
        return tr("The document type is uncertain.");
    if (code == QLatin1String("required_missing"))
        return tr("The required field %1 was not found.").arg(arg);
    if (code == QLatin1String("low_confidence"))
        return tr("%1 was read with low confidence.").arg(arg);
    if (code == QLatin1String("validation_error"))
        return tr("A validation rule failed (%1).").arg(arg);
    if (code == QLatin1String("engine_disagreement"))
        return tr("The engines disagree on %1.").arg(arg);
    if (code == QLatin1String("too_many_pages"))
        return tr("The document has unusually many pages.");
    if (code == QLatin1String("rotated_page"))
        return tr("A page was rotated to be read.");
    if (code == QLatin1String("no_text"))
        return tr("No text could be read from the document.");
    if (code == QLatin1String("unusual_script"))
        return tr("Most of the text is not in the Latin script.");
    if (code == QLatin1String("low_ocr_confidence"))
        return tr("The scanned text was recognised with low confidence.");
    return reason;
}

} // namespace docket
