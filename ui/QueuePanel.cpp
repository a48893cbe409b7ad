#include "QueuePanel.h"

#include "QueueModel.h"
#include "QueueView.h"
#include "core/ReviewDecision.h"
#include "core/SchemaRegistry.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QShortcut>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace docket {

namespace {
const QString kFiltersShownKey = QStringLiteral("queue/filtersShown");

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

int sumOf(const QMap<DocumentStatus, int> &counts, const QList<DocumentStatus> &statuses)
{
    int n = 0;
    if (statuses.isEmpty()) {
        for (int c : counts)
            n += c;
        return n;
    }
    for (DocumentStatus s : statuses)
        n += counts.value(s);
    return n;
}

QComboBox *newCombo(QWidget *parent, const char *objectName, const QString &accessibleName)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(QLatin1String(objectName));
    combo->setAccessibleName(accessibleName);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return combo;
}

QDateEdit *newDateEdit(QWidget *parent, const char *objectName, const QString &accessibleName)
{
    auto *edit = new QDateEdit(parent);
    edit->setObjectName(QLatin1String(objectName));
    edit->setAccessibleName(accessibleName);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    edit->setDate(QDate::currentDate());
    return edit;
}
} // namespace

QueuePanel::QueuePanel(QueueModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("queuePanel"));
    m_status = newCombo(this, "queueStatusFilter", tr("Status filter"));
    for (const auto &filter : statusFilters())
        m_status->addItem(tr(filter.label));

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("queueSearch"));
    m_search->setPlaceholderText(tr("Search file, seller, number"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search the queue"));
    m_search->setToolTip(tr("Search by file name, seller or document number (Ctrl+F)"));
    m_search->addAction(QIcon(QStringLiteral(":/icons/search.svg")), QLineEdit::LeadingPosition);
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, m_search, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });

    m_filtersButton = new QToolButton(this);
    m_filtersButton->setObjectName(QStringLiteral("queueFiltersButton"));
    m_filtersButton->setCheckable(true);
    m_filtersButton->setAutoRaise(true);
    m_filtersButton->setToolTip(tr("Filter by document type, priority and import date"));

    // Second row: type, priority, import date.
    m_filters = new QWidget(this);
    m_filters->setObjectName(QStringLiteral("queueFilters"));
    m_type = newCombo(m_filters, "queueTypeFilter", tr("Document type filter"));
    m_type->addItem(tr("All types"));
    const SchemaRegistry &schemas = SchemaRegistry::builtin();
    for (const QString &name : schemas.names()) {
        const DocumentSchema *schema = schemas.schema(name);
        m_type->addItem(
            schema ? QCoreApplication::translate("Schema", schema->label.toUtf8().constData())
                   : name,
            name);
    }
    m_priority = newCombo(m_filters, "queuePriorityFilter", tr("Priority filter"));
    m_priority->addItem(tr("All priorities"));
    m_priority->addItem(tr("Urgent"), priorityName(Priority::Urgent));
    m_priority->addItem(tr("High"), priorityName(Priority::High));
    m_priority->addItem(tr("Normal"), priorityName(Priority::Normal));
    m_priority->addItem(tr("Low"), priorityName(Priority::Low));
    m_priority->addItem(tr("No priority"), QStringLiteral("none"));
    m_date = newCombo(m_filters, "queueDateFilter", tr("Import date filter"));
    m_date->addItems({tr("Any time"), tr("Imported today"), tr("Last 7 days"), tr("Last 30 days"),
                      tr("This month"), tr("Custom range…")});
    m_from = newDateEdit(m_filters, "queueDateFrom", tr("Imported from"));
    m_from->setDate(QDate::currentDate().addDays(-6));
    m_to = newDateEdit(m_filters, "queueDateTo", tr("Imported until"));
    m_dash = new QLabel(QStringLiteral("–"), m_filters);
    m_clear = new QToolButton(m_filters);
    m_clear->setObjectName(QStringLiteral("queueClearFilters"));
    m_clear->setText(tr("Clear"));
    m_clear->setAutoRaise(true);
    m_clear->setToolTip(tr("Show all types, priorities and dates"));
    auto *filterRow = new QHBoxLayout(m_filters);
    filterRow->setContentsMargins(0, 0, 0, 0);
    filterRow->setSpacing(6);
    filterRow->addWidget(m_type);
    filterRow->addWidget(m_priority);
    filterRow->addWidget(m_date);
    filterRow->addWidget(m_from);
    filterRow->addWidget(m_dash);
    filterRow->addWidget(m_to);
    filterRow->addStretch(1);
    filterRow->addWidget(m_clear);
    m_from->setVisible(false);
    m_to->setVisible(false);
    m_dash->setVisible(false);
    m_filters->setVisible(false);

    m_view = new QueueView(this);
    m_view->setQueueModel(model);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("queueCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);
    m_count->setTextFormat(Qt::PlainText);
    m_count->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widens the panel

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);

    auto *filters = new QHBoxLayout;
    filters->setSpacing(6);
    filters->addWidget(m_status);
    filters->addWidget(m_search, 1);
    filters->addWidget(m_filtersButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 4);
    layout->setSpacing(6);
    layout->addLayout(filters);
    layout->addWidget(m_filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_count);
    setTabOrder(m_status, m_search);
    setTabOrder(m_search, m_filtersButton);
    setTabOrder(m_filtersButton, m_type);
    setTabOrder(m_type, m_priority);
    setTabOrder(m_priority, m_date);
    setTabOrder(m_date, m_from);
    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_clear);
    setTabOrder(m_clear, m_view);

    connect(m_status, &QComboBox::currentIndexChanged, this, &QueuePanel::applyFilter);
    connect(m_type, &QComboBox::currentIndexChanged, this, &QueuePanel::applyFilter);
    connect(m_priority, &QComboBox::currentIndexChanged, this, &QueuePanel::applyFilter);
    connect(m_date, &QComboBox::currentIndexChanged, this, [this](int index) {
        const bool custom = index == CustomRange;
        m_from->setVisible(custom);
        m_to->setVisible(custom);
        m_dash->setVisible(custom);
        applyFilter();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &QueuePanel::applyFilter);
    connect(m_to, &QDateEdit::dateChanged, this, &QueuePanel::applyFilter);
    connect(m_clear, &QToolButton::clicked, this, &QueuePanel::clearFilters);
    connect(m_filtersButton, &QToolButton::toggled, this, [this](bool on) {
        m_filters->setVisible(on);
        QSettings().setValue(kFiltersShownKey, on);
        if (on && m_filtersButton->hasFocus())
            m_type->setFocus(Qt::TabFocusReason);
    });
    m_filtersButton->setChecked(QSettings().value(kFiltersShownKey, false).toBool());
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, &QueuePanel::applyFilter);
    connect(model, &QAbstractItemModel::modelReset, this, &QueuePanel::updateCount);
    connect(model, &QAbstractItemModel::rowsInserted, this, &QueuePanel::updateCount);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &QueuePanel::updateCount);
    connect(model, &QueueModel::refreshed, this, &QueuePanel::updateCount);
    updateFiltersButton();
    updateCount();
}

