#include "LineItemsModel.h"

#include "ConfidenceStyle.h"

#include <QColor>
#include <QCoreApplication>

namespace docket {

LineItemsModel::LineItemsModel(QObject *parent) : QAbstractTableModel(parent) {}

void LineItemsModel::setItems(const QList<FieldSpec> &columns, const QList<LineItem> &items)
{
    beginResetModel();
    m_columns = columns;
    m_items = items;
    endResetModel();
}

int LineItemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int LineItemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant LineItemsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size() || index.column() >= m_columns.size())
        return {};
    const FieldSpec &column = m_columns.at(index.column());
    const Field cell = m_items.at(index.row()).cells.value(column.name);
    switch (role) {
    case Qt::DisplayRole:
        return cell.value;
    case Qt::ToolTipRole:
        if (cell.value.isEmpty())
            return {};
        return tr("Read: %1\nConfidence: %2 %").arg(cell.raw).arg(qRound(cell.confidence * 100));
    case Qt::TextAlignmentRole:
        if (column.kind == FieldKind::Amount || column.kind == FieldKind::Number ||
            column.kind == FieldKind::Weight)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::BackgroundRole: {
        if (cell.value.isEmpty() ||
            ConfidenceStyle::level(cell.confidence) == ConfidenceStyle::Level::High)
            return {};
        QColor tint = ConfidenceStyle::color(cell.confidence);
        tint.setAlpha(40);
        return tint;
    }
    default:
        return {};
    }
}

QVariant LineItemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    if (section < 0 || section >= m_columns.size())
        return {};
    return QCoreApplication::translate("Schema", m_columns.at(section).label.toUtf8().constData());
}

} // namespace docket
