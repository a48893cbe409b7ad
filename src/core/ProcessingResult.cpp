#include "ProcessingResult.h"

#include <QJsonArray>
#include <cmath>

namespace docket {

namespace {

QJsonArray issuesJson(const QList<Issue> &issues)
{
    QJsonArray a;
    for (const Issue &i : issues)
        a.append(QJsonObject{{QStringLiteral("code"), i.code},
                             {QStringLiteral("field"), i.field},
                             {QStringLiteral("message"), i.message}});
    return a;
}

} // namespace

double ProcessingResult::rounded(double v, int decimals)
{
    const double f = std::pow(10.0, decimals);
    return std::round(v * f) / f;
}

QJsonObject ProcessingResult::fieldJson(const Field &f, bool full)
{
    QJsonObject o{{QStringLiteral("value"), f.value},
                  {QStringLiteral("confidence"), rounded(f.confidence, 3)}};
    if (!full)
        return o;
    o.insert(QStringLiteral("raw"), f.raw);
    o.insert(QStringLiteral("page"), f.page);
    if (f.bbox.isNull())
        o.insert(QStringLiteral("bbox"), QJsonValue::Null);
    else
        o.insert(QStringLiteral("bbox"),
                 QJsonArray{rounded(f.bbox.x(), 1), rounded(f.bbox.y(), 1),
                            rounded(f.bbox.width(), 1), rounded(f.bbox.height(), 1)});
    o.insert(QStringLiteral("source"), f.source);
    return o;
}

QJsonObject ProcessingResult::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("file"), file);
    o.insert(QStringLiteral("sha256"), document.sha256);
    o.insert(QStringLiteral("status"), statusName(document.status));
    if (document.documentType.isEmpty())
        o.insert(QStringLiteral("document_type"), QJsonValue::Null);
    else
        o.insert(QStringLiteral("document_type"), document.documentType);
    o.insert(QStringLiteral("type_confidence"), rounded(document.typeConfidence, 3));
    o.insert(QStringLiteral("pages"), document.pageCount);

    QJsonObject fields;
    for (auto it = extraction.fields.cbegin(); it != extraction.fields.cend(); ++it)
        if (!it->value.isEmpty())
            fields.insert(it.key(), fieldJson(*it, true));
    o.insert(QStringLiteral("fields"), fields);

    QJsonArray rows;
    for (const LineItem &item : extraction.lineItems) {
        QJsonObject row;
        for (auto it = item.cells.cbegin(); it != item.cells.cend(); ++it)
            if (!it->value.isEmpty())
                row.insert(it.key(), fieldJson(*it, false));
        rows.append(row);
    }
    o.insert(extraction.tableName.isEmpty() ? QStringLiteral("line_items") : extraction.tableName,
             rows);

    o.insert(QStringLiteral("validation"),
             QJsonObject{{QStringLiteral("errors"), issuesJson(validation.errors())},
                         {QStringLiteral("warnings"), issuesJson(validation.warnings())}});
    o.insert(QStringLiteral("review"),
             QJsonObject{{QStringLiteral("required"), review.required},
                         {QStringLiteral("priority"), priorityName(review.priority)},
                         {QStringLiteral("reasons"), QJsonArray::fromStringList(review.reasons)}});
    o.insert(QStringLiteral("usage"),
             QJsonObject{{QStringLiteral("requests"), usage.requests},
                         {QStringLiteral("input_tokens"), usage.inputTokens},
                         {QStringLiteral("output_tokens"), usage.outputTokens},
                         {QStringLiteral("cost_usd"), rounded(usage.costUsd, 6)}});
    QJsonObject timings;
    for (auto it = timingsMs.cbegin(); it != timingsMs.cend(); ++it)
        timings.insert(it.key(), it.value());
    o.insert(QStringLiteral("timings_ms"), timings);
    if (duplicate)
        o.insert(QStringLiteral("duplicate"), true);
    if (error.isNull())
        o.insert(QStringLiteral("error"), QJsonValue::Null);
    else
        o.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), error.code},
                                                      {QStringLiteral("message"), error.message}});
    return o;
}

} // namespace docket
