// Shared-mode benchmark (prints figures, asserts nothing):
//  1. documents per minute with 1, 2 and 4 `docket worker` processes (--jobs 1 each) on one
//     PostgreSQL, from `docket import` of small generated invoices;
//  2. claim latency (DocumentRepository::claimNext) with 4 pollers on their own connections;
//  3. the dashboard's time to open (CostDashboard until its figures are shown, and the
//     queries alone) on 100,000 usage rows, SQLite and PostgreSQL.
#include "../storage/UsageRows.h"
#include "fixtures/Fixtures.h"
#include "storage/DashboardQueries.h"
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/Sql.h"
#include "support/PostgresServer.h"
#include "ui/CostDashboard.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <vector>

using namespace docket;

namespace {

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t rank =
        std::clamp<size_t>(size_t(std::ceil(p / 100.0 * double(v.size()))), 1, v.size());
    return v[rank - 1];
}

bool runDocket(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(DOCKET_BINARY), args);
    if (!p.waitForFinished(600000) || p.exitCode() != 0) {
        print(QStringLiteral("docket %1 failed: %2")
                  .arg(args.value(0), QString::fromUtf8(p.readAllStandardError())));
        return false;
    }
    return true;
}

void workersThroughput(test::PostgresServer &pg, const QString &in, const QString &dataRoot,
                       int documents)
{
    for (int workers : {1, 2, 4}) {
        const QString url = pg.createDatabase();
        const QString data = QDir(dataRoot).filePath(QString::number(workers));
        if (!runDocket({QStringLiteral("import"), QStringLiteral("--db"), url,
                        QStringLiteral("--data"), data, in}))
            return;
        QElapsedTimer timer;
        timer.start();
        std::vector<std::unique_ptr<QProcess>> processes;
        for (int i = 0; i < workers; ++i) {
            auto p = std::make_unique<QProcess>();
            p->start(QStringLiteral(DOCKET_BINARY),
                     {QStringLiteral("worker"), QStringLiteral("--db"), url,
                      QStringLiteral("--data"), data, QStringLiteral("--jobs"), QStringLiteral("1"),
                      QStringLiteral("--until-empty"), QStringLiteral("--poll"),
                      QStringLiteral("0.2"), QStringLiteral("--json")});
            processes.push_back(std::move(p));
        }
        int lines = 0;
        for (auto &p : processes) {
            p->waitForFinished(1800000);
            lines += int(p->readAllStandardOutput().count('\n'));
        }
        const double seconds = double(timer.elapsed()) / 1000.0;
        print(QStringLiteral("workers=%1 documents=%2 seconds=%3 documents_per_minute=%4")
                  .arg(workers)
                  .arg(lines)
                  .arg(seconds, 0, 'f', 1)
                  .arg(60.0 * lines / seconds, 0, 'f', 1));
        if (lines != documents)
            print(QStringLiteral("  warning: %1 documents expected").arg(documents));
    }
}

