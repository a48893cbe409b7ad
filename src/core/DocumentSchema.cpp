#include "DocumentSchema.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace docket {

namespace {

struct KindEntry
{
    FieldKind kind;
    const char *name;
};
constexpr KindEntry kKinds[] = {
    {FieldKind::Text, "text"},         {FieldKind::Identifier, "identifier"},
    {FieldKind::Date, "date"},         {FieldKind::Amount, "amount"},
    {FieldKind::Currency, "currency"}, {FieldKind::Number, "number"},
    {FieldKind::Country, "country"},   {FieldKind::Weight, "weight"},
    {FieldKind::Address, "address"},
};

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray())
        out.append(v.toString());
    return out;
}

QStringList lowered(const QStringList &list)
{
    QStringList out;
    for (const QString &s : list)
        out.append(s.toLower());
    return out;
}

FieldSpec specFromJson(const QJsonObject &o)
{
    FieldSpec spec;
    spec.name = o.value(QStringLiteral("name")).toString();
    spec.label = o.value(QStringLiteral("label")).toString(spec.name);
    spec.kind = fieldKindFromName(o.value(QStringLiteral("kind")).toString());
    spec.required = o.value(QStringLiteral("required")).toBool();
    spec.anchors = lowered(stringList(o.value(QStringLiteral("anchors"))));
    return spec;
}

QJsonObject nullableString(const FieldSpec &spec)
{
    QJsonObject p{
        {QStringLiteral("type"), QJsonArray{QStringLiteral("string"), QStringLiteral("null")}}};
    QString hint;
    switch (spec.kind) {
    case FieldKind::Date:
        hint = QStringLiteral("ISO 8601 date YYYY-MM-DD");
        break;
    case FieldKind::Amount:
    case FieldKind::Number:
    case FieldKind::Weight:
        hint = QStringLiteral("decimal number with '.' and no grouping, e.g. 1041.25");
        break;
    case FieldKind::Currency:
        hint = QStringLiteral("ISO 4217 code, e.g. USD");
        break;
    case FieldKind::Country:
        hint = QStringLiteral("country name or ISO 3166 code as printed");
        break;
    default:
        break;
    }
    p.insert(QStringLiteral("description"),
             hint.isEmpty() ? spec.label : spec.label + QStringLiteral(": ") + hint);
    return p;
}

QJsonObject strictObject(const QList<FieldSpec> &specs)
{
    QJsonObject props;
    QJsonArray required;
    for (const FieldSpec &s : specs) {
        props.insert(s.name, nullableString(s));
        required.append(s.name);
    }
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                       {QStringLiteral("properties"), props},
                       {QStringLiteral("required"), required},
                       {QStringLiteral("additionalProperties"), false}};
}

} // namespace

FieldKind fieldKindFromName(const QString &name)
{
    for (const auto &e : kKinds)
        if (name == QLatin1String(e.name))
            return e.kind;
    return FieldKind::Text;
}

QString fieldKindName(FieldKind kind)
{
    for (const auto &e : kKinds)
        if (e.kind == kind)
            return QString::fromLatin1(e.name);
    return QStringLiteral("text");
}

const FieldSpec *DocumentSchema::field(const QString &fieldName) const
{
    for (const FieldSpec &f : fields)
        if (f.name == fieldName)
            return &f;
    return nullptr;
}

const FieldSpec *DocumentSchema::column(const QString &columnName) const
{
    for (const FieldSpec &f : columns)
        if (f.name == columnName)
            return &f;
    return nullptr;
}

QStringList DocumentSchema::requiredFields() const
{
    QStringList out;
    for (const FieldSpec &f : fields)
        if (f.required)
            out.append(f.name);
    return out;
}

Result<DocumentSchema> DocumentSchema::fromJson(const QJsonObject &o)
{
    DocumentSchema s;
    s.name = o.value(QStringLiteral("name")).toString();
    if (s.name.isEmpty() || s.name.contains(QLatin1Char(' ')))
        return Result<DocumentSchema>::failure(
            QStringLiteral("schema_invalid"),
            QCoreApplication::translate("DocumentSchema",
                                        "A document type needs a \"name\" without spaces."));
    s.label = o.value(QStringLiteral("label")).toString(s.name);
    s.description = o.value(QStringLiteral("description")).toString();
    s.keywords = lowered(stringList(o.value(QStringLiteral("keywords"))));
    s.titles = lowered(stringList(o.value(QStringLiteral("titles"))));
    s.rules = stringList(o.value(QStringLiteral("rules")));
    for (const QJsonValue &v : o.value(QStringLiteral("fields")).toArray()) {
        FieldSpec spec = specFromJson(v.toObject());
        if (spec.name.isEmpty())
            return Result<DocumentSchema>::failure(
                QStringLiteral("schema_invalid"),
                QCoreApplication::translate("DocumentSchema", "Type %1 has a field without a name.")
                    .arg(s.name));
        s.fields.append(spec);
    }
    const QJsonObject table = o.value(QStringLiteral("table")).toObject();
    s.tableName = table.value(QStringLiteral("name")).toString();
    for (const QJsonValue &v : table.value(QStringLiteral("columns")).toArray())
        s.columns.append(specFromJson(v.toObject()));

    QJsonObject root = strictObject(s.fields);
    if (!s.tableName.isEmpty()) {
        QJsonObject props = root.value(QStringLiteral("properties")).toObject();
        props.insert(s.tableName, QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                                              {QStringLiteral("items"), strictObject(s.columns)}});
        root.insert(QStringLiteral("properties"), props);
        QJsonArray required = root.value(QStringLiteral("required")).toArray();
        required.append(s.tableName);
        root.insert(QStringLiteral("required"), required);
    }
    s.jsonSchema = root;
    return s;
}

} // namespace docket
