#include "cost/BudgetGuard.h"
#include "cost/InMemoryUsageLedger.h"

#include <QAtomicInt>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <vector>

using namespace docket;

namespace {

const QDateTime kNow(QDate(2026, 11, 23), QTime(15, 0), Qt::LocalTime);

UsdAmount usd(const char *text)
{
    return *UsdAmount::parse(QString::fromLatin1(text));
}

UsageEntry spend(const UsdAmount &cost, const QDateTime &when = kNow)
{
    UsageEntry r;
    r.time = when;
    r.provider = QStringLiteral("openai");
    r.model = QStringLiteral("gpt-5-mini");
    r.step = QStringLiteral("extract");
    r.documentId = 7;
    r.inputTokens = 1000;
    r.outputTokens = 100;
    r.cost = cost;
    return r;
}

class FailingLedger : public UsageLedger
{
public:
    bool failReads = false;
    Status record(const UsageEntry &) override
    {
        return Status::failure(QStringLiteral("db"), QStringLiteral("database is locked"));
    }
    Result<UsageTotals> totals(const QDateTime &, const QDateTime &) const override
    {
        if (failReads)
            return Error{QStringLiteral("db"), QStringLiteral("database is locked")};
        return UsageTotals{};
    }
    Result<QList<UsageEntry>> records(const QDateTime &, const QDateTime &) const override
    {
        return QList<UsageEntry>{};
    }
};

} // namespace

Q_DECLARE_METATYPE(BudgetVerdict)

class TestBudgetGuard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void boundaries_data();
    void boundaries();
    void messagesNameBudgetAndAmounts();
    void periods();
    void reserveAndSettle();
    void reservationReleasedWhenDropped();
    void concurrentReservationsNeverExceed_data();
    void concurrentReservationsNeverExceed();
    void raisingTheBudget();
    void limitsFromASource();
    void limitsFromSettingsAndEnvironment();
    void ledgerFailures();
    void ledgerSums();
};

void TestBudgetGuard::boundaries_data()
{
    QTest::addColumn<QString>("daily");
    QTest::addColumn<QString>("monthly");
    QTest::addColumn<QString>("spentToday");
    QTest::addColumn<QString>("estimate");
    QTest::addColumn<BudgetVerdict>("verdict");
    QTest::addColumn<QString>("budget");
    const auto allow = BudgetVerdict::Allow;
    const auto warn = BudgetVerdict::Warn;
    const auto block = BudgetVerdict::Block;
    QTest::newRow("no budgets") << ""
                                << ""
                                << "500"
                                << "100" << allow << "";
    QTest::newRow("well below") << "10"
                                << ""
                                << "0"
                                << "1" << allow << "";
    QTest::newRow("just below 80%") << "10"
                                    << ""
                                    << "0"
                                    << "7.999999999" << allow << "";
    QTest::newRow("80% exactly warns") << "10"
                                       << ""
                                       << "0"
                                       << "8" << warn << "daily";
    QTest::newRow("80% with spending") << "10"
                                       << ""
                                       << "5"
                                       << "3" << warn << "daily";
    QTest::newRow("100% exactly is allowed") << "10"
                                             << ""
                                             << "9"
                                             << "1" << warn << "daily";
    QTest::newRow("a nanodollar over blocks") << "10"
                                              << ""
                                              << "9"
                                              << "1.000000001" << block << "daily";
    QTest::newRow("already over") << "10"
                                  << ""
                                  << "10.5"
                                  << "0" << block << "daily";
    QTest::newRow("zero budget, free request") << "0"
                                               << ""
                                               << "0"
                                               << "0" << warn << "daily";
    QTest::newRow("zero budget") << "0"
                                 << ""
                                 << "0"
                                 << "0.000001" << block << "daily";
    QTest::newRow("monthly warns") << ""
                                   << "100"
                                   << "85"
                                   << "1" << warn << "monthly";
    QTest::newRow("monthly blocks") << ""
                                    << "100"
                                    << "99.5"
                                    << "1" << block << "monthly";
    QTest::newRow("block beats warn") << "100"
                                      << "10"
                                      << "8.5"
                                      << "2" << block << "monthly";
    QTest::newRow("warn beats allow") << "100"
                                      << "10"
                                      << "7"
                                      << "1" << warn << "monthly";
    QTest::newRow("daily decides first") << "10"
                                         << "10"
                                         << "9"
                                         << "2" << block << "daily";
}

