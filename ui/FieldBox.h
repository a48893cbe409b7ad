#pragma once

#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>

namespace docket {

// Where an extracted field was read on a page, as the page view draws it.
struct FieldBox
{
    QString name;  // canonical field name (or "line_items[2]" for a table row)
    QString label; // display label
    int page = 0;  // 1-based
    QRectF bbox;   // page points, origin top-left
    double confidence = 0;
    bool invalid = false; // a validation rule fails for this field: drawn marked
};

using FieldBoxes = QList<FieldBox>;

// True when an issue naming field concerns the box named name: the same field, or a cell
// or column of that table row ("line_items[2].amount" concerns "line_items[2]").
inline bool fieldConcernsBox(const QString &field, const QString &name)
{
    if (field.isEmpty() || name.isEmpty())
        return false;
    if (field == name)
        return true;
    return field.startsWith(name) && field.size() > name.size() &&
           (field.at(name.size()) == QLatin1Char('.') || field.at(name.size()) == QLatin1Char('['));
}

// Sets FieldBox::invalid on every box one of fields (the field names of validation errors,
// Issue::field) concerns, and clears it on the others.
inline void markInvalid(FieldBoxes &boxes, const QStringList &fields)
{
    for (FieldBox &box : boxes) {
        box.invalid = false;
        for (const QString &field : fields)
            if (fieldConcernsBox(field, box.name)) {
                box.invalid = true;
                break;
            }
    }
}

} // namespace docket
