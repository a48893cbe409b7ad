#include "ReviewComparator.h"

#include "RuleDecimal.h"

#include <QSet>

namespace docket {

namespace {

QString folded(const QString &text, bool keepSpaces)
{
    QString out;
    out.reserve(text.size());
    bool space = false;
    for (const QChar c : text.toCaseFolded()) {
        if (c.isLetterOrNumber()) {
            if (space && keepSpaces && !out.isEmpty())
                out += QLatin1Char(' ');
            out += c;
            space = false;
        } else {
            space = true;
        }
    }
    return out;
}

QSet<QString> words(const QString &text)
{
    const QStringList list = folded(text, true).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return QSet<QString>(list.cbegin(), list.cend());
}

std::optional<RuleDecimal> columnSum(const Extraction &e, const QString &column)
{
    RuleDecimal sum;
    bool any = false;
    for (const LineItem &item : e.lineItems) {
        const QString v = item.value(column).trimmed();
        if (v.isEmpty())
            continue;
        const auto d = RuleDecimal::parse(v);
        if (!d)
            return std::nullopt;
        sum = sum + *d;
        any = true;
    }
    return any ? std::optional<RuleDecimal>(sum) : std::nullopt;
}

} // namespace

bool ReviewComparator::sameValue(FieldKind kind, const QString &a, const QString &b)
{
    const QString x = a.trimmed();
    const QString y = b.trimmed();
    if (x == y)
        return true;
    switch (kind) {
    case FieldKind::Amount:
    case FieldKind::Number:
    case FieldKind::Weight: {
        const auto dx = RuleDecimal::parse(x);
        const auto dy = RuleDecimal::parse(y);
        if (dx && dy)
            return *dx == *dy;
        return folded(x, false) == folded(y, false);
    }
    case FieldKind::Date:
        return false;
    case FieldKind::Currency:
        return x.compare(y, Qt::CaseInsensitive) == 0;
    case FieldKind::Identifier:
        return folded(x, false) == folded(y, false);
    case FieldKind::Text:
    case FieldKind::Address:
    case FieldKind::Country: {
        if (folded(x, false) == folded(y, false))
            return true;
        const QSet<QString> wx = words(x);
        const QSet<QString> wy = words(y);
        if (wx.isEmpty() || wy.isEmpty())
            return false;
        return wx.size() <= wy.size() ? wy.contains(wx) : wx.contains(wy);
    }
    }
    return false;
}

QStringList ReviewComparator::disagreements(const Extraction &a, const Extraction &b,
                                            const DocumentSchema &schema)
{
    QStringList out;
    for (const FieldSpec &spec : schema.fields) {
        const QString x = a.value(spec.name);
        const QString y = b.value(spec.name);
        if (x.trimmed().isEmpty() || y.trimmed().isEmpty())
            continue;
        if (!sameValue(spec.kind, x, y))
            out.append(spec.name);
    }
    if (!a.lineItems.isEmpty() && !b.lineItems.isEmpty()) {
        const QString table = schema.tableName.isEmpty() ? a.tableName : schema.tableName;
        const QString column = schema.column(QStringLiteral("amount"))
                                   ? QStringLiteral("amount")
                                   : QStringLiteral("gross_weight");
        const auto sa = columnSum(a, column);
        const auto sb = columnSum(b, column);
        if (a.lineItems.size() != b.lineItems.size() || (sa && sb && *sa != *sb) ||
            sa.has_value() != sb.has_value())
            out.append(table);
    }
    return out;
}

} // namespace docket
