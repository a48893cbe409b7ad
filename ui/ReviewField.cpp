#include "ReviewField.h"

#include "core/SchemaRegistry.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace docket {

QString ReviewField::rowName(const QString &table, int row)
{
    return QStringLiteral("%1[%2]").arg(table).arg(row);
}

QString ReviewField::cellName(const QString &table, int row, const QString &column)
{
    return QStringLiteral("%1[%2].%3").arg(table).arg(row).arg(column);
}

ReviewField::CellName ReviewField::parse(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\w+)\\[(\\d+)\\](?:\\.(\\w+))?$"));
    const QRegularExpressionMatch m = pattern.match(name);
    if (!m.hasMatch())
        return {};
    return {m.captured(1), m.captured(2).toInt(), m.captured(3)};
}

QString ReviewField::label(const QString &documentType, const QString &name)
{
    const DocumentSchema *schema = SchemaRegistry::builtin().schema(documentType);
    auto labelOf = [](const QList<FieldSpec> &specs, const QString &field) {
        for (const FieldSpec &spec : specs)
            if (spec.name == field)
                return QCoreApplication::translate("Schema", spec.label.toUtf8().constData());
        return field;
    };
    const CellName cell = parse(name);
    if (!cell.isValid())
        return schema ? labelOf(schema->fields, name) : name;
    const QString row = QCoreApplication::translate("ReviewField", "Row %1").arg(cell.row + 1);
    if (cell.column.isEmpty())
        return row;
    return QCoreApplication::translate("ReviewField", "%1 · %2")
        .arg(row, schema ? labelOf(schema->columns, cell.column) : cell.column);
}

Field ReviewField::edited(const Field &before, const QString &value)
{
    Field after = before;
    after.value = value;
    after.raw = value;
    after.confidence = value.isEmpty() ? 0.0 : 1.0;
    after.source = QStringLiteral("reviewer");
    return after;
}

} // namespace docket
