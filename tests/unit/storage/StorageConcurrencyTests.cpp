#include "StorageTest.h"

#include <QCoreApplication>
#include <QMutex>
#include <QProcess>
#include <QSet>
#include <QSqlDriver>
#include <QThread>

#include <functional>

using namespace docket;
using namespace docket::storagetest;

namespace {

// Runs fn(index, db) on `count` threads, each with its own connection to url; returns the
// errors they met.
QStringList onThreads(const QString &url, int count,
                      const std::function<QStringList(int, Database &)> &fn)
{
    QMutex mutex;
    QStringList errors;
    QList<QThread *> threads;
    for (int t = 0; t < count; ++t)
        threads << QThread::create([&, t]() {
            QStringList mine;
            auto db = Database::open(url);
            if (!db)
                mine << db.error().message;
            else
                mine << fn(t, *db.value());
            QMutexLocker lock(&mutex);
            errors << mine;
        });
    for (QThread *t : threads)
        t->start();
    for (QThread *t : threads) {
        t->wait();
        delete t;
    }
    return errors;
}

} // namespace

void TestStorage::claimNextHandsEachDocumentOutOnce()
{
    const QString url = freshUrl();
    {
        auto db = Database::open(url);
        QVERIFY(db);
        DocumentRepository docs(*db.value());
        for (int i = 0; i < 20; ++i)
            QVERIFY(docs.insertOrFind(makeDoc(QStringLiteral("claim-%1").arg(i), utc(1, 1 + i))));
        QVERIFY(docs.setStatus(docs.findBySha(QStringLiteral("claim-0")).value().id,
                               DocumentStatus::NeedsReview)
                    .ok());
    }
    QMutex mutex;
    QList<QString> claimed;
    const QStringList errors = onThreads(url, 3, [&](int t, Database &db) {
        QStringList errs;
        DocumentRepository docs(db);
        for (;;) {
            auto next = docs.claimNext(QStringLiteral("worker-%1").arg(t), 600);
            if (!next) {
                errs << next.error().message;
                break;
            }
            if (!next.value())
                break;
            const Document &d = *next.value();
            if (d.status != DocumentStatus::Processing ||
                d.claimedBy != QStringLiteral("worker-%1").arg(t) || !d.claimedUntil.isValid())
                errs << QStringLiteral("bad claim of ") + d.sha256;
            QMutexLocker lock(&mutex);
            claimed << d.sha256;
        }
        return errs;
    });
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QCOMPARE(claimed.size(), 19); // every pending document, each exactly once
    QCOMPARE(QSet<QString>(claimed.begin(), claimed.end()).size(), 19);
    QVERIFY(!claimed.contains(QStringLiteral("claim-0")));

    auto db = Database::open(url);
    DocumentRepository docs(*db.value());
    QVERIFY(!docs.claimNext(QStringLiteral("late"), 600).value().has_value());
    // A claim whose lease ran out (a worker died) is handed to the next worker.
    const Document stuck = docs.findBySha(QStringLiteral("claim-5")).value();
    QSqlQuery q(db.value()->sql());
    QVERIFY(q.exec(QStringLiteral("UPDATE documents SET claimed_until = "
                                  "'2000-01-01T00:00:00.000Z' WHERE id = %1")
                       .arg(stuck.id)));
    auto reclaimed = docs.claimNext(QStringLiteral("rescuer"), 600);
    QVERIFY(reclaimed && reclaimed.value().has_value());
    QCOMPARE(reclaimed.value()->id, stuck.id);
    QCOMPARE(reclaimed.value()->claimedBy, QStringLiteral("rescuer"));
    QVERIFY(!docs.claimNext(QStringLiteral("late"), 600).value().has_value());
    // A finished document releases its claim.
    const Document d = docs.findBySha(QStringLiteral("claim-1")).value();
    QVERIFY(docs.setStatus(d.id, DocumentStatus::NeedsReview, d.version).ok());
    QVERIFY(docs.get(d.id).value().claimedBy.isEmpty());
}

