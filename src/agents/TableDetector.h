#pragma once

#include "LayoutIndex.h"
#include "ValueReader.h"
#include "core/DocumentSchema.h"
#include "core/Field.h"

#include <QList>

namespace docket {

// Reads a schema's table (line items, packages) from the layout: the header row is the line
// with the most column labels, column x-ranges come from the header words, rows are the
// lines below it until a totals line or a gap; lines without numbers continue the previous
// row's text.
class TableDetector
{
public:
    TableDetector(const LayoutIndex &index, const ValueReader &reader);

    QList<LineItem> detect(const DocumentSchema &schema) const;

private:
    struct Column
    {
        const FieldSpec *spec = nullptr;
        double left = 0, right = 0;
    };
    QList<LineItem> readTable(const DocumentSchema &schema, int headerRow,
                              QList<Column> columns) const;

    const LayoutIndex &m_index;
    const ValueReader &m_reader;
};

} // namespace docket
