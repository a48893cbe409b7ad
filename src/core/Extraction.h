#pragma once

#include "Field.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace docket {

// What one engine extracted from one document under one schema.
struct Extraction
{
    qint64 id = 0;
    QString documentType;
    double typeConfidence = 0;
    QMap<QString, Field> fields;                      // canonical name -> field
    QString tableName = QStringLiteral("line_items"); // "line_items" or "packages"
    QList<LineItem> lineItems;
    QString engine = QStringLiteral("local");
    QString model;
    QString promptVersion;
    QDateTime created;
    QStringList disagreements; // fields on which two engines read different values

    QString value(const QString &name) const { return fields.value(name).value; }
    bool has(const QString &name) const { return !fields.value(name).value.isEmpty(); }
};

} // namespace docket
