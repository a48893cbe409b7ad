#include "StorageTest.h"

#include <QFile>
#include <QMutex>
#include <QThread>

#include <cstdlib>

using namespace docket;
using namespace docket::storagetest;

namespace docket::storagetest {

QDateTime utc(int month, int day, int hour)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, 0), Qt::UTC);
}

Document makeDoc(const QString &sha, const QDateTime &importedAt)
{
    Document d;
    d.sha256 = sha;
    d.fileName = sha + QStringLiteral(".pdf");
    d.originalPath = QStringLiteral("/in/") + d.fileName;
    d.storedPath = QStringLiteral("/store/") + sha;
    d.mimeType = QStringLiteral("application/pdf");
    d.sizeBytes = 1234;
    d.pageCount = 1;
    d.pageSizes = {QSizeF(595, 842)};
    d.importedAt = importedAt;
    return d;
}

Field makeField(const QString &value, double confidence, const QRectF &box)
{
    Field f;
    f.value = value;
    f.raw = QStringLiteral("raw ") + value;
    f.confidence = confidence;
    f.page = box.isNull() ? 0 : 1;
    f.bbox = box;
    f.source = QStringLiteral("text_layer");
    f.engine = QStringLiteral("local");
    f.promptVersion = QStringLiteral("rules-1");
    return f;
}

ProcessingResult makeResult(DocumentStatus status, Priority priority, const QString &seller,
                            const QString &number, const QString &type)
{
    ProcessingResult r;
    r.document.status = status;
    r.review.required = status == DocumentStatus::NeedsReview;
    r.review.priority = priority;
    r.extraction.documentType = type.isEmpty() ? QStringLiteral("commercial_invoice") : type;
    r.extraction.typeConfidence = 0.9;
    r.extraction.fields.insert(QStringLiteral("seller_name"), makeField(seller, 0.9));
    r.extraction.fields.insert(QStringLiteral("invoice_number"), makeField(number, 0.9));
    return r;
}

int rows(Database &db, const QString &statement)
{
    QSqlQuery q(db.sql());
    if (!q.exec(statement) || !q.next())
        return -1;
    return q.value(0).toInt();
}

// The child of crashLikeClose: commits one document, then dies inside a write transaction.
int crashChild(const QString &url)
{
    auto db = Database::open(url);
    if (!db)
        return 2;
    DocumentRepository repo(*db.value());
    if (!repo.insertOrFind(makeDoc(QStringLiteral("committed"))))
        return 3;
    db.value()->transaction([&]() -> Status {
        for (int i = 0; i < 50; ++i)
            repo.insertOrFind(makeDoc(QStringLiteral("uncommitted-%1").arg(i)));
        std::_Exit(7); // no rollback, no close: like a crash or a power cut
    });
    return 4;
}

} // namespace docket::storagetest

QString TestStorage::freshUrl()
{
    if (!kPostgres)
        return m_tmp.filePath(QStringLiteral("db%1/sub/docket.sqlite").arg(++m_count));
    const QString url = m_server.emptyDatabase();
    if (url.isEmpty())
        qWarning("%s", qPrintable(m_server.errorString()));
    return url;
}

std::unique_ptr<Database> TestStorage::openFresh()
{
    auto db = Database::open(freshUrl());
    if (!db) {
        qWarning("%s", qPrintable(db.error().message));
        return nullptr;
    }
    return db.takeValue();
}

void TestStorage::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    if (kPostgres)
        QVERIFY2(m_server.start(), qPrintable(QStringLiteral("The PostgreSQL test server "
                                                             "did not start: ") +
                                              m_server.errorString()));
}