void TestBudgetGuard::boundaries()
{
    QFETCH(QString, daily);
    QFETCH(QString, monthly);
    QFETCH(QString, spentToday);
    QFETCH(QString, estimate);
    QFETCH(BudgetVerdict, verdict);
    QFETCH(QString, budget);
    InMemoryUsageLedger ledger;
    QVERIFY(ledger.record(spend(*UsdAmount::parse(spentToday))).ok());
    BudgetLimits limits;
    if (!daily.isEmpty())
        limits.daily = UsdAmount::parse(daily);
    if (!monthly.isEmpty())
        limits.monthly = UsdAmount::parse(monthly);
    BudgetGuard guard(&ledger, limits);
    guard.setClock([] { return kNow; });
    const BudgetCheck c = guard.check(*UsdAmount::parse(estimate));
    QCOMPARE(c.verdict, verdict);
    QCOMPARE(c.budget, budget);
    QCOMPARE(c.allowed(), verdict != BudgetVerdict::Block);
    QCOMPARE(c.message.isEmpty(), verdict == BudgetVerdict::Allow);
    // reserve() agrees with check() and grants only what is allowed.
    BudgetReservation r = guard.reserve(*UsdAmount::parse(estimate));
    QCOMPARE(r.check().verdict, verdict);
    QCOMPARE(r.isActive(), verdict != BudgetVerdict::Block);
}

void TestBudgetGuard::messagesNameBudgetAndAmounts()
{
    InMemoryUsageLedger ledger;
    ledger.record(spend(usd("9.50")));
    BudgetGuard guard(&ledger, {usd("10"), usd("200")});
    guard.setClock([] { return kNow; });
    const BudgetCheck block = guard.check(usd("0.75"));
    QCOMPARE(block.verdict, BudgetVerdict::Block);
    QVERIFY2(block.message.contains(QStringLiteral("Daily budget")), qPrintable(block.message));
    QVERIFY2(block.message.contains(QStringLiteral("$10.00")), qPrintable(block.message));
    QVERIFY2(block.message.contains(QStringLiteral("$9.50")), qPrintable(block.message));
    QVERIFY2(block.message.contains(QStringLiteral("$0.75")), qPrintable(block.message));
    QVERIFY2(block.message.contains(QStringLiteral("$10.25")), qPrintable(block.message));
    QCOMPARE(block.limit, usd("10"));
    QCOMPARE(block.spent, usd("9.50"));
    QCOMPARE(block.after(), usd("10.25"));
    const BudgetCheck warn = guard.check(usd("0.0042"));
    QCOMPARE(warn.verdict, BudgetVerdict::Warn);
    QVERIFY2(warn.message.contains(QStringLiteral("$0.0042")), qPrintable(warn.message));
    QVERIFY2(warn.message.contains(QStringLiteral("95%")), qPrintable(warn.message));
    QCOMPARE(warn.percentAfter, 95);

    BudgetGuard monthly(&ledger, {std::nullopt, usd("10")});
    monthly.setClock([] { return kNow; });
    QVERIFY(monthly.check(usd("1")).message.contains(QStringLiteral("Monthly budget")));
}

void TestBudgetGuard::periods()
{
    InMemoryUsageLedger ledger;
    ledger.record(spend(usd("5"), kNow.addDays(-1)));    // yesterday, this month
    ledger.record(spend(usd("50"), kNow.addMonths(-1))); // last month
    ledger.record(spend(usd("1"), kNow.addSecs(-3600)));
    BudgetGuard guard(&ledger, {usd("2"), usd("10")});
    guard.setClock([] { return kNow; });
    // Today: 1 spent; this month: 6.
    QCOMPARE(guard.check(usd("0.5")).verdict, BudgetVerdict::Allow);
    QCOMPARE(guard.check(usd("1")).verdict, BudgetVerdict::Warn);    // 2 of 2 today
    QCOMPARE(guard.check(usd("1.5")).verdict, BudgetVerdict::Block); // 2.5 of 2 today
    guard.setLimits({std::nullopt, usd("10")});
    QCOMPARE(guard.check(usd("2")).verdict, BudgetVerdict::Warn); // 8 of 10 this month
    QCOMPARE(guard.check(usd("4.5")).verdict, BudgetVerdict::Block);
    // A new day starts at local midnight; a new month on the first.
    guard.setLimits({usd("2"), std::nullopt});
    guard.setClock([] { return QDateTime(QDate(2026, 11, 24), QTime(0, 0), Qt::LocalTime); });
    QCOMPARE(guard.check(usd("1.5")).verdict, BudgetVerdict::Allow);
}

