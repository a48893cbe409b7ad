// `docket worker` in shared mode against a real PostgreSQL: several worker processes never
// process one document twice, a killed worker's claim expires and another finishes the
// document, SIGTERM finishes the document in work and exits 0, and two reviewers approving
// one document: one wins, the other gets stale_version and keeps the draft.
#include "WorkerTestSupport.h"
#include "fixtures/Fixtures.h"
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/ReviewRepository.h"
#include "support/PostgresServer.h"

#include <QDir>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <thread>

using namespace docket;
using namespace docket::test;

class TestWorker : public QObject
{
    Q_OBJECT

private:
    PostgresServer m_pg;
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // Imports every file of `folder` into a fresh database; returns its URL.
    QString importFolder(const QString &folder, const QString &data)
    {
        const QString url = m_pg.createDatabase();
        if (url.isEmpty())
            return {};
        const CommandRun run = runDocket({QStringLiteral("import"), QStringLiteral("--db"), url,
                                          QStringLiteral("--data"), data, folder});
        if (run.exitCode != 0) {
            qWarning() << run.out << run.err;
            return {};
        }
        return url;
    }

    QStringList workerArgs(const QString &url, const QString &data, const QStringList &extra) const
    {
        return QStringList{QStringLiteral("worker"),
                           QStringLiteral("--db"),
                           url,
                           QStringLiteral("--data"),
                           data,
                           QStringLiteral("--jobs"),
                           QStringLiteral("1"),
                           QStringLiteral("--poll"),
                           QStringLiteral("0.2"),
                           QStringLiteral("--json")} +
               extra;
    }

    static int count(const QString &url, const QString &statement, const QVariantList &values = {})
    {
        return queryValue(url, statement, values).toInt();
    }

