#pragma once

#include "core/DocumentSchema.h"
#include "core/Field.h"

#include <QAbstractTableModel>

namespace docket {

// The extraction's table (line items or packages), one column per schema column. Cells are
// editable: an edit made through a view (setData) updates the cell as the reviewer's value
// and is announced with cellEdited; setCell, insertItem and removeItem change the table
// without announcing (undo, reload).
class LineItemsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit LineItemsModel(QObject *parent = nullptr);

    void setItems(const QList<FieldSpec> &columns, const QList<LineItem> &items);
    const LineItem &item(int row) const { return m_items.at(row); }
    QList<LineItem> items() const { return m_items; }
    QString columnName(int column) const;
    int columnOf(const QString &name) const;

    Field cell(int row, const QString &column) const;
    void setCell(int row, const QString &column, const Field &field);
    void insertItem(int row, const LineItem &item);
    void removeItem(int row);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

Q_SIGNALS:
    void cellEdited(int row, const QString &column, const docket::Field &before,
                    const docket::Field &after);

private:
    QList<FieldSpec> m_columns;
    QList<LineItem> m_items;
};

} // namespace docket
