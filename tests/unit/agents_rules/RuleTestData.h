#pragma once

// Helpers for the rules tests: extractions written compactly as "name=value|name=value".

#include "core/Extraction.h"
#include "core/Issue.h"
#include "core/SchemaRegistry.h"

#include <QStringList>

#include <algorithm>

namespace docket::testing {

inline QMap<QString, QString> parsePairs(const QString &spec)
{
    QMap<QString, QString> out;
    for (const QString &pair : spec.split(QLatin1Char('|'), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        out.insert(pair.left(eq), pair.mid(eq + 1));
    }
    return out;
}

inline Field makeField(const QString &name, const QString &value, double confidence = 0.99)
{
    Field f;
    f.name = name;
    f.value = value;
    f.raw = value;
    f.confidence = confidence;
    f.page = 1;
    f.source = QStringLiteral("text_layer");
    f.engine = QStringLiteral("local");
    return f;
}

// base and overrides are "name=value|..."; an override with an empty value removes the field.
inline Extraction makeExtraction(const QString &type, const QString &base, const QString &overrides,
                                 const QStringList &rows)
{
    Extraction e;
    e.documentType = type;
    e.typeConfidence = 0.99;
    QMap<QString, QString> values = parsePairs(base);
    const QMap<QString, QString> over = parsePairs(overrides);
    for (auto it = over.cbegin(); it != over.cend(); ++it)
        values.insert(it.key(), it.value());
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        if (!it.value().isEmpty())
            e.fields.insert(it.key(), makeField(it.key(), it.value()));
    const DocumentSchema *schema = SchemaRegistry::builtin().schema(type);
    e.tableName =
        schema && !schema->tableName.isEmpty() ? schema->tableName : QStringLiteral("line_items");
    for (const QString &row : rows) {
        LineItem item;
        item.page = 1;
        const QMap<QString, QString> cells = parsePairs(row);
        for (auto it = cells.cbegin(); it != cells.cend(); ++it)
            item.cells.insert(it.key(), makeField(it.key(), it.value()));
        e.lineItems.append(item);
    }
    return e;
}

// "E:code@field" / "W:code@field", sorted, for comparison with expectations.
inline QStringList issueKeys(const ValidationReport &report)
{
    QStringList out;
    for (const Issue &i : report.issues)
        out.append(QStringLiteral("%1:%2@%3")
                       .arg(i.severity == Issue::Severity::Error ? QStringLiteral("E")
                                                                 : QStringLiteral("W"),
                            i.code, i.field));
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace docket::testing