    // Waits until a document is claimed; returns its id and who holds it.
    static bool waitForClaim(const QString &url, qint64 *id, QString *worker)
    {
        return waitUntil(
            [&] {
                const auto rows = queryRows(url, QStringLiteral("SELECT id, claimed_by FROM "
                                                                "documents WHERE status = "
                                                                "'processing'"));
                if (rows.isEmpty())
                    return false;
                *id = rows.first().at(0).toLongLong();
                *worker = rows.first().at(1).toString();
                return true;
            },
            120000, 20);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_pg.start(), qPrintable(m_pg.errorString()));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no db") << QStringList{QStringLiteral("worker")};
        QTest::newRow("bad lease") << QStringList{
            QStringLiteral("worker"), QStringLiteral("--db"), QStringLiteral("x.sqlite"),
            QStringLiteral("--lease"), QStringLiteral("soon")};
        QTest::newRow("paths") << QStringList{QStringLiteral("worker"), QStringLiteral("--db"),
                                              QStringLiteral("x.sqlite"), QStringLiteral("a.pdf")};
        QTest::newRow("bad engine") << QStringList{
            QStringLiteral("worker"), QStringLiteral("--db"), QStringLiteral("x.sqlite"),
            QStringLiteral("--engine"), QStringLiteral("magic")};
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QCOMPARE(runDocket(args).exitCode, 2);
    }

    // Three worker processes and 200 documents: each processed exactly once.
    void threeWorkersProcessEachDocumentOnce()
    {
        const QString in = path(QStringLiteral("many"));
        QVERIFY(QDir().mkpath(in));
        for (int i = 0; i < 200; ++i)
            QVERIFY(writePdf(
                QDir(in).filePath(QStringLiteral("inv-%1.pdf").arg(i, 3, 10, QLatin1Char('0'))),
                {invoicePage(QStringLiteral("Vendor %1 Ltd").arg(i % 17),
                             QStringLiteral("INV-%1").arg(1000 + i),
                             QStringLiteral("2024-03-%1").arg(i % 28 + 1, 2, 10, QLatin1Char('0')),
                             QStringLiteral("%1.25").arg(100 + i))}));
        const QString data = path(QStringLiteral("many-data"));
        const QString url = importFolder(in, data);
        QVERIFY(!url.isEmpty());
        QCOMPARE(count(url, QStringLiteral("SELECT COUNT(*) FROM documents WHERE status = "
                                           "'pending'")),
                 200);

        std::vector<std::unique_ptr<DocketProcess>> workers;
        for (int i = 0; i < 3; ++i)
            workers.push_back(
                startDocket(workerArgs(url, data,
                                       {QStringLiteral("--until-empty"), QStringLiteral("--lease"),
                                        QStringLiteral("120")})));
        QSet<QString> shas;
        int lines = 0;
        for (auto &w : workers) {
            QVERIFY(w->waitForFinished(240000));
            QVERIFY2(w->exitCode() == 0, qPrintable(w->err().right(3000)));
            for (const QJsonObject &o : w->lines()) {
                ++lines;
                shas.insert(o.value(QStringLiteral("sha256")).toString());
                QVERIFY(o.value(QStringLiteral("error")).isNull());
            }
        }
        QCOMPARE(lines, 200);
        QCOMPARE(shas.size(), 200);
        QCOMPARE(count(url, QStringLiteral("SELECT COUNT(*) FROM (SELECT document_id FROM "
                                           "extractions GROUP BY document_id "
                                           "HAVING COUNT(*) = 1) once")),
                 200);
        QCOMPARE(count(url, QStringLiteral("SELECT COUNT(*) FROM extractions")), 200);
        QCOMPARE(count(url, QStringLiteral("SELECT COUNT(*) FROM documents WHERE status IN "
                                           "('pending', 'processing', 'failed')")),
                 0);
        QCOMPARE(count(url, QStringLiteral("SELECT COUNT(*) FROM documents WHERE claimed_by "
                                           "<> ''")),
                 0);
        // Each document was claimed once.
        QCOMPARE(count(url, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                           "'claimed'")),
                 200);
    }

    // A worker killed with SIGKILL mid-document: another completes it after the lease.
    void killedWorkerLosesItsClaim()
    {
        const QString in = path(QStringLiteral("kill"));
        QVERIFY(QDir().mkpath(in));
        QVERIFY(writeScannedPdf(QDir(in).filePath(QStringLiteral("scan.pdf")),
                                QStringLiteral("Slow Scans Inc"), QStringLiteral("K-1"), 4));
        const QString data = path(QStringLiteral("kill-data"));
        const QString url = importFolder(in, data);
        QVERIFY(!url.isEmpty());

        auto first =
            startDocket(workerArgs(url, data, {QStringLiteral("--lease"), QStringLiteral("3")}));
        qint64 id = 0;
        QString firstWorker;
        QVERIFY(waitForClaim(url, &id, &firstWorker));
        first->process().kill(); // SIGKILL: no chance to release anything
        QVERIFY(first->waitForFinished(30000));
        QCOMPARE(queryValue(url, QStringLiteral("SELECT status FROM documents WHERE id = ?"), {id})
                     .toString(),
                 QStringLiteral("processing"));
        QCOMPARE(count(url, QStringLiteral("SELECT COUNT(*) FROM extractions")), 0);

        const CommandRun second =
            runDocket(workerArgs(url, data, {QStringLiteral("--until-empty")}), 240000);
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QVERIFY2(second.lines.size() == 1, qPrintable(second.err.right(3000)));
        QVERIFY(second.lines.first().value(QStringLiteral("error")).isNull());
        const QString status = queryValue(url,
                                          QStringLiteral("SELECT status FROM documents "
                                                         "WHERE id = ?"),
                                          {id})
                                   .toString();
        QVERIFY2(status == QLatin1String("needs_review") ||
                     status == QLatin1String("auto_approved"),
                 qPrintable(status));
        QCOMPARE(count(url,
                       QStringLiteral("SELECT COUNT(*) FROM extractions WHERE document_id = ?"),
                       {id}),
                 1);
        const auto claims = queryRows(url, QStringLiteral("SELECT actor FROM audit_log WHERE "
                                                          "action = 'claimed' ORDER BY id"));
        QCOMPARE(claims.size(), 2);
        QCOMPARE(claims.at(0).at(0).toString(), firstWorker);
        QVERIFY(claims.at(1).at(0).toString() != firstWorker);
    }

    // Fencing: a worker paused (SIGSTOP) past its lease while another takes its document
    // over and finishes it; when it resumes, its result is discarded with a log line: one
    // extraction, the second worker's status, nothing overwritten.
    void pausedWorkerIsFencedOff()
    {
        const QString in = path(QStringLiteral("fence"));
        QVERIFY(QDir().mkpath(in));
        QVERIFY(writeScannedPdf(QDir(in).filePath(QStringLiteral("scan.pdf")),
                                QStringLiteral("Paused Parts AG"), QStringLiteral("P-7"), 4));
        const QString data = path(QStringLiteral("fence-data"));
        const QString url = importFolder(in, data);
        QVERIFY(!url.isEmpty());

        auto first = startDocket(workerArgs(
            url, data,
            {QStringLiteral("--lease"), QStringLiteral("3"), QStringLiteral("--until-empty")}));
        qint64 id = 0;
        QString firstWorker;
        QVERIFY(waitForClaim(url, &id, &firstWorker));
        const auto pid = first->process().processId();
        QVERIFY(pid > 0);
        QCOMPARE(::kill(pid_t(pid), SIGSTOP), 0); // a stall: alive, silent, not renewing
        QTest::qWait(4500);                       // its lease (3 s) runs out

        const CommandRun second =
            runDocket(workerArgs(url, data,
                                 {QStringLiteral("--until-empty"), QStringLiteral("--lease"),
                                  QStringLiteral("120")}),
                      240000);
        ::kill(pid_t(pid), SIGCONT);
        QVERIFY2(second.exitCode == 0, qPrintable(second.err.right(3000)));
        QCOMPARE(second.lines.size(), 1);
        auto state = [&] {
            QStringList out;
            const auto rows = queryRows(url,
                                        QStringLiteral("SELECT status, version, updated_at, "
                                                       "seller_name FROM documents WHERE id = ?"),
                                        {id});
            for (const QVariant &v : rows.value(0))
                out << v.toString();
            return out;
        };
        const QStringList before = state();
        QCOMPARE(before.size(), 4);
        QVERIFY2(before.at(0) == QLatin1String("needs_review") ||
                     before.at(0) == QLatin1String("auto_approved"),
                 qPrintable(before.at(0)));

        // The first worker resumes, finds its claim gone, stores nothing and exits.
        QVERIFY(first->waitForFinished(240000));
        QVERIFY2(first->exitCode() == 0, qPrintable(first->err().right(3000)));
        QCOMPARE(first->lines().size(), 0);
        QVERIFY2(first->err().contains(QStringLiteral("discarded")),
                 qPrintable(first->err().right(3000)));

        const QStringList after = state();
        QCOMPARE(after, before);
        QCOMPARE(count(url,
                       QStringLiteral("SELECT COUNT(*) FROM extractions WHERE document_id = ?"),
                       {id}),
                 1);
        QCOMPARE(count(url,
                       QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE document_id = ? AND "
                                      "action IN ('processed', 'status_changed')"),
                       {id}),
                 1);
        QCOMPARE(count(url, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                           "'claimed'")),
                 2);
    }

    // SIGTERM finishes the document in work, stores it, takes no other, exits 0.
    void sigtermFinishesTheCurrentDocument()
    {
        const QString in = path(QStringLiteral("term"));
        QVERIFY(QDir().mkpath(in));
        for (int i = 0; i < 3; ++i)
            QVERIFY(writeScannedPdf(QDir(in).filePath(QStringLiteral("scan-%1.pdf").arg(i)),
                                    QStringLiteral("Term Supplies %1").arg(i),
                                    QStringLiteral("T-%1").arg(i), 2));
        const QString data = path(QStringLiteral("term-data"));
        const QString url = importFolder(in, data);
        QVERIFY(!url.isEmpty());

        auto worker = startDocket(workerArgs(url, data, {}));
        qint64 id = 0;
        QString name;
        QVERIFY(waitForClaim(url, &id, &name));
        worker->process().terminate(); // SIGTERM
        QVERIFY(worker->waitForFinished(120000));
        QVERIFY2(worker->exitCode() == 0, qPrintable(worker->err().right(3000)));
        const auto lines = worker->lines();
        QCOMPARE(lines.size(), 1);
        const QString sha = queryValue(url,
                                       QStringLiteral("SELECT sha256 FROM documents WHERE "
                                                      "id = ?"),
                                       {id})
                                .toString();
        QCOMPARE(lines.first().value(QStringLiteral("sha256")).toString(), sha);
        QCOMPARE(count(url,
                       QStringLiteral("SELECT COUNT(*) FROM extractions WHERE document_id = ?"),
                       {id}),
                 1);
        QCOMPARE(count(url, QStringLiteral("SELECT COUNT(*) FROM documents WHERE status = "
                                           "'processing'")),
                 0);
        QCOMPARE(count(url, QStringLiteral("SELECT COUNT(*) FROM documents WHERE status = "
                                           "'pending'")),
                 2);
    }

    // The stored originals of another machine: found under this worker's --data folder;
    // without it the document fails with a clear code instead of disappearing.
    void originalsUnderTheSharedDataFolder()
    {
        const QString in = path(QStringLiteral("shared"));
        QVERIFY(QDir().mkpath(in));
        QVERIFY(writePdf(QDir(in).filePath(QStringLiteral("a.pdf")),
                         {invoicePage(QStringLiteral("Shared Folder GmbH"), QStringLiteral("S-1"),
                                      QStringLiteral("2024-01-02"), QStringLiteral("10.00"))}));
        const QString importedData = path(QStringLiteral("shared-import"));
        const QString url = importFolder(in, importedData);
        QVERIFY(!url.isEmpty());
        const QString mounted = path(QStringLiteral("shared-mounted"));
        QVERIFY(QDir().rename(importedData, mounted)); // the same folder, seen elsewhere

        const CommandRun elsewhere = runDocket(
            workerArgs(url, path(QStringLiteral("empty-data")), {QStringLiteral("--until-empty")}));
        QCOMPARE(elsewhere.exitCode, 1);
        QCOMPARE(elsewhere.lines.size(), 1);
        QCOMPARE(elsewhere.lines.first()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
                 QStringLiteral("original_missing"));

        queryValue(url, QStringLiteral("UPDATE documents SET status = 'pending', "
                                       "error_code = '' RETURNING id"));
        const CommandRun shared =
            runDocket(workerArgs(url, mounted, {QStringLiteral("--until-empty")}));
        QVERIFY2(shared.exitCode == 0, qPrintable(shared.err));
        QCOMPARE(shared.lines.size(), 1);
        QVERIFY(shared.lines.first().value(QStringLiteral("error")).isNull());
    }

    // Two reviewers approve the same document at once: one wins, the other is refused with
    // stale_version, and the loser's draft corrections are still stored.
    void twoReviewersApproveTheSameDocument()
    {
        const QString url = m_pg.createDatabase();
        QVERIFY(!url.isEmpty());
        qint64 id = 0;
        int version = 0;
        {
            auto db = Database::open(url);
            QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
            DocumentRepository documents(*db.value());
            Document doc;
            doc.sha256 = QStringLiteral("ab").repeated(32);
            doc.fileName = QStringLiteral("contested.pdf");
            auto stored = documents.insertOrFind(doc);
            QVERIFY(stored);
            id = stored.value().id;
            QVERIFY(documents.setStatus(id, DocumentStatus::NeedsReview));
            version = documents.get(id).value().version;
        }

        struct Outcome
        {
            QString code = QStringLiteral("unset");
            bool draftSaved = false;
        };
        Outcome alice, bob;
        auto review = [&](const QString &reviewer, const QString &total, Outcome *outcome) {
            auto db = Database::open(url);
            if (!db)
                return;
            ReviewRepository reviews(*db.value());
            Correction c;
            c.documentId = id;
            c.field = QStringLiteral("total_amount");
            c.after = total;
            c.reviewer = reviewer;
            Field f;
            f.name = c.field;
            f.value = total;
            outcome->draftSaved = bool(reviews.saveCorrection(c, f));
            const Status s = reviews.approve(id, version, reviewer);
            outcome->code = s ? QString() : s.error().code;
        };
        std::thread a(review, QStringLiteral("alice"), QStringLiteral("100.00"), &alice);
        std::thread b(review, QStringLiteral("bob"), QStringLiteral("200.00"), &bob);
        a.join();
        b.join();
        QVERIFY(alice.draftSaved);
        QVERIFY(bob.draftSaved);
        const QStringList codes{alice.code, bob.code};
        QVERIFY2(codes.contains(QString()) && codes.contains(QStringLiteral("stale_version")),
                 qPrintable(codes.join(QLatin1Char('|'))));
        const QString winner =
            alice.code.isEmpty() ? QStringLiteral("alice") : QStringLiteral("bob");

        auto db = Database::open(url);
        QVERIFY(db);
        ReviewRepository reviews(*db.value());
        const auto decided = reviews.reviews(id);
        QVERIFY(decided);
        QCOMPARE(decided.value().size(), 1);
        QCOMPARE(decided.value().first().reviewer, winner);
        const auto drafts = reviews.corrections(id);
        QVERIFY(drafts);
        QSet<QString> who;
        for (const Correction &c : drafts.value())
            who.insert(c.reviewer + QLatin1Char('=') + c.after);
        QVERIFY(who.contains(QStringLiteral("alice=100.00")));
        QVERIFY(who.contains(QStringLiteral("bob=200.00")));
        QCOMPARE(DocumentRepository(*db.value()).get(id).value().status, DocumentStatus::Approved);
    }
};

QTEST_MAIN(TestWorker)
#include "test_worker.moc"
