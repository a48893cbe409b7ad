#pragma once

#include "core/Field.h"

#include <QString>

namespace docket {

// The names and values the review screen shares between the field panel, the undo stack
// and storage: a field is named canonically ("total_amount"), a table row
// "line_items[2]" and a cell of it "line_items[2].amount" (0-based rows).
class ReviewField
{
public:
    struct CellName
    {
        QString table;
        int row = -1;
        QString column; // empty for a whole row
        bool isValid() const { return row >= 0 && !table.isEmpty(); }
    };

    static QString rowName(const QString &table, int row);
    static QString cellName(const QString &table, int row, const QString &column);
    // Parses "table[row]" or "table[row].column"; invalid for a plain field name.
    static CellName parse(const QString &name);

    // What the reviewer reads for a name of the type's schema: "Total", "Row 3 · Amount".
    static QString label(const QString &documentType, const QString &name);

    // The field after the reviewer typed value: keeps the box, page and engine, the value
    // becomes the raw text, confidence 1, source "reviewer".
    static Field edited(const Field &before, const QString &value);
};

} // namespace docket
