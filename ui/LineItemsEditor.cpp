#include "LineItemsEditor.h"

#include "LineItemsModel.h"
#include "ReviewField.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace docket {

LineItemsEditor::LineItemsEditor(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("lineItemsEditor"));
    m_model = new LineItemsModel(this);

    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("lineItemsLabel"));
    QFont bold = m_label->font();
    bold.setBold(true);
    m_label->setFont(bold);

    m_add = new QToolButton(this);
    m_add->setObjectName(QStringLiteral("addRowButton"));
    m_add->setText(tr("Add row"));
    m_add->setToolTip(tr("Add a row below the selected one (Ins)"));
    m_add->setAutoRaise(true);
    m_add->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_delete = new QToolButton(this);
    m_delete->setObjectName(QStringLiteral("deleteRowButton"));
    m_delete->setText(tr("Delete row"));
    m_delete->setToolTip(tr("Delete the selected row (Del)"));
    m_delete->setAutoRaise(true);
    m_delete->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("lineItemsTable"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Line items"));
    // Room for the header and three rows, whatever the splitter gives the fields above.
    m_table->setMinimumHeight(m_table->horizontalHeader()->sizeHint().height() +
                              3 * m_table->verticalHeader()->defaultSectionSize() + 4);
    m_table->installEventFilter(this);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->setSpacing(2);
    header->addWidget(m_label, 1);
    header->addWidget(m_add);
    header->addWidget(m_delete);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(header);
    layout->addWidget(m_table, 1);

    connect(m_add, &QToolButton::clicked, this, [this] {
        const int row = addRow();
        m_table->setFocus(Qt::OtherFocusReason);
        m_table->edit(m_model->index(row, 0));
    });
    connect(m_delete, &QToolButton::clicked, this, &LineItemsEditor::deleteRow);
    connect(m_model, &LineItemsModel::cellEdited, this,
            [this](int row, const QString &column, const Field &before, const Field &after) {
                Q_EMIT cellEdited(ReviewField::cellName(m_tableName, row, column), before, after);
            });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_delete->setEnabled(current.isValid());
                if (current.isValid() && !m_silent)
                    Q_EMIT rowSelected(current.row());
            });
    m_delete->setEnabled(false);
}

void LineItemsEditor::setTable(const QString &tableName, const QList<FieldSpec> &columns,
                               const QList<LineItem> &items)
{
    m_tableName = tableName;
    m_silent = true;
    m_model->setItems(columns, items);
    m_silent = false;
    m_delete->setEnabled(false);
    updateLabel();
}

void LineItemsEditor::updateLabel()
{
    const int n = m_model->rowCount();
    m_label->setText(m_tableName == QLatin1String("packages") ? tr("Packages (%1)").arg(n)
                                                              : tr("Line items (%1)").arg(n));
}

int LineItemsEditor::addRow()
{
    commitPendingEdit();
    const QModelIndex current = m_table->currentIndex();
    const int row = current.isValid() ? current.row() + 1 : m_model->rowCount();
    LineItem item;
    insertItem(row, item);
    selectRow(row);
    Q_EMIT rowInserted(row, item);
    return row;
}

bool LineItemsEditor::deleteRow()
{
    commitPendingEdit();
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return false;
    const int row = current.row();
    const LineItem item = m_model->item(row);
    removeItem(row);
    if (m_model->rowCount() > 0)
        m_table->setCurrentIndex(
            m_model->index(qMin(row, m_model->rowCount() - 1), qMax(0, current.column())));
    Q_EMIT rowRemoved(row, item);
    return true;
}

void LineItemsEditor::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_silent = true;
    const int column = qMax(0, m_table->currentIndex().column());
    m_table->setCurrentIndex(m_model->index(row, column));
    m_table->scrollTo(m_model->index(row, column));
    m_silent = false;
}

void LineItemsEditor::commitPendingEdit()
{
    if (!isEditing())
        return;
    QWidget *editor = QApplication::focusWidget();
    // The view's own slots, so the delegate writes the text back through setData.
    QMetaObject::invokeMethod(m_table, "commitData", Q_ARG(QWidget *, editor));
    QMetaObject::invokeMethod(
        m_table, "closeEditor", Q_ARG(QWidget *, editor),
        Q_ARG(QAbstractItemDelegate::EndEditHint, QAbstractItemDelegate::NoHint));
}

bool LineItemsEditor::isEditing() const
{
    // A cell editor is a child of the viewport and has the keyboard while it is open.
    QWidget *focus = QApplication::focusWidget();
    return focus && m_table->viewport()->isAncestorOf(focus);
}

void LineItemsEditor::insertItem(int row, const LineItem &item)
{
    m_model->insertItem(row, item);
    updateLabel();
}

void LineItemsEditor::removeItem(int row)
{
    m_model->removeItem(row);
    updateLabel();
}

bool LineItemsEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier) {
            if (key->key() == Qt::Key_Insert) {
                const int row = addRow();
                m_table->edit(m_model->index(row, 0));
                return true;
            }
            if (key->key() == Qt::Key_Delete) {
                deleteRow();
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace docket
