#include "ExtractionMapper.h"

#include "FieldLocator.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

namespace docket {

QString ExtractionMapper::normalise(const QJsonValue &value, FieldKind kind)
{
    QString s;
    if (value.isString())
        s = value.toString().trimmed();
    else if (value.isDouble())
        s = QString::number(value.toDouble(), 'f', 6)
                .remove(QRegularExpression(QStringLiteral("\\.?0+$")));
    else
        return {};
    if (s.compare(QLatin1String("null"), Qt::CaseInsensitive) == 0 ||
        s.compare(QLatin1String("n/a"), Qt::CaseInsensitive) == 0)
        return {};
    switch (kind) {
    case FieldKind::Amount:
    case FieldKind::Number:
    case FieldKind::Weight: {
        static const QRegularExpression grouped(QStringLiteral("^-?\\d{1,3}(,\\d{3})+(\\.\\d+)?$"));
        if (grouped.match(s).hasMatch())
            s.remove(QLatin1Char(','));
        break;
    }
    case FieldKind::Currency:
        if (s.size() == 3)
            s = s.toUpper();
        break;
    default:
        break;
    }
    return s;
}

Extraction ExtractionMapper::map(const QJsonObject &json, const DocumentSchema &schema,
                                 const DocumentContent &content, const Provenance &provenance)
{
    const FieldLocator locator(content);
    auto makeField = [&](const FieldSpec &spec, const QJsonValue &v) -> Field {
        Field f;
        f.name = spec.name;
        f.value = normalise(v, spec.kind);
        if (f.value.isEmpty())
            return f;
        f.raw = f.value;
        f.confidence = provenance.confidence;
        f.source = QStringLiteral("llm");
        f.engine = provenance.engine;
        f.model = provenance.model;
        f.promptVersion = provenance.promptVersion;
        if (const auto loc = locator.find(f.value, spec.kind)) {
            f.page = loc->page;
            f.bbox = loc->box;
            f.raw = loc->raw;
        }
        return f;
    };

    Extraction e;
    e.documentType = schema.name;
    e.engine = provenance.engine;
    e.model = provenance.model;
    e.promptVersion = provenance.promptVersion;
    e.created = QDateTime::currentDateTimeUtc();
    if (!schema.tableName.isEmpty())
        e.tableName = schema.tableName;
    for (const FieldSpec &spec : schema.fields) {
        Field f = makeField(spec, json.value(spec.name));
        if (!f.value.isEmpty())
            e.fields.insert(spec.name, f);
    }
    if (!schema.tableName.isEmpty()) {
        for (const QJsonValue &row : json.value(schema.tableName).toArray()) {
            const QJsonObject o = row.toObject();
            LineItem item;
            for (const FieldSpec &col : schema.columns) {
                Field f = makeField(col, o.value(col.name));
                if (f.value.isEmpty())
                    continue;
                if (f.page > 0) {
                    item.page = item.page == 0 ? f.page : item.page;
                    if (f.page == item.page)
                        item.bbox = item.bbox.isNull() ? f.bbox : item.bbox.united(f.bbox);
                }
                item.cells.insert(col.name, f);
            }
            if (!item.cells.isEmpty())
                e.lineItems.append(item);
        }
    }
    return e;
}

} // namespace docket