void TestStorage::concurrentWriters()
{
    const QString url = freshUrl();
    constexpr int kPerThread = 60;
    const QStringList errors = onThreads(url, 2, [](int t, Database &db) {
        QStringList errs;
        DocumentRepository docs(db);
        ReviewRepository reviews(db);
        for (int i = 0; i < kPerThread; ++i) {
            // Each thread writes its own documents and races the other on a shared one.
            for (const QString &sha :
                 {QStringLiteral("own-%1-%2").arg(t).arg(i), QStringLiteral("shared-%1").arg(i)}) {
                auto d = docs.insertOrFind(makeDoc(sha));
                if (!d) {
                    errs << d.error().message;
                    continue;
                }
                const Status s = docs.setStatus(d.value().id, DocumentStatus::NeedsReview);
                if (!s)
                    errs << s.error().message;
                const Status a = reviews.addAudit(d.value().id, QStringLiteral("touched"),
                                                  QStringLiteral("thread"));
                if (!a)
                    errs << a.error().message;
            }
        }
        return errs;
    });
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    auto db = Database::open(url);
    QVERIFY(db);
    QCOMPARE(DocumentRepository(*db.value()).count({}).value(), 3 * kPerThread);
    QCOMPARE(rows(*db.value(),
                  QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'touched'")),
             4 * kPerThread);
}

void TestStorage::crashLikeCloseStillOpens()
{
    const QString url = freshUrl();
    {
        auto db = Database::open(url); // create the schema first
        QVERIFY2(db, qPrintable(db.error().message));
    }
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DOCKET_STORAGE_CRASH_URL"), url);
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForFinished(60000));
    QCOMPARE(child.exitCode(), 7); // died inside its transaction, as planned

    auto db = Database::open(url);
    QVERIFY2(db, qPrintable(db.error().message));
    DocumentRepository docs(*db.value());
    QVERIFY(docs.findBySha(QStringLiteral("committed")));
    QCOMPARE(docs.findBySha(QStringLiteral("uncommitted-0")).error().code,
             QStringLiteral("not_found"));
    QCOMPARE(docs.count({}).value(), 1);
    QVERIFY(docs.insertOrFind(makeDoc(QStringLiteral("after"))));
    if (!kPostgres) {
        QSqlQuery q(db.value()->sql());
        QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
        q.finish();
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    }
}

void TestStorage::reconnectsAfterLostConnection()
{
    const QString url = freshUrl();
    auto opened = Database::open(url);
    QVERIFY2(opened, qPrintable(opened.error().message));
    Database &db = *opened.value();
    DocumentRepository docs(db);
    QVERIFY(docs.insertOrFind(makeDoc(QStringLiteral("before"))));
    if (kPostgres) {
        // Another session kills ours, as a server restart or an idle timeout would.
        const int pid = rows(db, QStringLiteral("SELECT pg_backend_pid()"));
        auto admin = Database::open(url);
        QVERIFY(admin);
        QSqlQuery q(admin.value()->sql());
        QVERIFY(q.exec(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid)));
    } else {
        QVERIFY(db.reconnect().ok());
    }
    auto after = docs.insertOrFind(makeDoc(QStringLiteral("after")));
    QVERIFY2(after, qPrintable(after.error().message));
    QCOMPARE(docs.count({}).value(), 2);
    QCOMPARE(rows(db, QStringLiteral("PRAGMA foreign_keys")), kPostgres ? -1 : 1);
}

// Review leases: one holder at a time, renewed by its holder, free again when released or
// expired; a lease on a missing document is refused.
void TestStorage::reviewLeases()
{
    auto db = openFresh();
    QVERIFY(db);
    auto doc = DocumentRepository(*db).insertOrFind(makeDoc(QStringLiteral("leased")));
    QVERIFY(doc);
    const qint64 id = doc.value().id;
    ReviewLeases leases(*db);

    auto anna = leases.acquire(id, QStringLiteral("anna"));
    QVERIFY2(anna, qPrintable(anna.error().message));
    QVERIFY(anna.value().held);
    QCOMPARE(anna.value().holder, QStringLiteral("anna"));
    QVERIFY(anna.value().expires > QDateTime::currentDateTimeUtc().addSecs(14 * 60));

    auto ben = leases.acquire(id, QStringLiteral("ben"));
    QVERIFY(ben);
    QVERIFY(!ben.value().held);
    QCOMPARE(ben.value().holder, QStringLiteral("anna"));
    QCOMPARE(leases.current(id, QStringLiteral("ben")).value().holder, QStringLiteral("anna"));
    QVERIFY(leases.current(id, QStringLiteral("anna")).value().held);

    auto renewed = leases.acquire(id, QStringLiteral("anna"), 3600);
    QVERIFY(renewed && renewed.value().held);
    QVERIFY(renewed.value().expires > anna.value().expires);

    QVERIFY(leases.release(id, QStringLiteral("ben")).ok()); // not ben's: nothing happens
    QCOMPARE(leases.current(id).value().holder, QStringLiteral("anna"));
    QVERIFY(leases.release(id, QStringLiteral("anna")).ok());
    QVERIFY(leases.current(id).value().holder.isEmpty());
    ben = leases.acquire(id, QStringLiteral("ben"), 1);
    QVERIFY(ben && ben.value().held);

    // Ben's lease runs out: Anna takes the document over.
    QSqlQuery q(db->sql());
    QVERIFY(
        q.exec(QStringLiteral("UPDATE review_leases SET expires_at = '2000-01-01T00:00:00.000Z'")));
    QVERIFY(leases.current(id).value().holder.isEmpty());
    anna = leases.acquire(id, QStringLiteral("anna"));
    QVERIFY(anna && anna.value().held);
    QCOMPARE(rows(*db, QStringLiteral("SELECT COUNT(*) FROM review_leases")), 1);

    auto missing = leases.acquire(987654, QStringLiteral("anna"));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, QStringLiteral("not_found"));

    // Removing the document removes its lease.
    QVERIFY(DocumentRepository(*db).remove(id).ok());
    QCOMPARE(rows(*db, QStringLiteral("SELECT COUNT(*) FROM review_leases")), 0);
}

