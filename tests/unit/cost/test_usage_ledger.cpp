// DatabaseUsageLedger over a real SQLite file: one row per request, one spend seen through
// every connection of a shared database, and the budget guard over it.
#include "cost/BudgetGuard.h"
#include "cost/DatabaseUsageLedger.h"
#include "storage/Database.h"
#include "storage/UsageRepository.h"

#include <QTemporaryDir>
#include <QTest>

using namespace docket;

namespace {

UsdAmount usd(const char *text)
{
    return *UsdAmount::parse(QString::fromLatin1(text));
}

UsageEntry request(const UsdAmount &cost, qint64 documentId = 0,
                   const QDateTime &when = QDateTime::currentDateTimeUtc())
{
    UsageEntry e;
    e.time = when;
    e.provider = QStringLiteral("openai");
    e.model = QStringLiteral("gpt-4.1-mini");
    e.step = QStringLiteral("extract");
    e.documentId = documentId;
    e.inputTokens = 1200;
    e.cachedTokens = 1024;
    e.outputTokens = 80;
    e.cost = cost;
    return e;
}

} // namespace

class TestUsageLedger : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;

    std::unique_ptr<Database> open(const QString &file)
    {
        auto db = Database::open(m_dir.filePath(file));
        if (!db)
            qWarning() << db.error().message;
        return db ? db.takeValue() : nullptr;
    }
    QString freshFile() { return QStringLiteral("ledger%1.sqlite").arg(++m_n); }

private Q_SLOTS:
    void oneRowPerRequest()
    {
        auto db = open(freshFile());
        QVERIFY(db);
        DatabaseUsageLedger ledger(*db);
        QVERIFY(ledger.record(request(usd("0.000608"), 0)).ok());
        QVERIFY(ledger.record(request(usd("0.25"))).ok());
        auto rows = UsageRepository(*db).records(QDateTime::currentDateTimeUtc().addDays(-1),
                                                 QDateTime::currentDateTimeUtc().addDays(1));
        QVERIFY(rows.ok());
        QCOMPARE(rows.value().size(), 2);
        const UsageRecord &r = rows.value().first();
        QCOMPARE(r.provider, QStringLiteral("openai"));
        QCOMPARE(r.model, QStringLiteral("gpt-4.1-mini"));
        QCOMPARE(r.step, QStringLiteral("extract"));
        QCOMPARE(r.requests, 1);
        QCOMPARE(r.inputTokens, 1200);
        QCOMPARE(r.cachedTokens, 1024);
        QCOMPARE(r.outputTokens, 80);
        QCOMPARE(UsdAmount::fromDouble(r.costUsd), usd("0.000608"));

        auto back = ledger.records(QDateTime::currentDateTimeUtc().addDays(-1),
                                   QDateTime::currentDateTimeUtc().addDays(1));
        QVERIFY(back.ok());
        QCOMPARE(back.value().size(), 2);
        QCOMPARE(back.value().at(1).cost, usd("0.25"));
        auto today = ledger.day(QDate::currentDate());
        QVERIFY(today.ok());
        QCOMPARE(today.value().requests, 2);
        QCOMPARE(today.value().cost, usd("0.250608"));
    }

    // Two workstations (two connections, two ledgers, two guards) on one database: the
    // spend one records is the spend the other's budget sees.
    void oneSpendForEveryConnection()
    {
        const QString file = freshFile();
        auto first = open(file);
        auto second = open(file);
        QVERIFY(first && second);
        DatabaseUsageLedger ledgerA(*first, 0);
        DatabaseUsageLedger ledgerB(*second, 0);
        BudgetLimits limits;
        limits.daily = usd("1");
        BudgetGuard guardA(&ledgerA, limits);
        BudgetGuard guardB(&ledgerB, limits);

        QCOMPARE(guardB.check(usd("0.5")).verdict, BudgetVerdict::Allow);
        BudgetReservation r = guardA.reserve(usd("0.7"));
        QVERIFY(r.isActive());
        QVERIFY(r.settle(request(usd("0.7"))).ok());
        const BudgetCheck warn = guardB.check(usd("0.2"));
        QCOMPARE(warn.verdict, BudgetVerdict::Warn);
        QCOMPARE(warn.spent, usd("0.7"));
        QCOMPARE(warn.percentAfter, 90);
        const BudgetCheck block = guardB.check(usd("0.31"));
        QCOMPARE(block.verdict, BudgetVerdict::Block);
        QVERIFY(block.message.contains(QStringLiteral("$1.00")));
        BudgetReservation blocked = guardB.reserve(usd("0.31"));
        QVERIFY(!blocked.allowed());
        QVERIFY(!blocked.isActive());
    }

    // Sums are kept for a while, but this process's own records count at once.
    void ownRecordsCountAtOnce()
    {
        auto db = open(freshFile());
        QVERIFY(db);
        DatabaseUsageLedger ledger(*db, 60000);
        auto before = ledger.day(QDate::currentDate());
        QVERIFY(before.ok());
        QCOMPARE(before.value().requests, 0);
        QVERIFY(ledger.record(request(usd("0.125"))).ok());
        auto after = ledger.day(QDate::currentDate());
        QVERIFY(after.ok());
        QCOMPARE(after.value().requests, 1);
        QCOMPARE(after.value().cost, usd("0.125"));
        auto month = ledger.month(QDate::currentDate());
        QVERIFY(month.ok());
        QCOMPARE(month.value().cost, usd("0.125"));
    }

    void periods()
    {
        auto db = open(freshFile());
        QVERIFY(db);
        DatabaseUsageLedger ledger(*db, 0);
        const QDate day(2026, 11, 23);
        const QDateTime noon(day, QTime(12, 0), Qt::LocalTime);
        QVERIFY(ledger.record(request(usd("1"), 0, noon)).ok());
        QVERIFY(ledger.record(request(usd("2"), 0, noon.addDays(-1))).ok());
        QVERIFY(ledger.record(request(usd("4"), 0, noon.addMonths(-1))).ok());
        QCOMPARE(ledger.day(day).value().cost, usd("1"));
        QCOMPARE(ledger.month(day).value().cost, usd("3"));
        QCOMPARE(ledger.month(day).value().requests, 2);

        BudgetLimits limits;
        limits.monthly = usd("3.5");
        BudgetGuard guard(&ledger, limits);
        guard.setClock([noon] { return noon; });
        QCOMPARE(guard.check(usd("0.5")).verdict, BudgetVerdict::Warn);
        QCOMPARE(guard.check(usd("0.6")).verdict, BudgetVerdict::Block);
    }

    // Unreadable spending blocks (the guard does not risk the budget).
    void unreachableDatabaseBlocks()
    {
        DatabaseUsageLedger ledger([]() -> Result<Database *> {
            return Error{QStringLiteral("db_open_failed"), QStringLiteral("no database")};
        });
        BudgetLimits limits;
        limits.daily = usd("10");
        BudgetGuard guard(&ledger, limits);
        const BudgetCheck c = guard.check(usd("0.01"));
        QCOMPARE(c.verdict, BudgetVerdict::Block);
        QVERIFY(c.message.contains(QStringLiteral("no database")));
        QVERIFY(!ledger.record(request(usd("0.01"))).ok());
    }
};

QTEST_GUILESS_MAIN(TestUsageLedger)
#include "test_usage_ledger.moc"