void claimLatency(test::PostgresServer &pg, int queue)
{
    const QString url = pg.createDatabase();
    {
        auto db = Database::open(url);
        if (!db)
            return;
        db.value()->transaction([&]() -> Status {
            DocumentRepository documents(*db.value());
            for (int i = 0; i < queue; ++i) {
                Document d;
                d.sha256 = QStringLiteral("%1").arg(i, 64, 16, QLatin1Char('0'));
                d.fileName = QStringLiteral("q-%1.pdf").arg(i);
                if (auto r = documents.insertOrFind(d); !r)
                    return r.error();
            }
            return {};
        });
    }
    std::mutex mutex;
    std::vector<double> claims, empty;
    std::atomic_int claimed{0};
    std::vector<std::unique_ptr<QThread>> threads;
    for (int w = 0; w < 4; ++w) {
        threads.emplace_back(QThread::create([&, w] {
            auto db = Database::open(url);
            if (!db)
                return;
            DocumentRepository documents(*db.value());
            const QString worker = QStringLiteral("bench/%1").arg(w);
            std::vector<double> mine, mineEmpty;
            for (;;) {
                QElapsedTimer t;
                t.start();
                auto c = documents.claimNext(worker, 900);
                const double ms = double(t.nsecsElapsed()) / 1e6;
                if (!c || !c.value())
                    break;
                mine.push_back(ms);
                ++claimed;
            }
            for (int i = 0; i < 50; ++i) {
                QElapsedTimer t;
                t.start();
                documents.claimNext(worker, 900);
                mineEmpty.push_back(double(t.nsecsElapsed()) / 1e6);
            }
            std::lock_guard lock(mutex);
            claims.insert(claims.end(), mine.begin(), mine.end());
            empty.insert(empty.end(), mineEmpty.begin(), mineEmpty.end());
        }));
    }
    QElapsedTimer total;
    total.start();
    for (auto &t : threads)
        t->start();
    for (auto &t : threads)
        t->wait();
    print(QStringLiteral("claim latency, 4 pollers, %1 queued: claimed=%2 p50=%3 ms p95=%4 ms "
                         "max=%5 ms; empty queue p50=%6 ms p95=%7 ms; drained in %8 s")
              .arg(queue)
              .arg(claimed.load())
              .arg(percentile(claims, 50), 0, 'f', 2)
              .arg(percentile(claims, 95), 0, 'f', 2)
              .arg(percentile(claims, 100), 0, 'f', 2)
              .arg(percentile(empty, 50), 0, 'f', 2)
              .arg(percentile(empty, 95), 0, 'f', 2)
              .arg(double(total.elapsed()) / 1000.0, 0, 'f', 1));
}

bool fillUsage(const QString &url, int rows)
{
    auto db = Database::open(url);
    if (!db)
        return false;
    const Status s = bench::fillUsage(*db.value(), rows, QDateTime::currentDateTimeUtc());
    if (!s)
        print(QStringLiteral("filling usage failed: %1").arg(s.error().message));
    return bool(s);
}

void dashboardOpen(const QString &label, const QString &url, int rows)
{
    if (!fillUsage(url, rows))
        return;
    const QDate to = QDate::currentDate();
    const QDate from = to.addDays(-29);
    std::vector<double> queries, open;
    for (int i = 0; i < 5; ++i) {
        {
            auto db = Database::open(url);
            QElapsedTimer t;
            t.start();
            auto f = DashboardQueries(*db.value())
                         .figures(from.startOfDay(), to.addDays(1).startOfDay());
            queries.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        QElapsedTimer t;
        t.start();
        CostDashboard dashboard(url);
        dashboard.resize(1200, 800);
        dashboard.show();
        while (!dashboard.isReady())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QCoreApplication::processEvents(); // the charts painted
        open.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    print(QStringLiteral("dashboard %1, %2 usage rows (last 30 days shown): open median=%3 ms "
                         "max=%4 ms; queries alone median=%5 ms")
              .arg(label)
              .arg(rows)
              .arg(percentile(open, 50), 0, 'f', 0)
              .arg(percentile(open, 100), 0, 'f', 0)
              .arg(percentile(queries, 50), 0, 'f', 0));
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int documents = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 120;
    const int usageRows = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 100000;
    QTemporaryDir dir;
    test::PostgresServer pg;
    if (!pg.start()) {
        print(QStringLiteral("PostgreSQL: %1").arg(pg.errorString()));
        return 1;
    }
    print(QStringLiteral("cores=%1").arg(QThread::idealThreadCount()));

    const QString in = dir.filePath(QStringLiteral("in"));
    QDir().mkpath(in);
    for (int i = 0; i < documents; ++i)
        test::writePdf(QDir(in).filePath(QStringLiteral("inv-%1.pdf").arg(i)),
                       {test::invoicePage(QStringLiteral("Bench Vendor %1").arg(i % 13),
                                          QStringLiteral("B-%1").arg(5000 + i),
                                          QStringLiteral("2024-02-%1").arg(i % 28 + 1),
                                          QStringLiteral("%1.75").arg(40 + i))});
    if (documents > 0) { // bench_worker 0 [ROWS]: the dashboard only
        workersThroughput(pg, in, dir.filePath(QStringLiteral("data")), documents);
        claimLatency(pg, 2000);
    }
    dashboardOpen(QStringLiteral("SQLite"), dir.filePath(QStringLiteral("usage.sqlite")),
                  usageRows);
    dashboardOpen(QStringLiteral("PostgreSQL"), pg.createDatabase(), usageRows);
    return 0;
}