// Several connections race for one lease: exactly one wins.
void TestStorage::queueEntriesShowReviewers()
{
    const QString url = freshUrl();
    auto opened = Database::open(url);
    QVERIFY(opened);
    Database &db = *opened.value();
    DocumentRepository docs(db);
    const qint64 first = docs.insertOrFind(makeDoc(QStringLiteral("a"), utc(1, 1))).value().id;
    const qint64 second = docs.insertOrFind(makeDoc(QStringLiteral("b"), utc(1, 2))).value().id;

    QMutex mutex;
    QStringList winners;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back(QThread::create([&, i] {
            auto own = Database::open(url);
            if (!own)
                return;
            auto lease =
                ReviewLeases(*own.value()).acquire(first, QStringLiteral("reviewer-%1").arg(i));
            QMutexLocker lock(&mutex);
            if (lease && lease.value().held)
                winners << lease.value().holder;
        }));
    for (auto &t : threads)
        t->start();
    for (auto &t : threads)
        t->wait();
    QCOMPARE(winners.size(), 1);

    auto entries = docs.entries({}, 0, 10);
    QVERIFY2(entries, qPrintable(entries.error().message));
    QCOMPARE(entries.value().size(), 2);
    QCOMPARE(entries.value().at(0).document.id, first);
    QCOMPARE(entries.value().at(0).reviewer, winners.first());
    QCOMPARE(entries.value().at(1).document.id, second);
    QVERIFY(entries.value().at(1).reviewer.isEmpty());
    // An expired lease is nobody's.
    QSqlQuery q(db.sql());
    QVERIFY(
        q.exec(QStringLiteral("UPDATE review_leases SET expires_at = '2000-01-01T00:00:00.000Z'")));
    QVERIFY(docs.entries({}, 0, 10).value().at(0).reviewer.isEmpty());
}

