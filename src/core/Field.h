#pragma once

#include <QList>
#include <QMap>
#include <QRectF>
#include <QString>

namespace docket {

// One extracted value with its provenance.
struct Field
{
    QString name;
    QString value;         // normalised (ISO date, decimal with '.', ISO 4217 ...)
    QString raw;           // the text it was read from
    double confidence = 0; // 0..1, calibrated
    int page = 0;          // 1-based, 0 when not located on a page
    QRectF bbox;           // in page points, null when not located
    QString source;        // "text_layer", "ocr", "llm", "reviewer", "memory"
    QString engine;        // "local", "openai", "kimi"
    QString model;         // model name, empty for the local engine
    QString promptVersion; // prompt or rules version

    bool isEmpty() const { return value.isEmpty(); }
};

// One row of a table (line item or package): column name -> cell.
struct LineItem
{
    QMap<QString, Field> cells;
    int page = 0;
    QRectF bbox; // the row's region on its page

    QString value(const QString &column) const { return cells.value(column).value; }
};

} // namespace docket
