#include "DashboardLoader.h"

#include "storage/Database.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace docket {

namespace {

struct Outcome
{
    DashboardSnapshot snapshot;
    QString error;
};

// One thread: loads queue behind each other instead of competing with the pipeline.
QThreadPool *dashboardPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(1);
        p->setObjectName(QStringLiteral("docket-dashboard"));
        return p;
    }();
    return pool;
}

Outcome compute(const QString &url, const QDateTime &from, const QDateTime &to,
                const BudgetLimits &budgets)
{
    QElapsedTimer timer;
    timer.start();
    Outcome out;
    out.snapshot.budgets = budgets;
    auto db = Database::open(url); // this thread's own connection, closed on return
    if (!db) {
        out.error = db.error().message;
        return out;
    }
    auto figures = DashboardQueries(*db.value()).figures(from, to);
    if (!figures) {
        out.error = figures.error().message;
        return out;
    }
    out.snapshot.figures = figures.takeValue();
    out.snapshot.elapsedMs = timer.elapsed();
    return out;
}

} // namespace

DashboardLoader::DashboardLoader(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<docket::DashboardSnapshot>();
}

DashboardLoader::~DashboardLoader() = default;

void DashboardLoader::load(const QString &databaseUrl, const QDateTime &from, const QDateTime &to,
                           const BudgetLimits &budgets)
{
    const quint64 generation = ++m_generation;
    ++m_pending;
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        --m_pending;
        const Outcome outcome = watcher->result();
        if (generation != m_generation)
            return; // superseded by a newer load
        if (outcome.error.isEmpty())
            Q_EMIT loaded(outcome.snapshot);
        else
            Q_EMIT failed(outcome.error);
    });
    watcher->setFuture(QtConcurrent::run(dashboardPool(), compute, databaseUrl, from, to, budgets));
}

} // namespace docket
