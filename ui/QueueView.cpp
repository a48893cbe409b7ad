#include "QueueView.h"

#include "QueueModel.h"
#include "core/DocumentStatus.h"

#include <QHeaderView>

#include <algorithm>

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
    setTextElideMode(Qt::ElideRight);
    setIconSize(QSize(12, 12));
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
    const int em = fontMetrics().averageCharWidth();
    header->resizeSection(QueueModel::FileColumn, 24 * em);
    header->resizeSection(QueueModel::TypeColumn, 17 * em);
    // Wide enough for the longest status label and its dot.
    int status = 0;
    for (auto s :
         {DocumentStatus::NeedsReview, DocumentStatus::AutoApproved, DocumentStatus::Processing})
        status = std::max(status, fontMetrics().horizontalAdvance(statusLabel(s)));
    header->resizeSection(QueueModel::StatusColumn,
                          std::max(16 * em, status + iconSize().width() + 24));
    header->resizeSection(QueueModel::PriorityColumn, 10 * em);
    header->resizeSection(QueueModel::SellerColumn, 20 * em);
    header->resizeSection(QueueModel::NumberColumn, 14 * em);
    header->resizeSection(QueueModel::TotalColumn, 12 * em);
    header->resizeSection(QueueModel::ImportedColumn, 17 * em);
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