void TestBudgetGuard::reserveAndSettle()
{
    InMemoryUsageLedger ledger;
    BudgetGuard guard(&ledger, {usd("10"), std::nullopt});
    guard.setClock([] { return kNow; });
    BudgetReservation first = guard.reserve(usd("6"));
    QVERIFY(first.isActive());
    QCOMPARE(first.check().verdict, BudgetVerdict::Allow);
    QCOMPARE(guard.reserved(), usd("6"));
    // The reservation counts: 6 reserved + 5 > 10.
    BudgetReservation second = guard.reserve(usd("5"));
    QVERIFY(!second.isActive());
    QCOMPARE(second.check().verdict, BudgetVerdict::Block);
    QCOMPARE(second.check().spent, usd("6"));
    QVERIFY(!second.settle(spend(usd("1"))).ok());
    // Settled with the actual (smaller) cost: the ledger has it, the reservation is gone.
    QVERIFY(first.settle(spend(usd("2"))).ok());
    QVERIFY(!first.isActive());
    QCOMPARE(guard.reserved(), UsdAmount());
    QCOMPARE(ledger.day(kNow.date()).value().cost, usd("2"));
    QCOMPARE(ledger.size(), 1);
    QVERIFY(!first.settle(spend(usd("2"))).ok()); // once only
    BudgetReservation third = guard.reserve(usd("5"));
    QCOMPARE(third.check().verdict, BudgetVerdict::Allow); // 7 of 10
    third.release();
    QCOMPARE(guard.reserved(), UsdAmount());
    QCOMPARE(ledger.size(), 1);
    // A settlement without a time is stamped with the guard's clock.
    BudgetReservation fourth = guard.reserve(usd("1"));
    UsageEntry undated = spend(usd("1"));
    undated.time = QDateTime();
    QVERIFY(fourth.settle(undated).ok());
    QCOMPARE(ledger.day(kNow.date()).value().cost, usd("3"));
}

void TestBudgetGuard::reservationReleasedWhenDropped()
{
    BudgetGuard guard(nullptr, {usd("1"), std::nullopt});
    guard.setClock([] { return kNow; });
    {
        BudgetReservation r = guard.reserve(usd("0.9"));
        QVERIFY(r.isActive());
        BudgetReservation moved = std::move(r);
        QVERIFY(!r.isActive());
        QVERIFY(moved.isActive());
        QCOMPARE(guard.reserved(), usd("0.9"));
    }
    QCOMPARE(guard.reserved(), UsdAmount());
    QCOMPARE(guard.reserve(usd("0.9")).check().verdict, BudgetVerdict::Warn);
}

void TestBudgetGuard::concurrentReservationsNeverExceed_data()
{
    QTest::addColumn<bool>("holdWhileSending");
    QTest::newRow("settle at once") << false;
    QTest::newRow("hold reservations") << true;
}

