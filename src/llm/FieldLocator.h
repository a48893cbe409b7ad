#pragma once

#include "core/DocumentSchema.h"
#include "core/Page.h"

#include <QRectF>
#include <QString>
#include <QStringList>

#include <optional>

namespace docket {

// Finds where a value a model returned is printed, so that the reviewer sees it highlighted:
// the words of a page (one line, up to eight words) whose letters and digits spell the value,
// or a usual printed form of it (amount with grouping, date in day/month orders and month
// names).
class FieldLocator
{
public:
    struct Location
    {
        int page = 0; // 1-based
        QRectF box;   // in page points
        QString raw;  // the words as printed
    };

    explicit FieldLocator(const DocumentContent &content);
    std::optional<Location> find(const QString &value, FieldKind kind) const;

    static QString key(const QString &text); // lower-case letters and digits only
    static QStringList candidates(const QString &value, FieldKind kind);

private:
    const DocumentContent &m_content;
    QList<QStringList> m_keys; // per page, per word
};

} // namespace docket
