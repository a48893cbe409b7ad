#pragma once

#include <QList>
#include <QRectF>
#include <QString>

namespace docket {

// Where an extracted field was read on a page, as the page view draws it.
struct FieldBox
{
    QString name;  // canonical field name (or "line_items[2]" for a table row)
    QString label; // display label
    int page = 0;  // 1-based
    QRectF bbox;   // page points, origin top-left
    double confidence = 0;
};

using FieldBoxes = QList<FieldBox>;

} // namespace docket
