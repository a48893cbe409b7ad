#include "QueueView.h"

#include "QueueModel.h"

#include <QHeaderView>

namespace docket {

QueueView::QueueView(QWidget *parent) : QTableView(parent)
{
    setObjectName(QStringLiteral("queueView"));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setShowGrid(false);
    setWordWrap(false);
    setTextElideMode(Qt::ElideMiddle);
    setSortingEnabled(false); // the repository sorts by priority
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->setVisible(false);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(false);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    setAccessibleName(tr("Document queue"));
    connect(this, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT documentActivated(index.data(QueueModel::DocumentIdRole).toLongLong());
    });
}

void QueueView::setQueueModel(QueueModel *model)
{
    m_model = model;
    setModel(model);
    auto *header = horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(QueueModel::FileColumn, 190);
    header->resizeSection(QueueModel::TypeColumn, 120);
    header->resizeSection(QueueModel::StatusColumn, 120);
    header->resizeSection(QueueModel::PriorityColumn, 70);
    header->resizeSection(QueueModel::SellerColumn, 140);
    header->resizeSection(QueueModel::NumberColumn, 90);
    header->resizeSection(QueueModel::TotalColumn, 90);
    header->resizeSection(QueueModel::ImportedColumn, 120);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &QueueView::onCurrentChanged);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_current != 0) {
            m_current = 0;
            Q_EMIT documentSelected(0);
        }
    });
}

qint64 QueueView::currentDocumentId() const
{
    return m_current;
}

bool QueueView::selectDocument(qint64 documentId)
{
    if (!m_model)
        return false;
    const int row = m_model->ensureLoaded(documentId);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, 0);
    setCurrentIndex(index);
    scrollTo(index, QAbstractItemView::EnsureVisible);
    return true;
}

void QueueView::onCurrentChanged(const QModelIndex &current)
{
    const qint64 id = current.isValid() ? current.data(QueueModel::DocumentIdRole).toLongLong() : 0;
    if (id == m_current)
        return;
    m_current = id;
    Q_EMIT documentSelected(id);
}

} // namespace docket