void TestBudgetGuard::concurrentReservationsNeverExceed()
{
    QFETCH(bool, holdWhileSending);
    InMemoryUsageLedger ledger;
    const UsdAmount budget = usd("10");
    const UsdAmount estimate = usd("0.013");
    BudgetGuard guard(&ledger, {budget, budget});
    guard.setClock([] { return kNow; });
    constexpr int kThreads = 4;
    constexpr int kAttempts = 250;
    QAtomicInt granted;
    QAtomicInt overBudget;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back(QThread::create([&] {
            for (int i = 0; i < kAttempts; ++i) {
                BudgetReservation r = guard.reserve(estimate);
                if (!r.isActive())
                    continue;
                granted.fetchAndAddOrdered(1);
                // Ledger first, then reservations: a settlement in between can only make
                // the sum smaller, never count a request twice.
                const UsdAmount recorded = ledger.day(kNow.date()).value().cost;
                if (recorded + guard.reserved() > budget)
                    overBudget.fetchAndAddOrdered(1);
                if (holdWhileSending)
                    QThread::yieldCurrentThread();
                if (!r.settle(spend(estimate)).ok())
                    overBudget.fetchAndAddOrdered(1);
            }
        }));
        threads.back()->start();
    }
    for (auto &thread : threads)
        QVERIFY(thread->wait(60000));
    const UsdAmount spent = ledger.day(kNow.date()).value().cost;
    QVERIFY2(spent <= budget, qPrintable(spent.toString()));
    QCOMPARE(overBudget.loadAcquire(), 0);
    // 10 / 0.013 = 769.2: exactly 769 requests fit, whatever the interleaving.
    QCOMPARE(granted.loadAcquire(), 769);
    QCOMPARE(ledger.size(), 769);
    QCOMPARE(guard.reserved(), UsdAmount());
    QCOMPARE(guard.check(estimate).verdict, BudgetVerdict::Block);
}

void TestBudgetGuard::raisingTheBudget()
{
    InMemoryUsageLedger ledger;
    ledger.record(spend(usd("10")));
    BudgetGuard guard(&ledger, {usd("10"), std::nullopt});
    guard.setClock([] { return kNow; });
    QCOMPARE(guard.check(usd("1")).verdict, BudgetVerdict::Block);
    guard.setLimits({usd("20"), std::nullopt});
    QCOMPARE(guard.limits().daily, usd("20"));
    QCOMPARE(guard.check(usd("1")).verdict, BudgetVerdict::Allow);
}

// A shared database's budgets: asked at every check; unreadable keeps the last ones.
void TestBudgetGuard::limitsFromASource()
{
    InMemoryUsageLedger ledger;
    QVERIFY(ledger.record(spend(usd("5"))).ok());
    BudgetLimits none;
    BudgetGuard guard(&ledger, none);
    guard.setClock([] { return kNow; });
    std::optional<BudgetLimits> shared;
    guard.setLimitsSource([&shared] { return shared; });
    QCOMPARE(guard.check(usd("1")).verdict, BudgetVerdict::Allow); // nothing readable yet
    BudgetLimits five;
    five.daily = usd("5");
    shared = five;
    QCOMPARE(guard.check(usd("1")).verdict, BudgetVerdict::Block);
    QVERIFY(!guard.reserve(usd("1")).allowed());
    BudgetLimits raised;
    raised.daily = usd("100");
    shared = raised;
    QCOMPARE(guard.check(usd("1")).verdict, BudgetVerdict::Allow);
    shared.reset(); // unreadable: the last limits stand
    QCOMPARE(guard.check(usd("1")).verdict, BudgetVerdict::Allow);
    QCOMPARE(guard.limits(), raised);
}

void TestBudgetGuard::limitsFromSettingsAndEnvironment()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("docket.ini")), QSettings::IniFormat);
    QCOMPARE(BudgetLimits::fromSettings(settings), BudgetLimits());
    BudgetLimits saved{usd("25.5"), usd("300")};
    saved.save(settings);
    QCOMPARE(BudgetLimits::fromSettings(settings), saved);

    qunsetenv("DOCKET_DAILY_BUDGET_USD");
    qunsetenv("DOCKET_MONTHLY_BUDGET_USD");
    QCOMPARE(BudgetLimits::load(settings), saved);
    qputenv("DOCKET_DAILY_BUDGET_USD", "12.5");
    BudgetLimits fromEnv = BudgetLimits::load(settings);
    QCOMPARE(fromEnv.daily, usd("12.5"));
    QCOMPARE(fromEnv.monthly, usd("300"));
    qputenv("DOCKET_MONTHLY_BUDGET_USD", "0");
    QCOMPARE(BudgetLimits::load(settings).monthly, UsdAmount());
    // Malformed or negative values are ignored.
    qputenv("DOCKET_DAILY_BUDGET_USD", "lots");
    qputenv("DOCKET_MONTHLY_BUDGET_USD", "-5");
    QCOMPARE(BudgetLimits::load(settings), saved);
    QCOMPARE(BudgetLimits().withEnvironment(), BudgetLimits());
    qputenv("DOCKET_DAILY_BUDGET_USD", "");
    QCOMPARE(BudgetLimits().withEnvironment(), BudgetLimits());
    qunsetenv("DOCKET_DAILY_BUDGET_USD");
    qunsetenv("DOCKET_MONTHLY_BUDGET_USD");
    BudgetLimits().save(settings);
    QCOMPARE(BudgetLimits::fromSettings(settings), BudgetLimits());
}

