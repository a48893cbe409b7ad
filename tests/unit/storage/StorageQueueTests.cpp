#include "StorageTest.h"

using namespace docket;
using namespace docket::storagetest;

namespace {

QStringList shas(const QList<Document> &docs)
{
    QStringList out;
    for (const Document &d : docs)
        out << d.sha256;
    return out;
}

} // namespace

std::unique_ptr<Database> TestStorage::queueFixture()
{
    auto db = openFresh();
    if (!db)
        return nullptr;
    struct Row
    {
        const char *sha;
        int day;
        DocumentStatus status;
        Priority priority;
        const char *seller;
        const char *number;
        const char *type;
    };
    const Row fixture[] = {
        {"low-a", 10, DocumentStatus::NeedsReview, Priority::Low, "Globex Ltd", "G-1",
         "commercial_invoice"},
        {"urgent-late", 13, DocumentStatus::NeedsReview, Priority::Urgent, "ACME Corp", "INV-001",
         "commercial_invoice"},
        {"high", 11, DocumentStatus::NeedsReview, Priority::High, "Initech", "100%_off", "receipt"},
        {"urgent-early", 12, DocumentStatus::NeedsReview, Priority::Urgent, "acme corp", "INV-002",
         "commercial_invoice"},
        {"pending", 9, DocumentStatus::Pending, Priority::Normal, "", "", ""},
        {"normal-auto", 14, DocumentStatus::AutoApproved, Priority::Normal, "Umbrella", "U-9",
         "packing_list"},
    };
    DocumentRepository docs(*db);
    ExtractionRepository extractions(*db);
    for (const Row &row : fixture) {
        auto doc = docs.insertOrFind(makeDoc(QString::fromLatin1(row.sha), utc(1, row.day)));
        if (!doc)
            return nullptr;
        if (row.status == DocumentStatus::Pending)
            continue;
        ProcessingResult r =
            makeResult(row.status, row.priority, QString::fromLatin1(row.seller),
                       QString::fromLatin1(row.number), QString::fromLatin1(row.type));
        if (row.status == DocumentStatus::AutoApproved)
            r.document.priority = QStringLiteral("normal");
        if (!extractions.saveResult(doc.value().id, r))
            return nullptr;
    }
    return db;
}

void TestStorage::queueOrder()
{
    auto db = queueFixture();
    QVERIFY(db);
    auto list = DocumentRepository(*db).list({}, 0, 100);
    QVERIFY2(list, qPrintable(list.error().message));
    QCOMPARE(shas(list.value()),
             QStringList({QStringLiteral("urgent-early"), QStringLiteral("urgent-late"),
                          QStringLiteral("high"), QStringLiteral("normal-auto"),
                          QStringLiteral("low-a"), QStringLiteral("pending")}));
}

