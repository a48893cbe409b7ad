#include "LineItemsModel.h"

#include "ConfidenceStyle.h"
#include "ReviewField.h"

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

QString LineItemsModel::columnName(int column) const
{
    return column >= 0 && column < m_columns.size() ? m_columns.at(column).name : QString();
}

int LineItemsModel::columnOf(const QString &name) const
{
    for (int i = 0; i < m_columns.size(); ++i)
        if (m_columns.at(i).name == name)
            return i;
    return -1;
}

Field LineItemsModel::cell(int row, const QString &column) const
{
    if (row < 0 || row >= m_items.size())
        return {};
    Field f = m_items.at(row).cells.value(column);
    f.name = column;
    return f;
}

void LineItemsModel::setCell(int row, const QString &column, const Field &field)
{
    if (row < 0 || row >= m_items.size())
        return;
    Field stored = field;
    stored.name = column;
    m_items[row].cells.insert(column, stored);
    const int col = columnOf(column);
    if (col >= 0)
        Q_EMIT dataChanged(index(row, col), index(row, col));
}

void LineItemsModel::insertItem(int row, const LineItem &item)
{
    row = qBound(0, row, int(m_items.size()));
    beginInsertRows({}, row, row);
    m_items.insert(row, item);
    endInsertRows();
}

void LineItemsModel::removeItem(int row)
{
    if (row < 0 || row >= m_items.size())
        return;
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
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
    case Qt::EditRole:
        return cell.value;
    case Qt::ToolTipRole:
        if (cell.value.isEmpty())
            return {};
        if (cell.source == QLatin1String("reviewer"))
            return tr("Entered by the reviewer");
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

bool LineItemsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || index.row() >= m_items.size() ||
        index.column() >= m_columns.size())
        return false;
    const QString column = m_columns.at(index.column()).name;
    const Field before = cell(index.row(), column);
    const QString text = value.toString().trimmed();
    if (text == before.value)
        return false;
    const Field after = ReviewField::edited(before, text);
    m_items[index.row()].cells.insert(column, after);
    Q_EMIT dataChanged(index, index);
    Q_EMIT cellEdited(index.row(), column, before, after);
    return true;
}

Qt::ItemFlags LineItemsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
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