void TestBudgetGuard::ledgerFailures()
{
    FailingLedger ledger;
    BudgetGuard guard(&ledger, {usd("10"), std::nullopt});
    guard.setClock([] { return kNow; });
    BudgetReservation r = guard.reserve(usd("3"));
    QVERIFY(r.isActive());
    // The usage could not be recorded: it stays counted at its actual cost.
    QVERIFY(!r.settle(spend(usd("4"))).ok());
    QCOMPARE(guard.reserved(), usd("4"));
    QCOMPARE(guard.check(usd("6.5")).verdict, BudgetVerdict::Block);
    // Spending that cannot be read blocks rather than risks the budget.
    ledger.failReads = true;
    const BudgetCheck c = guard.check(usd("0.01"));
    QCOMPARE(c.verdict, BudgetVerdict::Block);
    QVERIFY(c.message.contains(QStringLiteral("database is locked")));
    // Without budgets nothing is read.
    guard.setLimits({});
    QCOMPARE(guard.check(usd("0.01")).verdict, BudgetVerdict::Allow);
}

void TestBudgetGuard::ledgerSums()
{
    InMemoryUsageLedger ledger;
    UsageEntry a = spend(usd("0.5"));
    a.cachedTokens = 200;
    ledger.record(a);
    ledger.record(spend(usd("0.25"), kNow.addSecs(60)));
    ledger.record(spend(usd("1"), QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::LocalTime)));
    ledger.record(
        spend(usd("7"), QDateTime(QDate(2026, 10, 31), QTime(23, 59, 59), Qt::LocalTime)));
    const UsageTotals day = ledger.day(kNow.date()).value();
    QCOMPARE(day.requests, 2);
    QCOMPARE(day.cost, usd("0.75"));
    QCOMPARE(day.inputTokens, qint64(2000));
    QCOMPARE(day.cachedTokens, qint64(200));
    QCOMPARE(day.outputTokens, qint64(200));
    QCOMPARE(ledger.month(kNow.date()).value().cost, usd("1.75"));
    QCOMPARE(ledger.month(QDate(2026, 10, 5)).value().cost, usd("7"));
    const Usage usage = day.toUsage();
    QCOMPARE(usage.requests, 2);
    QCOMPARE(usage.costUsd, 0.75);
    // Days are local calendar days, whatever time zone a record was stamped in.
    InMemoryUsageLedger local;
    local.record(spend(usd("1"), QDateTime(QDate(2026, 11, 23), QTime(0, 30), Qt::LocalTime)));
    local.record(spend(usd("2"), QDateTime(QDate(2026, 11, 22), QTime(23, 30), Qt::LocalTime)));
    local.record(
        spend(usd("4"), QDateTime(QDate(2026, 11, 23), QTime(23, 59), Qt::LocalTime).toUTC()));
    QCOMPARE(local.day(QDate(2026, 11, 23)).value().cost, usd("5"));
    QCOMPARE(local.day(QDate(2026, 11, 22)).value().cost, usd("2"));
    const auto records = ledger.records(UsageLedger::monthStart(kNow.date()), kNow.addDays(1));
    QCOMPARE(records.value().size(), 3);
    QCOMPARE(records.value().first().cost, usd("1"));
}

QTEST_GUILESS_MAIN(TestBudgetGuard)
#include "test_budget_guard.moc"
