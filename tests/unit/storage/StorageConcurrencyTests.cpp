#include "StorageTest.h"

#include <QCoreApplication>
#include <QMutex>
#include <QProcess>
#include <QSet>
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
