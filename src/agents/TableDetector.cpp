#include "TableDetector.h"

#include "AnchorMatcher.h"
#include "LocalExtractor.h"

#include <QHash>

#include <algorithm>

namespace docket {

namespace {

bool isNumericKind(FieldKind k)
{
    return k == FieldKind::Amount || k == FieldKind::Number || k == FieldKind::Weight;
}

} // namespace

TableDetector::TableDetector(const LayoutIndex &index, const ValueReader &reader)
    : m_index(index), m_reader(reader)
{}

QList<LineItem> TableDetector::detect(const DocumentSchema &schema) const
{
    AnchorMatcher matcher(m_index);
    const QHash<QString, QList<AnchorHit>> hits = matcher.match(schema.columns);
    // Row -> columns found on it.
    QHash<int, QHash<QString, QRectF>> perRow;
    for (auto it = hits.cbegin(); it != hits.cend(); ++it)
        for (const AnchorHit &h : it.value()) {
            QRectF &b = perRow[h.hit.row][it.key()];
            if (b.isNull())
                b = h.hit.box;
        }
    QList<LineItem> out;
    QSet<int> pagesDone;
    // Best header per page: most columns, at least two of which one numeric.
    QList<int> headerRows;
    for (auto it = perRow.cbegin(); it != perRow.cend(); ++it) {
        const auto &cols = it.value();
        if (cols.size() < 2)
            continue;
        bool numeric = false, text = false;
        for (auto c = cols.cbegin(); c != cols.cend(); ++c) {
            const FieldSpec *s = schema.column(c.key());
            if (s && isNumericKind(s->kind))
                numeric = true;
            else
                text = true;
        }
        if (numeric && (text || cols.size() >= 3))
            headerRows.append(it.key());
    }
    std::sort(headerRows.begin(), headerRows.end(), [&](int a, int b) {
        if (perRow.value(a).size() != perRow.value(b).size())
            return perRow.value(a).size() > perRow.value(b).size();
        return a < b;
    });
    for (int r : headerRows) {
        const int page = m_index.rows().at(r).page;
        if (pagesDone.contains(page))
            continue;
        pagesDone.insert(page);
        QList<Column> columns;
        const auto &cols = perRow.value(r);
        for (auto c = cols.cbegin(); c != cols.cend(); ++c)
            columns.append({schema.column(c.key()), c.value().left(), c.value().right()});
        std::sort(columns.begin(), columns.end(),
                  [](const Column &a, const Column &b) { return a.left < b.left; });
        out.append(readTable(schema, r, columns));
    }
    return out;
}

QList<LineItem> TableDetector::readTable(const DocumentSchema &schema, int headerRow,
                                         QList<Column> columns) const
{
    QList<LineItem> items;
    const LayoutRow &header = m_index.rows().at(headerRow);
    const int page = header.page;
    const double lineH = m_index.lineHeight(page);
    const double pageW = m_index.pageSize(page).width();
    // Column boundaries halfway between neighbouring headers.
    QList<double> bounds; // left bound of each column
    for (int i = 0; i < columns.size(); ++i)
        bounds.append(i == 0 ? 0.0 : (columns.at(i - 1).right + columns.at(i).left) / 2.0);
    bounds.append(pageW * 2);
    auto columnOf = [&](const QRectF &b) {
        // Numbers align right: use the word's right edge for numeric columns' test, the centre
        // otherwise.
        const double x = b.center().x();
        for (int i = 0; i < columns.size(); ++i)
            if (x >= bounds.at(i) && x < bounds.at(i + 1))
                return i;
        return int(columns.size()) - 1;
    };
    QSet<QString> totalTokens = {QStringLiteral("total"), QStringLiteral("subtotal"),
                                 QStringLiteral("totals"), QStringLiteral("sum")};
    for (const FieldSpec &f : schema.fields)
        if (f.kind == FieldKind::Amount || f.kind == FieldKind::Weight)
            for (const QString &a : f.anchors) {
                const QStringList t = LayoutIndex::tokenize(a);
                if (t.size() == 1)
                    totalTokens.insert(t.first());
            }
    const QList<int> &rows = m_index.pageRows(page);
    double lastBottom = header.box.bottom();
    for (qsizetype i = rows.indexOf(headerRow) + 1; i < rows.size(); ++i) {
        const LayoutRow &row = m_index.rows().at(rows.at(i));
        if (row.box.top() - lastBottom > 3.5 * lineH)
            break;
        // A totals line ends the table.
        bool totals = false;
        for (const LayoutToken &t : row.tokens)
            if (t.wordStart && totalTokens.contains(t.norm))
                totals = true;
        if (totals)
            break;
        QList<QList<int>> cellWords(columns.size());
        for (int w : row.words)
            cellWords[columnOf(m_index.words().at(w).box)].append(w);
        LineItem item;
        item.page = page + 1;
        bool hasNumber = false;
        for (int ci = 0; ci < columns.size(); ++ci) {
            if (cellWords.at(ci).isEmpty())
                continue;
            const FieldSpec &spec = *columns.at(ci).spec;
            const FieldCandidate cand = m_reader.parse(spec.kind, cellWords.at(ci));
            if (!cand.valid())
                continue;
            if (isNumericKind(spec.kind))
                hasNumber = true;
            Field f;
            f.name = spec.name;
            f.value = isNumericKind(spec.kind) || spec.kind == FieldKind::Date
                          ? cand.value
                          : m_index.text(cellWords.at(ci));
            f.raw = m_index.text(cellWords.at(ci));
            f.page = page + 1;
            f.bbox = m_index.box(cellWords.at(ci));
            f.confidence = 0.6 + 0.3 * m_index.confidence(cellWords.at(ci));
            f.source = m_index.sourceName(page);
            f.engine = QStringLiteral("local");
            f.promptVersion = LocalExtractor::rulesVersion();
            item.cells.insert(spec.name, f);
        }
        if (item.cells.isEmpty())
            continue;
        if (!hasNumber) {
            // Text only: the continuation of the previous row's description.
            if (!items.isEmpty() && row.box.top() - lastBottom < 1.5 * lineH) {
                LineItem &prev = items.last();
                for (auto it = item.cells.cbegin(); it != item.cells.cend(); ++it) {
                    Field &f = prev.cells[it.key()];
                    if (f.name.isEmpty()) {
                        f = it.value();
                    } else if (!isNumericKind(schema.column(it.key())->kind)) {
                        f.value += QLatin1Char(' ') + it.value().value;
                        f.raw += QLatin1Char(' ') + it.value().raw;
                        f.bbox = f.bbox.united(it.value().bbox);
                    }
                }
                prev.bbox = prev.bbox.united(row.box);
                lastBottom = row.box.bottom();
            }
            continue;
        }
        item.bbox = row.box;
        items.append(item);
        lastBottom = row.box.bottom();
    }
    return items;
}

} // namespace docket
