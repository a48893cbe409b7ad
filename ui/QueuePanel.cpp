#include "QueuePanel.h"

#include "QueueModel.h"
#include "QueueView.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QVBoxLayout>

namespace docket {

namespace {
// Filter entries: label and the statuses they show (empty: all).
struct StatusFilter
{
    const char *label;
    QList<DocumentStatus> statuses;
};

QList<StatusFilter> statusFilters()
{
    return {
        {QT_TRANSLATE_NOOP("QueuePanel", "All documents"), {}},
        {QT_TRANSLATE_NOOP("QueuePanel", "Needs review"), {DocumentStatus::NeedsReview}},
        {QT_TRANSLATE_NOOP("QueuePanel", "In progress"),
         {DocumentStatus::Pending, DocumentStatus::Processing}},
        {QT_TRANSLATE_NOOP("QueuePanel", "Auto-approved"), {DocumentStatus::AutoApproved}},
        {QT_TRANSLATE_NOOP("QueuePanel", "Approved"), {DocumentStatus::Approved}},
        {QT_TRANSLATE_NOOP("QueuePanel", "Rejected"), {DocumentStatus::Rejected}},
        {QT_TRANSLATE_NOOP("QueuePanel", "Failed"), {DocumentStatus::Failed}},
    };
}
} // namespace

QueuePanel::QueuePanel(QueueModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("queuePanel"));
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("queueStatusFilter"));
    m_status->setAccessibleName(tr("Status filter"));
    for (const auto &filter : statusFilters())
        m_status->addItem(tr(filter.label));

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("queueSearch"));
    m_search->setPlaceholderText(tr("Search file, seller, number"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search the queue"));
    m_search->addAction(QIcon(QStringLiteral(":/icons/search.svg")), QLineEdit::LeadingPosition);

    m_view = new QueueView(this);
    m_view->setQueueModel(model);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("queueCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);

    auto *filters = new QHBoxLayout;
    filters->setSpacing(6);
    filters->addWidget(m_status);
    filters->addWidget(m_search, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 4);
    layout->setSpacing(6);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_count);

    connect(m_status, &QComboBox::currentIndexChanged, this, &QueuePanel::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, &QueuePanel::applyFilter);
    connect(model, &QAbstractItemModel::modelReset, this, &QueuePanel::updateCount);
    connect(model, &QAbstractItemModel::rowsInserted, this, &QueuePanel::updateCount);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &QueuePanel::updateCount);
    connect(model, &QueueModel::refreshed, this, &QueuePanel::updateCount);
    updateCount();
}

void QueuePanel::applyFilter()
{
    QueueQuery query = m_model->query();
    const auto filters = statusFilters();
    const int i = m_status->currentIndex();
    query.statuses =
        i >= 0 && i < filters.size() ? filters.at(i).statuses : QList<DocumentStatus>();
    query.search = m_search->text().trimmed();
    const qint64 selected = m_view->currentDocumentId();
    m_model->setQuery(query);
    if (selected != 0 && m_model->rowForId(selected) >= 0)
        m_view->selectDocument(selected);
}

void QueuePanel::updateCount()
{
    const int total = m_model->totalCount();
    m_count->setText(total == 0 ? tr("No documents") : tr("%n document(s)", nullptr, total));
}

} // namespace docket
