#include "KimiVlTool.h"

#include "JsonText.h"
#include "LlmClient.h"
#include "LlmLog.h"
#include "LlmSession.h"
#include "LlmSpend.h"
#include "PromptLibrary.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace docket {

namespace {

QString errorOutput(const QString &message)
{
    return JsonText::compact(QJsonObject{{QStringLiteral("error"), message}});
}

QJsonObject numberType()
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("number")}};
}

} // namespace

KimiVlTool::KimiVlTool(std::shared_ptr<LlmClient> kimi, std::shared_ptr<const LlmSpend> spend)
    : m_kimi(std::move(kimi)), m_spend(std::move(spend))
{}

KimiVlTool::~KimiVlTool() = default;

LlmToolSpec KimiVlTool::spec()
{
    const QJsonObject region{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"), QJsonObject{{QStringLiteral("x"), numberType()},
                                                   {QStringLiteral("y"), numberType()},
                                                   {QStringLiteral("width"), numberType()},
                                                   {QStringLiteral("height"), numberType()}}},
        {QStringLiteral("required"), QJsonArray{QStringLiteral("x"), QStringLiteral("y"),
                                                QStringLiteral("width"), QStringLiteral("height")}},
        {QStringLiteral("additionalProperties"), false}};
    LlmToolSpec t;
    t.name = name();
    t.description = PromptLibrary::text(QStringLiteral("tool_extract_with_kimi_vl")).trimmed();
    t.parameters = QJsonObject{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"),
         QJsonObject{
             {QStringLiteral("page"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")}}},
             {QStringLiteral("region"),
              QJsonObject{{QStringLiteral("anyOf"),
                           QJsonArray{region, QJsonObject{{QStringLiteral("type"),
                                                           QStringLiteral("null")}}}}}},
             {QStringLiteral("fields"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                          {QStringLiteral("items"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}}}}},
        {QStringLiteral("required"),
         QJsonArray{QStringLiteral("page"), QStringLiteral("region"), QStringLiteral("fields")}},
        {QStringLiteral("additionalProperties"), false}};
    return t;
}

QString KimiVlTool::run(const QString &arguments, const DocumentSchema &schema,
                        const PageImageSource &images, int pageCount, AgentContext &ctx) const
{
    ++m_calls;
    const auto args = JsonText::parseObject(arguments);
    if (!args)
        return errorOutput(QStringLiteral("arguments are not a JSON object"));
    const int page = args.value().value(QStringLiteral("page")).toInt();
    if (page < 1 || page > pageCount)
        return errorOutput(QStringLiteral("page must be between 1 and %1").arg(pageCount));
    QStringList fields;
    for (const QJsonValue &v : args.value().value(QStringLiteral("fields")).toArray()) {
        const QString f = v.toString();
        if ((schema.field(f) || schema.column(f)) && !fields.contains(f))
            fields.append(f);
    }
    if (fields.isEmpty())
        return errorOutput(QStringLiteral("no known field requested"));
    if (!images)
        return errorOutput(QStringLiteral("no page image available"));
    QImage image = images(page - 1);
    if (image.isNull())
        return errorOutput(QStringLiteral("page %1 could not be rendered").arg(page));

    const QJsonValue regionValue = args.value().value(QStringLiteral("region"));
    if (regionValue.isObject()) {
        const QJsonObject r = regionValue.toObject();
        const double x = std::clamp(r.value(QStringLiteral("x")).toDouble(), 0.0, 1.0);
        const double y = std::clamp(r.value(QStringLiteral("y")).toDouble(), 0.0, 1.0);
        const double w = std::clamp(r.value(QStringLiteral("width")).toDouble(), 0.0, 1.0 - x);
        const double h = std::clamp(r.value(QStringLiteral("height")).toDouble(), 0.0, 1.0 - y);
        if (w > 0.02 && h > 0.02)
            image = image.copy(QRect(int(x * image.width()), int(y * image.height()),
                                     std::max(1, int(w * image.width())),
                                     std::max(1, int(h * image.height()))));
    }

    QJsonObject props;
    QJsonArray required;
    QString list;
    for (const QString &f : fields) {
        const FieldSpec *spec = schema.field(f) ? schema.field(f) : schema.column(f);
        props.insert(f, QJsonObject{{QStringLiteral("type"), QJsonArray{QStringLiteral("string"),
                                                                        QStringLiteral("null")}}});
        required.append(f);
        list += QStringLiteral("- %1 (%2): %3\n").arg(f, fieldKindName(spec->kind), spec->label);
    }
    const ProviderConfig &config = m_kimi->config();
    QSize sent;
    const QString url = LlmInputBuilder::jpegDataUrl(image, config.imageMaxSide, 85, &sent);

    LlmRequest request;
    request.messages.append(LlmMessage::system(PromptLibrary::regionSystem()));
    request.messages.append(
        LlmMessage::user({LlmContentPart::fromText(QStringLiteral("Fields to read:\n") + list),
                          LlmContentPart::fromImage(url, QStringLiteral("high"))}));
    request.schemaName = QStringLiteral("region_fields");
    request.jsonSchema = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                     {QStringLiteral("properties"), props},
                                     {QStringLiteral("required"), required},
                                     {QStringLiteral("additionalProperties"), false}};
    request.maxOutputTokens = 600;

    LlmSession session(*m_kimi, m_spend.get(), ctx);
    const auto answer = session.sendStructured(request, QStringLiteral("tool_kimi_vl"), {sent});
    if (!answer) {
        qCWarning(lcLlm).noquote() << "extract_with_kimi_vl failed:" << answer.error().code;
        return errorOutput(answer.error().code);
    }
    QJsonObject values;
    for (const QString &f : fields)
        values.insert(f, answer.value().json.value(f).isString() ? answer.value().json.value(f)
                                                                 : QJsonValue(QJsonValue::Null));
    return JsonText::compact(
        QJsonObject{{QStringLiteral("page"), page}, {QStringLiteral("values"), values}});
}

} // namespace docket