void TestStorage::queueFilters_data()
{
    QTest::addColumn<QueueQuery>("query");
    QTest::addColumn<QStringList>("expected");
    auto q = [](auto setup) {
        QueueQuery query;
        setup(query);
        return query;
    };
    QTest::newRow("all") << QueueQuery()
                         << QStringList{
                                QStringLiteral("urgent-early"), QStringLiteral("urgent-late"),
                                QStringLiteral("high"),         QStringLiteral("normal-auto"),
                                QStringLiteral("low-a"),        QStringLiteral("pending")};
    QTest::newRow("status pending")
        << q([](QueueQuery &x) { x.statuses = {DocumentStatus::Pending}; })
        << QStringList{QStringLiteral("pending")};
    QTest::newRow("two statuses") << q([](QueueQuery &x) {
        x.statuses = {DocumentStatus::AutoApproved, DocumentStatus::Pending};
    }) << QStringList{QStringLiteral("normal-auto"), QStringLiteral("pending")};
    QTest::newRow("type") << q([](QueueQuery &x) { x.documentType = QStringLiteral("receipt"); })
                          << QStringList{QStringLiteral("high")};
    QTest::newRow("priority") << q([](QueueQuery &x) {
        x.priority = QStringLiteral("urgent");
    }) << QStringList{QStringLiteral("urgent-early"), QStringLiteral("urgent-late")};
    QTest::newRow("no priority") << q([](QueueQuery &x) { x.priority = QStringLiteral("none"); })
                                 << QStringList{QStringLiteral("pending")};
    QTest::newRow("seller, any case")
        << q([](QueueQuery &x) { x.search = QStringLiteral("ACME"); })
        << QStringList{QStringLiteral("urgent-early"), QStringLiteral("urgent-late")};
    QTest::newRow("number") << q([](QueueQuery &x) { x.search = QStringLiteral("inv-001"); })
                            << QStringList{QStringLiteral("urgent-late")};
    QTest::newRow("file name") << q([](QueueQuery &x) { x.search = QStringLiteral("low-a.PDF"); })
                               << QStringList{QStringLiteral("low-a")};
    QTest::newRow("wildcards are literal")
        << q([](QueueQuery &x) { x.search = QStringLiteral("0%_"); })
        << QStringList{QStringLiteral("high")};
    QTest::newRow("underscore is literal")
        << q([](QueueQuery &x) { x.search = QStringLiteral("g_1"); }) << QStringList{};
    QTest::newRow("dates") << q([](QueueQuery &x) {
        x.from = QDate(2026, 1, 11);
        x.to = QDate(2026, 1, 12);
    }) << QStringList{QStringLiteral("urgent-early"), QStringLiteral("high")};
    QTest::newRow("from only") << q([](QueueQuery &x) { x.from = QDate(2026, 1, 14); })
                               << QStringList{QStringLiteral("normal-auto")};
    QTest::newRow("combined") << q([](QueueQuery &x) {
        x.statuses = {DocumentStatus::NeedsReview};
        x.documentType = QStringLiteral("commercial_invoice");
        x.search = QStringLiteral("corp");
        x.to = QDate(2026, 1, 12);
    }) << QStringList{QStringLiteral("urgent-early")};
}

void TestStorage::queueFilters()
{
    QFETCH(QueueQuery, query);
    QFETCH(QStringList, expected);
    auto db = queueFixture();
    QVERIFY(db);
    DocumentRepository repo(*db);
    auto list = repo.list(query, 0, 100);
    QVERIFY2(list, qPrintable(list.error().message));
    QCOMPARE(shas(list.value()), expected);
    QCOMPARE(repo.count(query).value(), expected.size());
}

void TestStorage::queuePaging()
{
    auto db = queueFixture();
    QVERIFY(db);
    DocumentRepository repo(*db);
    QStringList paged;
    for (int offset = 0; offset < 8; offset += 4)
        paged += shas(repo.list({}, offset, 4).value());
    QCOMPARE(paged, shas(repo.list({}, 0, 0).value()));
    QCOMPARE(repo.list({}, 2, 2).value().size(), 2);
    QCOMPARE(repo.list({}, 6, 10).value().size(), 0);
    QCOMPARE(repo.count({}).value(), 6);
}

void TestStorage::countsByStatus()
{
    auto db = queueFixture();
    QVERIFY(db);
    auto counts = DocumentRepository(*db).countsByStatus();
    QVERIFY(counts);
    QCOMPARE(counts.value().value(DocumentStatus::NeedsReview), 4);
    QCOMPARE(counts.value().value(DocumentStatus::Pending), 1);
    QCOMPARE(counts.value().value(DocumentStatus::AutoApproved), 1);
    QCOMPARE(counts.value().value(DocumentStatus::Approved), 0);
    QVERIFY(counts.value().contains(DocumentStatus::Failed));
}

