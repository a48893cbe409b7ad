// The dashboard's queries alone (DashboardQueries::figures, what CostDashboard runs on its
// loader thread) on generated usage rows spread over 90 days, for the last 30 days:
//   bench_dashboard [ROWS] [DB-URL | postgres]
// (defaults: 100000 rows, a temporary SQLite file; "postgres": a throw-away PostgreSQL
// server started here, tests/support).
// Prints the median and maximum of 7 runs, each on a fresh connection as the loader opens
// one, and a checksum of the figures (equal before and after an optimisation).
#include "UsageRows.h"
#include "storage/DashboardQueries.h"
#include "storage/Database.h"
#include "support/PostgresServer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace docket;

namespace {

double checksum(const DashboardFigures &f)
{
    double sum =
        f.total.costUsd + double(f.total.inputTokens) + f.today.costUsd + f.thisMonth.costUsd +
        double(f.byProvider.size() + f.byModel.size() + f.byStep.size() + f.usagePerDay.size());
    for (const Usage &u : f.usagePerDay)
        sum += u.costUsd + double(u.outputTokens);
    return sum;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir tmp;
    const QStringList args = app.arguments();
    const int rows = args.size() > 1 ? args.at(1).toInt() : 100000;
    QString url = args.size() > 2 ? args.at(2) : tmp.filePath(QStringLiteral("dashboard.sqlite"));
    test::PostgresServer pg;
    if (url == QLatin1String("postgres")) {
        if (!pg.start()) {
            std::fprintf(stderr, "PostgreSQL: %s\n", qPrintable(pg.errorString()));
            return 1;
        }
        url = pg.createDatabase();
    }
    {
        auto db = Database::open(url);
        if (!db) {
            std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
            return 1;
        }
        // Relative to the start of today: the same rows fall in the period all day long, so
        // checksums of runs before and after a change compare.
        if (Status s =
                bench::fillUsage(*db.value(), rows, QDate::currentDate().startOfDay().toUTC());
            !s) {
            std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
            return 1;
        }
    }
    const QDate to = QDate::currentDate();
    const QDate from = to.addDays(-29);
    std::vector<double> times;
    double sum = 0;
    for (int i = 0; i < 7; ++i) {
        QElapsedTimer t;
        t.start();
        auto db = Database::open(url);
        if (!db)
            return 1;
        auto f =
            DashboardQueries(*db.value()).figures(from.startOfDay(), to.addDays(1).startOfDay());
        if (!f) {
            std::fprintf(stderr, "%s\n", qPrintable(f.error().message));
            return 1;
        }
        times.push_back(double(t.nsecsElapsed()) / 1e6);
        sum = checksum(f.value());
    }
    std::sort(times.begin(), times.end());
    std::printf("dashboard queries, %s, %d usage rows (last 30 days of 90): median %.0f ms, "
                "max %.0f ms (open + queries); checksum %.6f\n",
                Database::isPostgresUrl(url) ? "postgresql" : "sqlite", rows, times[3],
                times.back(), sum);
    return 0;
}
