#pragma once

#include "DashboardLoader.h"

#include <QDate>
#include <QWidget>

class QChartView;
class QComboBox;
class QDateEdit;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTimer;
class QTreeWidget;

namespace docket {

// The supervisor's cost and quality dashboard (objectName "costDashboard"): spend today and
// this month against the budgets; spend by provider, model, agent step and document type;
// cost per document over time; tokens and the prompt-cache hit rate; documents per hour;
// processing time percentiles; review and auto-approval rates; corrections per field;
// throughput per reviewer; a date range; CSV export.
//
// Figures are computed by a DashboardLoader on a background thread with its own database
// connection and shown when ready; the GUI thread never waits for a query. Refreshes itself
// every minute while visible.
class CostDashboard : public QWidget
{
    Q_OBJECT
public:
    explicit CostDashboard(const QString &databaseUrl, QWidget *parent = nullptr);
    ~CostDashboard() override;

    void setDatabaseUrl(const QString &url);
    // Local days, inclusive. Starts a refresh.
    void setRange(const QDate &from, const QDate &to);
    QDate from() const;
    QDate to() const;
    // The budgets shown (default: BudgetLimits::load(QSettings()) at each refresh).
    void setBudgets(const BudgetLimits &budgets);

    void refresh();
    bool isReady() const { return m_ready; } // figures of the current range are shown
    bool isLoading() const;
    const DashboardSnapshot &snapshot() const { return m_snapshot; }
    const DashboardFigures &figures() const { return m_snapshot.figures; }

    // Writes the shown figures (DashboardCsv); false with errorString() on failure.
    bool exportCsv(const QString &path);
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void ready();
    void loadFailed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void buildUi();
    void applyPreset(int index);
    void rangeEdited();
    void chooseExportFile();
    void display(const DashboardSnapshot &snapshot);
    void showSummary(const DashboardFigures &f, const BudgetLimits &budgets);
    void showCharts(const DashboardFigures &f);
    void showTable(const DashboardFigures &f);
    QLabel *addCard(const QString &objectName, const QString &title, int row, int column);

    QString m_url;
    DashboardLoader *m_loader = nullptr;
    DashboardSnapshot m_snapshot;
    std::optional<BudgetLimits> m_budgets;
    bool m_ready = false;
    bool m_updatingRange = false;
    QString m_error;

    QComboBox *m_preset = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_export = nullptr;
    QLabel *m_status = nullptr;
    QWidget *m_cards = nullptr;
    QProgressBar *m_dailyBar = nullptr;
    QProgressBar *m_monthlyBar = nullptr;
    QTabWidget *m_tabs = nullptr;
    QList<QChartView *>
        m_views; // provider, model, step, type, cost/doc, per hour, fields, reviewers
    QTreeWidget *m_table = nullptr;
    QTimer *m_timer = nullptr;
};

} // namespace docket