void TestStorage::migrationsAreRecordedAndIdempotent()
{
    const QString url = freshUrl();
    auto first = Database::open(url);
    QVERIFY2(first, qPrintable(first.error().message));
    Database &db = *first.value();
    QCOMPARE(db.kind(), kPostgres ? Database::Kind::Postgres : Database::Kind::Sqlite);
    QCOMPARE(db.schemaVersion(), Migrations::latestVersion());
    QCOMPARE(rows(db, QStringLiteral("SELECT COUNT(*) FROM schema_migrations")),
             Migrations::latestVersion());
    QSqlQuery q(db.sql());
    QVERIFY(q.exec(QStringLiteral("SELECT applied_at FROM schema_migrations")) && q.next());
    QVERIFY(QDateTime::fromString(q.value(0).toString(), Qt::ISODateWithMs).isValid());
    q.finish();
    QVERIFY(Migrations::run(db).ok());
    // A database from a newer Docket is refused rather than half understood.
    QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_migrations (version, applied_at) "
                                  "VALUES (999, 'x')")));
    auto newer = Database::open(url);
    QVERIFY(!newer);
    QCOMPARE(newer.error().code, QStringLiteral("db_migration_failed"));
    QVERIFY(q.exec(QStringLiteral("DELETE FROM schema_migrations WHERE version = 999")));
    auto second = Database::open(url);
    QVERIFY2(second, qPrintable(second.error().message));
    QCOMPARE(rows(*second.value(), QStringLiteral("SELECT COUNT(*) FROM schema_migrations")),
             Migrations::latestVersion());
    if (!kPostgres)
        QCOMPARE(rows(db, QStringLiteral("PRAGMA foreign_keys")), 1);
}

void TestStorage::concurrentStartsMigrateOnce()
{
    const QString url = freshUrl();
    QMutex mutex;
    QStringList errors;
    QList<QThread *> threads;
    for (int t = 0; t < 4; ++t)
        threads << QThread::create([&]() {
            auto db = Database::open(url);
            if (!db) {
                QMutexLocker lock(&mutex);
                errors << db.error().message;
            }
        });
    for (QThread *t : threads)
        t->start();
    for (QThread *t : threads) {
        t->wait();
        delete t;
    }
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    auto db = Database::open(url);
    QVERIFY(db);
    QCOMPARE(rows(*db.value(), QStringLiteral("SELECT COUNT(*) FROM schema_migrations")),
             Migrations::latestVersion());
}

void TestStorage::openRejectsBadUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("code");
    QTest::newRow("empty") << QString() << QStringLiteral("db_url_invalid");
    QTest::newRow("no host") << QStringLiteral("postgresql:///db")
                             << QStringLiteral("db_url_invalid");
    QTest::newRow("no database") << QStringLiteral("postgres://u@localhost:5432")
                                 << QStringLiteral("db_url_invalid");
    QTest::newRow("refused") << QStringLiteral("postgresql://u@127.0.0.1:1/db")
                             << QStringLiteral("db_open_failed");
    QTest::newRow("a folder") << m_tmp.path() << QStringLiteral("db_open_failed");
    QFile garbage(m_tmp.filePath(QStringLiteral("garbage.sqlite")));
    if (garbage.open(QIODevice::WriteOnly))
        garbage.write(QByteArray(8192, 'x'));
    QTest::newRow("not a database") << garbage.fileName() << QStringLiteral("db_open_failed");
}

void TestStorage::openRejectsBadUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, code);
    auto db = Database::open(url);
    QVERIFY(!db);
    QCOMPARE(db.error().code, code);
    QVERIFY(!db.error().message.isEmpty());
}

void TestStorage::insertOrFindDeduplicatesBySha()
{
    auto db = openFresh();
    QVERIFY(db);
    DocumentRepository repo(*db);
    bool created = false;
    auto a = repo.insertOrFind(makeDoc(QStringLiteral("aaa")), &created);
    QVERIFY2(a, qPrintable(a.error().message));
    QVERIFY(created);
    QCOMPARE(a.value().status, DocumentStatus::Pending);
    QCOMPARE(a.value().version, 1);
    QCOMPARE(a.value().pageSizes, QList<QSizeF>{QSizeF(595, 842)});
    QVERIFY(a.value().importedAt.isValid());
    Document again = makeDoc(QStringLiteral("aaa"));
    again.fileName = QStringLiteral("renamed.pdf");
    auto b = repo.insertOrFind(again, &created);
    QVERIFY(b);
    QVERIFY(!created);
    QCOMPARE(b.value().id, a.value().id);
    QCOMPARE(b.value().fileName, QStringLiteral("aaa.pdf"));
    QCOMPARE(repo.findBySha(QStringLiteral("aaa")).value().id, a.value().id);
    QCOMPARE(repo.get(424242).error().code, QStringLiteral("not_found"));
    QCOMPARE(repo.count({}).value(), 1);
    QCOMPARE(ReviewRepository(*db).audit(a.value().id).value().size(), 1);
}