// Fencing: worker A's claim expires (A stalled), B takes the document over; every write A
// makes under its transaction guard is refused with claim_lost and changes nothing.
void TestStorage::fencedWritesOfALostClaimAreDiscarded()
{
    auto db = openFresh();
    QVERIFY(db);
    DocumentRepository docs(*db);
    QVERIFY(docs.insertOrFind(makeDoc(QStringLiteral("fenced"))));
    auto a = docs.claimNext(QStringLiteral("host/1/1"), 900);
    QVERIFY(a && a.value());
    const Document claimedByA = *a.value();
    WorkerClaims claims(*db);
    QVERIFY(claims.check(claimedByA.id, QStringLiteral("host/1/1"), claimedByA.version).ok());

    QSqlQuery q(db->sql());
    QVERIFY(
        q.exec(QStringLiteral("UPDATE documents SET claimed_until = '2000-01-01T00:00:00.000Z'")));
    auto b = docs.claimNext(QStringLiteral("host/2/1"), 900);
    QVERIFY(b && b.value());
    QCOMPARE(b.value()->id, claimedByA.id);
    QVERIFY(b.value()->version > claimedByA.version);
    QVERIFY(ExtractionRepository(*db)
                .saveResult(claimedByA.id,
                            makeResult(DocumentStatus::NeedsReview, Priority::High,
                                       QStringLiteral("B Seller"), QStringLiteral("B-1")))
                .ok());

    // A resumes with its guard on.
    db->setTransactionGuard([&] {
        return claims.check(claimedByA.id, QStringLiteral("host/1/1"), claimedByA.version);
    });
    auto saved = ExtractionRepository(*db).saveResult(
        claimedByA.id, makeResult(DocumentStatus::AutoApproved, Priority::Low,
                                  QStringLiteral("A Seller"), QStringLiteral("A-1")));
    QVERIFY(!saved);
    QCOMPARE(saved.error().code, QStringLiteral("claim_lost"));
    const Status failed = docs.setStatus(claimedByA.id, DocumentStatus::Failed, -1,
                                         QStringLiteral("x"), QStringLiteral("x"));
    QCOMPARE(failed.error().code, QStringLiteral("claim_lost"));
    db->setTransactionGuard({});

    QCOMPARE(rows(*db, QStringLiteral("SELECT COUNT(*) FROM extractions")), 1);
    const Document after = docs.get(claimedByA.id).value();
    QCOMPARE(after.status, DocumentStatus::NeedsReview);
    QCOMPARE(after.sellerName, QStringLiteral("B Seller"));

    // A worker still holding its claim writes normally under the same guard.
    QVERIFY(docs.insertOrFind(makeDoc(QStringLiteral("held"))));
    auto c = docs.claimNext(QStringLiteral("host/1/1"), 900);
    QVERIFY(c && c.value());
    const Document held = *c.value();
    db->setTransactionGuard(
        [&] { return claims.check(held.id, QStringLiteral("host/1/1"), held.version); });
    QVERIFY(ExtractionRepository(*db)
                .saveResult(held.id, makeResult(DocumentStatus::AutoApproved, Priority::Low,
                                                QStringLiteral("C"), QStringLiteral("C-1")))
                .ok());
    db->setTransactionGuard({});
    QCOMPARE(docs.get(held.id).value().status, DocumentStatus::AutoApproved);
}

// PostgreSQL: a change of the queue by any connection notifies the LISTENing ones (the
// trigger of migration 2), in the transaction of the change. SQLite: data_version moves.
void TestStorage::queueChangesAreNotified()
{
    const QString url = freshUrl();
    auto listener = Database::open(url);
    auto writer = Database::open(url);
    QVERIFY(listener && writer);
    if (!kPostgres) {
        const int before = rows(*listener.value(), QStringLiteral("PRAGMA data_version"));
        QVERIFY(DocumentRepository(*writer.value()).insertOrFind(makeDoc(QStringLiteral("n"))));
        QVERIFY(rows(*listener.value(), QStringLiteral("PRAGMA data_version")) != before);
        return;
    }
    QSqlDriver *driver = listener.value()->sql().driver();
    QVERIFY(driver->subscribeToNotification(QStringLiteral("docket_queue")));
    int notified = 0;
    QObject::connect(driver, &QSqlDriver::notification, driver, [&](const QString &name) {
        if (name == QLatin1String("docket_queue"))
            ++notified;
    });
    DocumentRepository docs(*writer.value());
    auto doc = docs.insertOrFind(makeDoc(QStringLiteral("notify")));
    QVERIFY(doc);
    QTRY_VERIFY(notified >= 1);
    notified = 0;
    QVERIFY(ReviewLeases(*writer.value()).acquire(doc.value().id, QStringLiteral("anna")));
    QTRY_VERIFY(notified >= 1);
    notified = 0;
    // A lease renewal of a worker (claimed_until only) is no queue change.
    auto claim = docs.claimNext(QStringLiteral("w"), 900);
    QVERIFY(claim && claim.value());
    QTRY_VERIFY(notified >= 1);
    QTest::qWait(300);
    notified = 0;
    QVERIFY(WorkerClaims(*writer.value()).renew({doc.value().id}, QStringLiteral("w"), 900));
    QTest::qWait(300);
    QCOMPARE(notified, 0);
    // A rolled back change sends nothing.
    QVERIFY(!writer.value()->transaction([&]() -> Status {
        if (Status s = docs.setStatus(doc.value().id, DocumentStatus::Failed); !s)
            return s;
        return Status::failure(QStringLiteral("undo"), QStringLiteral("undo"));
    }));
    QTest::qWait(300);
    QCOMPARE(notified, 0);
}