void TestStorage::sameSellerAndNumber()
{
    auto db = queueFixture();
    QVERIFY(db);
    DocumentRepository repo(*db);
    auto dup = repo.insertOrFind(makeDoc(QStringLiteral("dup"), utc(2, 1)));
    QVERIFY(dup);
    QVERIFY(ExtractionRepository(*db).saveResult(
        dup.value().id, makeResult(DocumentStatus::NeedsReview, Priority::High,
                                   QStringLiteral("Acme Corp"), QStringLiteral("INV-001"))));
    const Document d = repo.get(dup.value().id).value();
    auto same = repo.sameSellerAndNumber(d);
    QVERIFY2(same, qPrintable(same.error().message));
    QCOMPARE(shas(same.value()), QStringList{QStringLiteral("urgent-late")});
    QCOMPARE(
        repo.sameSellerAndNumber(repo.findBySha(QStringLiteral("pending")).value()).value().size(),
        0);
}

void TestStorage::setStatusChecksVersion()
{
    auto db = openFresh();
    QVERIFY(db);
    DocumentRepository repo(*db);
    const Document d = repo.insertOrFind(makeDoc(QStringLiteral("s"))).value();
    QVERIFY(repo.setStatus(d.id, DocumentStatus::Processing, d.version).ok());
    const Status stale = repo.setStatus(d.id, DocumentStatus::Failed, d.version);
    QCOMPARE(stale.error().code, QStringLiteral("stale_version"));
    QCOMPARE(repo.get(d.id).value().status, DocumentStatus::Processing);
    QVERIFY(repo.setStatus(d.id, DocumentStatus::Failed, -1, QStringLiteral("ocr_failed"),
                           QStringLiteral("no text"))
                .ok());
    const Document after = repo.get(d.id).value();
    QCOMPARE(after.status, DocumentStatus::Failed);
    QCOMPARE(after.errorCode, QStringLiteral("ocr_failed"));
    QCOMPARE(after.version, d.version + 2);
    QCOMPARE(repo.setStatus(4242, DocumentStatus::Failed).error().code,
             QStringLiteral("not_found"));
}

void TestStorage::countsByStatusFollowTheOtherFilters_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("priority");
    QTest::addColumn<QString>("search");
    QTest::addColumn<int>("needsReview");
    QTest::addColumn<int>("autoApproved");
    QTest::addColumn<int>("pending");
    QTest::newRow("all") << QString() << QString() << QString() << 4 << 1 << 1;
    QTest::newRow("invoices") << QStringLiteral("commercial_invoice") << QString() << QString() << 3
                              << 0 << 0;
    QTest::newRow("urgent") << QString() << QStringLiteral("urgent") << QString() << 2 << 0 << 0;
    QTest::newRow("acme") << QString() << QString() << QStringLiteral("acme") << 2 << 0 << 0;
    QTest::newRow("no priority") << QString() << QStringLiteral("none") << QString() << 0 << 0 << 1;
}

void TestStorage::countsByStatusFollowTheOtherFilters()
{
    QFETCH(QString, type);
    QFETCH(QString, priority);
    QFETCH(QString, search);
    QFETCH(int, needsReview);
    QFETCH(int, autoApproved);
    QFETCH(int, pending);
    auto db = queueFixture();
    QVERIFY(db);
    QueueQuery query;
    query.documentType = type;
    query.priority = priority;
    query.search = search;
    query.statuses = {DocumentStatus::Approved}; // ignored: counts are per status
    auto counts = DocumentRepository(*db).countsByStatus(query);
    QVERIFY2(counts, qPrintable(counts.error().message));
    QCOMPARE(counts.value().size(), 7);
    QCOMPARE(counts.value().value(DocumentStatus::NeedsReview), needsReview);
    QCOMPARE(counts.value().value(DocumentStatus::AutoApproved), autoApproved);
    QCOMPARE(counts.value().value(DocumentStatus::Pending), pending);
    QCOMPARE(counts.value().value(DocumentStatus::Approved), 0);
}