QList<DocumentStatus> QueuePanel::selectedStatuses() const
{
    const auto filters = statusFilters();
    const int i = m_status->currentIndex();
    return i >= 0 && i < filters.size() ? filters.at(i).statuses : QList<DocumentStatus>();
}

int QueuePanel::activeFilters() const
{
    return (m_type->currentIndex() > 0 ? 1 : 0) + (m_priority->currentIndex() > 0 ? 1 : 0) +
           (m_date->currentIndex() > 0 ? 1 : 0);
}

void QueuePanel::updateFiltersButton()
{
    const int active = activeFilters();
    m_filtersButton->setText(active > 0 ? tr("Filters (%1)").arg(active) : tr("Filters"));
    m_clear->setEnabled(active > 0);
}

void QueuePanel::clearFilters()
{
    const QSignalBlocker type(m_type), priority(m_priority), date(m_date), search(m_search);
    m_type->setCurrentIndex(0);
    m_priority->setCurrentIndex(0);
    m_date->setCurrentIndex(AnyDate);
    m_from->setVisible(false);
    m_to->setVisible(false);
    m_dash->setVisible(false);
    m_search->clear();
    applyFilter();
}

void QueuePanel::applyFilter()
{
    QueueQuery query = m_model->query();
    query.statuses = selectedStatuses();
    query.search = m_search->text().trimmed();
    query.documentType = m_type->currentData().toString();
    query.priority = m_priority->currentData().toString();
    const QDate today = QDate::currentDate();
    switch (DateRange(m_date->currentIndex())) {
    case Today:
        query.from = query.to = today;
        break;
    case Last7Days:
        query.from = today.addDays(-6);
        query.to = today;
        break;
    case Last30Days:
        query.from = today.addDays(-29);
        query.to = today;
        break;
    case ThisMonth:
        query.from = QDate(today.year(), today.month(), 1);
        query.to = today;
        break;
    case CustomRange:
        query.from = std::min(m_from->date(), m_to->date());
        query.to = std::max(m_from->date(), m_to->date());
        break;
    case AnyDate:
    default:
        query.from = query.to = QDate();
        break;
    }
    updateFiltersButton();
    const qint64 selected = m_view->currentDocumentId();
    m_model->setQuery(query);
    if (selected != 0 && m_model->rowForId(selected) >= 0)
        m_view->selectDocument(selected);
}

// "12 of 463 documents · Needs review 12 · Failed 1", and the counts in the status combo.
void QueuePanel::updateCount()
{
    const QMap<DocumentStatus, int> counts = m_model->statusCounts();
    const auto filters = statusFilters();
    for (int i = 0; i < filters.size() && i < m_status->count(); ++i) {
        const QString label = tr(filters.at(i).label);
        m_status->setItemText(i, counts.isEmpty() ? label
                                                  : tr("%1 (%2)").arg(label).arg(
                                                        sumOf(counts, filters.at(i).statuses)));
    }
    const int total = m_model->totalCount();
    const int all = sumOf(counts, {});
    QString text;
    if (total == 0)
        text = tr("No documents");
    else if (total == all)
        text = total == 1 ? tr("1 document") : tr("%1 documents").arg(total);
    else
        text = tr("%1 of %2 documents").arg(total).arg(all);
    QStringList parts;
    for (int i = 1; i < filters.size(); ++i) {
        const int n = sumOf(counts, filters.at(i).statuses);
        if (n > 0)
            parts << tr("%1 %2").arg(tr(filters.at(i).label)).arg(n);
    }
    if (!parts.isEmpty() && total > 0)
        text += QStringLiteral(" · ") + parts.join(QStringLiteral(" · "));
    m_count->setText(text);
    m_count->setToolTip(text);
}

} // namespace docket
