#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace docket {

// What kind of value a field holds; drives parsing, normalisation, validation and display.
enum class FieldKind
{
    Text,
    Identifier,
    Date,
    Amount,
    Currency,
    Number,
    Country,
    Weight,
    Address
};

FieldKind fieldKindFromName(const QString &name);
QString fieldKindName(FieldKind kind);

struct FieldSpec
{
    QString name;  // canonical
    QString label; // display label (English source; translated in the UI)
    FieldKind kind = FieldKind::Text;
    bool required = false;
    QStringList anchors; // label texts that announce the value on a page ("Invoice No", ...)
};

// A document type: its fields, table columns, classifier cues and rules, loaded from
// resources/schemas/<name>.json (or a user's schema folder).
struct DocumentSchema
{
    QString name;  // "commercial_invoice"
    QString label; // "Commercial invoice"
    QString description;
    QList<FieldSpec> fields;
    QString tableName;        // "line_items", "packages", empty when none
    QList<FieldSpec> columns; // of the table
    QStringList keywords;     // classifier cues, lower case
    QStringList titles;       // typical document titles ("commercial invoice", "invoice")
    QStringList rules;        // names of cross-field rules the validator applies
    QJsonObject jsonSchema;   // strict JSON Schema for structured output

    const FieldSpec *field(const QString &name) const;
    const FieldSpec *column(const QString &name) const;
    QStringList requiredFields() const;
    bool isValid() const { return !name.isEmpty(); }

    static Result<DocumentSchema> fromJson(const QJsonObject &object);
};

} // namespace docket
