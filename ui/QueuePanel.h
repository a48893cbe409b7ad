#pragma once

#include "core/Document.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace docket {

class QueueModel;
class QueueView;

// The left side: the status filter (each entry with its count) and the search above the
// queue table; a "Filters" button opens a second row with the document type, the priority
// and the import date (any time, today, last 7 or 30 days, this month, a custom range); below
// the table, how many documents are shown and the counts per status. Counts follow the
// queue as it refreshes (live, see QueueModel). Ctrl+F focuses the search.
class QueuePanel : public QWidget
{
    Q_OBJECT
public:
    // Entries of the date filter, in combo order.
    enum DateRange
    {
        AnyDate,
        Today,
        Last7Days,
        Last30Days,
        ThisMonth,
        CustomRange
    };

    explicit QueuePanel(QueueModel *model, QWidget *parent = nullptr);

    QueueView *view() const { return m_view; }
    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *statusFilter() const { return m_status; }
    QComboBox *typeFilter() const { return m_type; }
    QComboBox *priorityFilter() const { return m_priority; }
    QComboBox *dateFilter() const { return m_date; }
    QToolButton *filtersButton() const { return m_filtersButton; }
    // Clears type, priority, date and search (the status filter stays).
    void clearFilters();

private:
    void applyFilter();
    void updateCount();
    void updateFiltersButton();
    int activeFilters() const;
    QList<DocumentStatus> selectedStatuses() const;

    QueueModel *m_model;
    QueueView *m_view = nullptr;
    QComboBox *m_status = nullptr;
    QLineEdit *m_search = nullptr;
    QToolButton *m_filtersButton = nullptr;
    QWidget *m_filters = nullptr;
    QComboBox *m_type = nullptr;
    QComboBox *m_priority = nullptr;
    QComboBox *m_date = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QLabel *m_dash = nullptr;
    QToolButton *m_clear = nullptr;
    QLabel *m_count = nullptr;
    QTimer *m_searchTimer = nullptr;
};

} // namespace docket