void TestStorage::saveResultRoundTrips()
{
    auto db = openFresh();
    QVERIFY(db);
    auto doc = DocumentRepository(*db).insertOrFind(makeDoc(QStringLiteral("rt")));
    QVERIFY(doc);
    ProcessingResult r = makeResult(DocumentStatus::NeedsReview, Priority::High,
                                    QStringLiteral("ACME Corp"), QStringLiteral("INV-7"));
    r.document.pageCount = 2;
    r.document.pageSizes = {QSizeF(612, 792), QSizeF(612, 792)};
    r.extraction.engine = QStringLiteral("openai");
    r.extraction.model = QStringLiteral("gpt-test");
    r.extraction.promptVersion = QStringLiteral("p3");
    r.extraction.fields.insert(
        QStringLiteral("total_amount"),
        makeField(QStringLiteral("1041.25"), 0.93, QRectF(412.0, 700.5, 88.0, 12.25)));
    r.extraction.fields.insert(QStringLiteral("note"),
                               makeField(QStringLiteral("ünïcødé ✓ 'quote'"), 0.5));
    for (int i = 0; i < 3; ++i) {
        LineItem item;
        item.page = 1 + i / 2;
        item.bbox = QRectF(10, 100 + i * 20, 500, 18);
        item.cells.insert(QStringLiteral("description"),
                          makeField(QStringLiteral("Item %1").arg(i), 0.8));
        item.cells.insert(
            QStringLiteral("amount"),
            makeField(QStringLiteral("%1.00").arg(i * 10), 0.7, QRectF(400, 100 + i * 20, 50, 10)));
        r.extraction.lineItems.append(item);
    }
    r.validation.issues.append({Issue::Severity::Error, QStringLiteral("sum_mismatch"),
                                QStringLiteral("total_amount"), QStringLiteral("off by 5"),
                                QStringLiteral("rules")});
    r.validation.issues.append({Issue::Severity::Warning, QStringLiteral("bad_date"),
                                QStringLiteral("due_date"), QStringLiteral("odd"),
                                QStringLiteral("openai")});
    r.usage.requests = 2;
    r.usage.inputTokens = 1000;
    r.usage.cachedTokens = 100;
    r.usage.outputTokens = 50;
    r.usage.costUsd = 0.0125;

    ExtractionRepository extractions(*db);
    auto id = extractions.saveResult(doc.value().id, r);
    QVERIFY2(id, qPrintable(id.error().message));
    QVERIFY(id.value() > 0);

    auto latest = extractions.latest(doc.value().id);
    QVERIFY2(latest, qPrintable(latest.error().message));
    const Extraction &e = latest.value();
    QCOMPARE(e.id, id.value());
    QCOMPARE(e.engine, QStringLiteral("openai"));
    QCOMPARE(e.model, QStringLiteral("gpt-test"));
    QCOMPARE(e.promptVersion, QStringLiteral("p3"));
    QCOMPARE(e.documentType, QStringLiteral("commercial_invoice"));
    QCOMPARE(e.fields.size(), r.extraction.fields.size());
    for (auto it = r.extraction.fields.cbegin(); it != r.extraction.fields.cend(); ++it) {
        const Field got = e.fields.value(it.key());
        QCOMPARE(got.name, it.key());
        QCOMPARE(got.value, it->value);
        QCOMPARE(got.raw, it->raw);
        QCOMPARE(got.confidence, it->confidence);
        QCOMPARE(got.page, it->page);
        QCOMPARE(got.bbox, it->bbox);
        QCOMPARE(got.source, it->source);
        QCOMPARE(got.promptVersion, it->promptVersion);
    }
    QVERIFY(e.fields.value(QStringLiteral("note")).bbox.isNull());
    QCOMPARE(e.lineItems.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(e.lineItems[i].page, r.extraction.lineItems[i].page);
        QCOMPARE(e.lineItems[i].bbox, r.extraction.lineItems[i].bbox);
        QCOMPARE(e.lineItems[i].value(QStringLiteral("description")),
                 QStringLiteral("Item %1").arg(i));
        QCOMPARE(e.lineItems[i].cells.value(QStringLiteral("amount")).bbox,
                 r.extraction.lineItems[i].cells.value(QStringLiteral("amount")).bbox);
    }
    auto issues = extractions.issues(e.id);
    QVERIFY(issues);
    QCOMPARE(issues.value().errors().size(), 1);
    QCOMPARE(issues.value().warnings().size(), 1);
    QCOMPARE(issues.value().issues[1].source, QStringLiteral("openai"));

    auto stored = DocumentRepository(*db).get(doc.value().id);
    QVERIFY(stored);
    const Document &d = stored.value();
    QCOMPARE(d.status, DocumentStatus::NeedsReview);
    QCOMPARE(d.priority, QStringLiteral("high"));
    QCOMPARE(d.documentType, QStringLiteral("commercial_invoice"));
    QCOMPARE(d.sellerName, QStringLiteral("ACME Corp"));
    QCOMPARE(d.documentNumber, QStringLiteral("INV-7"));
    QCOMPARE(d.totalAmount, QStringLiteral("1041.25"));
    QCOMPARE(d.pageCount, 2);
    QCOMPARE(d.version, 2);

    auto usage = UsageRepository(*db).totalForDocument(d.id);
    QVERIFY(usage);
    QCOMPARE(usage.value().requests, 2);
    QCOMPARE(usage.value().inputTokens, 1000);
    QCOMPARE(usage.value().costUsd, 0.0125);
    ExtractionRepository ledgerOwned(*db); // a cost ledger records each request itself
    ledgerOwned.setRecordUsage(false);
    QVERIFY(ledgerOwned.saveResult(d.id, r));
    QCOMPARE(UsageRepository(*db).totalForDocument(d.id).value().requests, 2);
    const auto audit = ReviewRepository(*db).audit(d.id).value();
    QCOMPARE(audit.last().action, QStringLiteral("processed"));

    auto reusable = extractions.findReusable(d.id, QStringLiteral("openai"),
                                             QStringLiteral("gpt-test"), QStringLiteral("p3"));
    QVERIFY(reusable && reusable.value().has_value());
    QVERIFY(!extractions
                 .findReusable(d.id, QStringLiteral("openai"), QStringLiteral("gpt-test"),
                               QStringLiteral("p4"))
                 .value()
                 .has_value());
}

