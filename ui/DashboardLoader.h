#pragma once

#include "cost/BudgetLimits.h"
#include "storage/DashboardQueries.h"

#include <QDateTime>
#include <QObject>
#include <QString>

namespace docket {

// The dashboard's figures with the budgets they are shown against.
struct DashboardSnapshot
{
    DashboardFigures figures;
    BudgetLimits budgets;
    qint64 elapsedMs = 0; // time the queries took
};

// Computes dashboard figures on a background thread with its own database connection and
// delivers them queued in the owner's thread; the owner never waits. A newer load supersedes
// an older one still running (its result is dropped).
class DashboardLoader : public QObject
{
    Q_OBJECT
public:
    explicit DashboardLoader(QObject *parent = nullptr);
    ~DashboardLoader() override;

    void load(const QString &databaseUrl, const QDateTime &from, const QDateTime &to,
              const BudgetLimits &budgets);
    bool isLoading() const { return m_pending > 0; }

Q_SIGNALS:
    void loaded(const docket::DashboardSnapshot &snapshot);
    void failed(const QString &message);

private:
    quint64 m_generation = 0;
    int m_pending = 0;
};

} // namespace docket

Q_DECLARE_METATYPE(docket::DashboardSnapshot)
