#pragma once

#include "core/DocumentSchema.h"
#include "core/Field.h"

#include <QAbstractTableModel>

namespace docket {

// The extraction's table (line items or packages), one column per schema column.
// Read-only for now.
class LineItemsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit LineItemsModel(QObject *parent = nullptr);

    void setItems(const QList<FieldSpec> &columns, const QList<LineItem> &items);
    const LineItem &item(int row) const { return m_items.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<FieldSpec> m_columns;
    QList<LineItem> m_items;
};

} // namespace docket