void TestStorage::saveResultOfFailure()
{
    auto db = openFresh();
    QVERIFY(db);
    auto doc = DocumentRepository(*db).insertOrFind(makeDoc(QStringLiteral("bad")));
    ProcessingResult r;
    r.document.status = DocumentStatus::Failed;
    r.error = {QStringLiteral("pdf_encrypted"), QStringLiteral("locked")};
    auto id = ExtractionRepository(*db).saveResult(doc.value().id, r);
    QVERIFY2(id, qPrintable(id.error().message));
    QCOMPARE(id.value(), 0);
    const Document d = DocumentRepository(*db).get(doc.value().id).value();
    QCOMPARE(d.status, DocumentStatus::Failed);
    QCOMPARE(d.errorCode, QStringLiteral("pdf_encrypted"));
    QCOMPARE(ExtractionRepository(*db).latest(d.id).error().code, QStringLiteral("not_found"));
    QCOMPARE(ExtractionRepository(*db).saveResult(99999, r).error().code,
             QStringLiteral("not_found"));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString crashUrl = qEnvironmentVariable("DOCKET_STORAGE_CRASH_URL");
    if (!crashUrl.isEmpty())
        return crashChild(crashUrl);
    TestStorage test;
    return QTest::qExec(&test, argc, argv);
}
