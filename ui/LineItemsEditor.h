#pragma once

#include "core/DocumentSchema.h"
#include "core/Field.h"

#include <QWidget>

class QLabel;
class QTableView;
class QToolButton;

namespace docket {

class LineItemsModel;

// The table of the field panel (objectName "lineItemsEditor"): line items or packages as an
// editable grid (objectName "lineItemsTable") with "Add row" and "Delete row" buttons (also
// Ins and Del on the table). Every change is applied to the grid at once and announced so
// the caller can store it.
class LineItemsEditor : public QWidget
{
    Q_OBJECT
public:
    explicit LineItemsEditor(QWidget *parent = nullptr);

    void setTable(const QString &tableName, const QList<FieldSpec> &columns,
                  const QList<LineItem> &items);
    QString tableName() const { return m_tableName; }
    QTableView *view() const { return m_table; }
    LineItemsModel *model() const { return m_model; }

    // Adds an empty row below the current one (at the end without one); its index.
    int addRow();
    // Deletes the current row; false without one.
    bool deleteRow();
    void selectRow(int row);
    // Commits the text of a cell editor that is still open.
    void commitPendingEdit();
    bool isEditing() const; // a cell editor is open

    // Without announcing (undo, reload).
    void insertItem(int row, const LineItem &item);
    void removeItem(int row);

Q_SIGNALS:
    void cellEdited(const QString &name, const docket::Field &before, const docket::Field &after);
    void rowInserted(int row, const docket::LineItem &item);
    void rowRemoved(int row, const docket::LineItem &item);
    void rowSelected(int row);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateLabel();

    QString m_tableName;
    LineItemsModel *m_model = nullptr;
    QLabel *m_label = nullptr;
    QTableView *m_table = nullptr;
    QToolButton *m_add = nullptr;
    QToolButton *m_delete = nullptr;
    bool m_silent = false;
};

} // namespace docket
