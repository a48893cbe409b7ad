#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;

namespace docket {

class QueueModel;
class QueueView;

// The left side: filters above the queue table and a count below it.
class QueuePanel : public QWidget
{
    Q_OBJECT
public:
    explicit QueuePanel(QueueModel *model, QWidget *parent = nullptr);

    QueueView *view() const { return m_view; }
    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *statusFilter() const { return m_status; }

private:
    void applyFilter();
    void updateCount();

    QueueModel *m_model;
    QueueView *m_view = nullptr;
    QComboBox *m_status = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_count = nullptr;
    QTimer *m_searchTimer = nullptr;
};

} // namespace docket
