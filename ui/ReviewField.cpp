#include "ReviewField.h"

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
