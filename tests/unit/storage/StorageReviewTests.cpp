#include "StorageTest.h"

using namespace docket;
using namespace docket::storagetest;

namespace {

// A document in review with one processed extraction (total 100.00, two line items).
Document reviewable(Database &db, const QString &sha)
{
    auto doc = DocumentRepository(db).insertOrFind(makeDoc(sha));
    ProcessingResult r = makeResult(DocumentStatus::NeedsReview, Priority::Normal,
                                    QStringLiteral("ACME"), QStringLiteral("INV-1"));
    r.extraction.fields.insert(QStringLiteral("total_amount"),
                               makeField(QStringLiteral("100.00"), 0.6, QRectF(1, 2, 3, 4)));
    for (int i = 0; i < 2; ++i) {
        LineItem item;
        item.cells.insert(QStringLiteral("amount"), makeField(QStringLiteral("50.00"), 0.7));
        r.extraction.lineItems.append(item);
    }
    ExtractionRepository(db).saveResult(doc.value().id, r);
    return DocumentRepository(db).get(doc.value().id).value();
}

} // namespace

void TestStorage::correctionUpdatesFieldWithAudit()
{
    auto db = openFresh();
    QVERIFY(db);
    const Document d = reviewable(*db, QStringLiteral("c"));
    ReviewRepository reviews(*db);

    Correction c;
    c.documentId = d.id;
    c.field = QStringLiteral("total_amount");
    c.after = QStringLiteral("99.00");
    c.reviewer = QStringLiteral("ann");
    Field f;
    f.value = QStringLiteral("99.00");
    f.page = 1;
    f.bbox = QRectF(5, 6, 7, 8);
    auto id = reviews.saveCorrection(c, f);
    QVERIFY2(id, qPrintable(id.error().message));

    c.field = QStringLiteral("line_items[1].amount");
    c.after = QStringLiteral("49.00");
    QVERIFY(reviews.saveCorrection(c, Field()).ok());
    c.field = QStringLiteral("due_date"); // not extracted before: added
    c.after = QStringLiteral("2026-02-01");
    QVERIFY(reviews.saveCorrection(c, Field()).ok());

    const Extraction e = ExtractionRepository(*db).latest(d.id).value();
    const Field total = e.fields.value(QStringLiteral("total_amount"));
    QCOMPARE(total.value, QStringLiteral("99.00"));
    QCOMPARE(total.source, QStringLiteral("reviewer"));
    QCOMPARE(total.bbox, QRectF(5, 6, 7, 8));
    QCOMPARE(e.lineItems.at(1).value(QStringLiteral("amount")), QStringLiteral("49.00"));
    QCOMPARE(e.lineItems.at(0).value(QStringLiteral("amount")), QStringLiteral("50.00"));
    QCOMPARE(e.value(QStringLiteral("due_date")), QStringLiteral("2026-02-01"));

    const auto corrections = reviews.corrections(d.id).value();
    QCOMPARE(corrections.size(), 3);
    QCOMPARE(corrections[0].id, id.value());
    QCOMPARE(corrections[0].before, QStringLiteral("100.00"));
    QCOMPARE(corrections[0].after, QStringLiteral("99.00"));
    QCOMPARE(corrections[0].reviewer, QStringLiteral("ann"));
    QVERIFY(corrections[0].at.isValid());
    QCOMPARE(corrections[1].before, QStringLiteral("50.00"));
    QCOMPARE(corrections[2].before, QString());

    const auto audit = reviews.audit(d.id).value();
    int corrected = 0;
    for (const AuditEntry &a : audit)
        corrected += a.action == QLatin1String("corrected");
    QCOMPARE(corrected, 3);
    QCOMPARE(audit.last().actor, QStringLiteral("ann"));
    QVERIFY(audit.last().detail.contains(QLatin1String("due_date")));

    const Document after = DocumentRepository(*db).get(d.id).value();
    QCOMPARE(after.totalAmount, QStringLiteral("99.00")); // the queue shows the corrected total
    QCOMPARE(after.version, d.version);                   // an edit is not a status change

    c.documentId = 4242;
    QCOMPARE(reviews.saveCorrection(c, Field()).error().code, QStringLiteral("not_found"));
}

void TestStorage::correctionIsAtomic()
{
    auto db = openFresh();
    QVERIFY(db);
    const Document d = reviewable(*db, QStringLiteral("atomic"));
    // Make the audit insert fail: the field update and correction row must not survive it.
    QSqlQuery q(db->sql());
    QVERIFY(q.exec(QStringLiteral("ALTER TABLE audit_log RENAME TO audit_log_away")));
    Correction c;
    c.documentId = d.id;
    c.field = QStringLiteral("total_amount");
    c.after = QStringLiteral("1.00");
    QVERIFY(!ReviewRepository(*db).saveCorrection(c, Field()).ok());
    QVERIFY(q.exec(QStringLiteral("ALTER TABLE audit_log_away RENAME TO audit_log")));
    QCOMPARE(ExtractionRepository(*db).latest(d.id).value().value(QStringLiteral("total_amount")),
             QStringLiteral("100.00"));
    QCOMPARE(rows(*db, QStringLiteral("SELECT COUNT(*) FROM corrections")), 0);
}

void TestStorage::approveWithStaleVersionChangesNothing()
{
    auto db = openFresh();
    QVERIFY(db);
    const Document d = reviewable(*db, QStringLiteral("a"));
    ReviewRepository reviews(*db);
    DocumentRepository docs(*db);
    const int auditBefore = int(reviews.audit(d.id).value().size());

    const Status stale = reviews.approve(d.id, d.version - 1, QStringLiteral("bob"));
    QCOMPARE(stale.error().code, QStringLiteral("stale_version"));
    QVERIFY(!stale.error().message.isEmpty());
    const Document unchanged = docs.get(d.id).value();
    QCOMPARE(unchanged.status, DocumentStatus::NeedsReview);
    QCOMPARE(unchanged.version, d.version);
    QCOMPARE(unchanged.updatedAt, d.updatedAt);
    QCOMPARE(reviews.reviews(d.id).value().size(), 0);
    QCOMPARE(int(reviews.audit(d.id).value().size()), auditBefore);

    QVERIFY(reviews.approve(d.id, d.version, QStringLiteral("bob")).ok());
    const Document approved = docs.get(d.id).value();
    QCOMPARE(approved.status, DocumentStatus::Approved);
    QCOMPARE(approved.version, d.version + 1);
    const auto stored = reviews.reviews(d.id).value();
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored[0].decision, QStringLiteral("approved"));
    QCOMPARE(stored[0].reviewer, QStringLiteral("bob"));
    QCOMPARE(stored[0].version, d.version + 1);
    QCOMPARE(reviews.audit(d.id).value().last().action, QStringLiteral("approved"));

    // A second reviewer who opened the same version is refused, not silently overwritten.
    QCOMPARE(
        reviews.reject(d.id, d.version, QStringLiteral("eve"), QStringLiteral("x")).error().code,
        QStringLiteral("stale_version"));
    QCOMPARE(docs.get(d.id).value().status, DocumentStatus::Approved);
    QCOMPARE(reviews.approve(4242, 1, QStringLiteral("bob")).error().code,
             QStringLiteral("not_found"));
}

void TestStorage::rejectRecordsReason()
{
    auto db = openFresh();
    QVERIFY(db);
    const Document d = reviewable(*db, QStringLiteral("r"));
    ReviewRepository reviews(*db);
    QVERIFY(
        reviews.reject(d.id, d.version, QStringLiteral("ann"), QStringLiteral("duplicate")).ok());
    QCOMPARE(DocumentRepository(*db).get(d.id).value().status, DocumentStatus::Rejected);
    QCOMPARE(reviews.reviews(d.id).value().at(0).reason, QStringLiteral("duplicate"));
    const AuditEntry last = reviews.audit(d.id).value().last();
    QCOMPARE(last.action, QStringLiteral("rejected"));
    QVERIFY(last.detail.contains(QLatin1String("duplicate")));
    QVERIFY(reviews.addAudit(d.id, QStringLiteral("exported"), QStringLiteral("ann")).ok());
    QCOMPARE(reviews.audit(d.id).value().last().action, QStringLiteral("exported"));
}

void TestStorage::usageSums()
{
    auto db = openFresh();
    QVERIFY(db);
    UsageRepository usage(*db);
    auto local = [](int month, int day, int hour) {
        return QDateTime(QDate(2026, month, day), QTime(hour, 30));
    };
    struct Row
    {
        QDateTime at;
        const char *model;
        qint64 input;
        double cost;
    };
    const Row rows[] = {{local(3, 15, 0), "gpt-a", 100, 0.25},
                        {local(3, 15, 23), "gpt-b", 200, 0.5},
                        {local(3, 16, 9), "gpt-a", 400, 1.0},
                        {local(4, 1, 0), "gpt-a", 800, 2.0}};
    for (const Row &r : rows) {
        UsageRecord rec;
        rec.provider = QStringLiteral("openai");
        rec.model = QString::fromLatin1(r.model);
        rec.step = QStringLiteral("extract");
        rec.inputTokens = r.input;
        rec.outputTokens = 10;
        rec.costUsd = r.cost;
        rec.at = r.at;
        auto id = usage.add(rec);
        QVERIFY2(id, qPrintable(id.error().message));
    }
    const Usage day = usage.totalForDay(QDate(2026, 3, 15)).value();
    QCOMPARE(day.requests, 2);
    QCOMPARE(day.inputTokens, 300);
    QCOMPARE(day.costUsd, 0.75);
    const Usage month = usage.totalForMonth(QDate(2026, 3, 20)).value();
    QCOMPARE(month.requests, 3);
    QCOMPARE(month.outputTokens, 30);
    QCOMPARE(month.costUsd, 1.75);
    QCOMPARE(usage.totalForDay(QDate(2026, 3, 17)).value().requests, 0);
    const auto daily = usage.dailyTotals(QDate(2026, 3, 1), QDate(2026, 4, 30)).value();
    QCOMPARE(daily.keys(),
             QList<QDate>({QDate(2026, 3, 15), QDate(2026, 3, 16), QDate(2026, 4, 1)}));
    QCOMPARE(daily.value(QDate(2026, 4, 1)).costUsd, 2.0);
    const auto byModel = usage.totalsByModel(local(3, 1, 0), local(5, 1, 0)).value();
    QCOMPARE(byModel.value(QStringLiteral("gpt-a")).inputTokens, 1300);
    QCOMPARE(byModel.value(QStringLiteral("gpt-b")).requests, 1);
}

void TestStorage::vendorMemory()
{
    auto db = openFresh();
    QVERIFY(db);
    VendorMemoryRepository memory(*db);
    const QString type = QStringLiteral("commercial_invoice");
    QCOMPARE(memory.get(QStringLiteral("acme"), type).value(), QString());
    QVERIFY(memory.put(QStringLiteral("acme"), type, QStringLiteral("{\"a\":1}")).ok());
    QVERIFY(
        memory.put(QStringLiteral("acme"), QStringLiteral("receipt"), QStringLiteral("{}")).ok());
    QVERIFY(memory.put(QStringLiteral("acme"), type, QStringLiteral("{\"a\":2}")).ok());
    QCOMPARE(memory.get(QStringLiteral("acme"), type).value(), QStringLiteral("{\"a\":2}"));
    QCOMPARE(memory.vendors(type).value(), QStringList{QStringLiteral("acme")});
    QVERIFY(memory.remove(QStringLiteral("acme"), type).ok());
    QCOMPARE(memory.get(QStringLiteral("acme"), type).value(), QString());
    QCOMPARE(memory.get(QStringLiteral("acme"), QStringLiteral("receipt")).value(),
             QStringLiteral("{}"));
}

void TestStorage::qualityStats()
{
    auto db = openFresh();
    QVERIFY(db);
    const Document a = reviewable(*db, QStringLiteral("qa"));
    const Document b = reviewable(*db, QStringLiteral("qb"));
    auto c = DocumentRepository(*db).insertOrFind(makeDoc(QStringLiteral("qc")));
    QVERIFY(ExtractionRepository(*db).saveResult(
        c.value().id, makeResult(DocumentStatus::AutoApproved, Priority::Low, QStringLiteral("X"),
                                 QStringLiteral("1"))));
    ReviewRepository reviews(*db);
    Correction fix;
    fix.documentId = a.id;
    fix.field = QStringLiteral("line_items[0].amount");
    fix.after = QStringLiteral("1.00");
    QVERIFY(reviews.saveCorrection(fix, Field()));
    fix.field = QStringLiteral("line_items[1].amount");
    QVERIFY(reviews.saveCorrection(fix, Field()));
    fix.field = QStringLiteral("total_amount");
    QVERIFY(reviews.saveCorrection(fix, Field()));
    QVERIFY(reviews.approve(a.id, a.version, QStringLiteral("ann")).ok());
    QVERIFY(reviews.reject(b.id, b.version, QStringLiteral("ann"), QStringLiteral("dup")).ok());

    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto stats = StatsRepository(*db).quality(now.addSecs(-3600), now.addSecs(3600));
    QVERIFY2(stats, qPrintable(stats.error().message));
    const QualityStats &s = stats.value();
    QCOMPARE(s.processed, 3);
    QCOMPARE(s.autoApproved, 1);
    QCOMPARE(s.needsReview, 2);
    QCOMPARE(s.approved, 1);
    QCOMPARE(s.rejected, 1);
    QCOMPARE(s.corrections, 3);
    QCOMPARE(s.correctedDocuments, 1);
    QCOMPARE(s.correctionsByField.value(QStringLiteral("line_items.amount")), 2);
    QCOMPARE(s.straightThroughRate(), 1.0 / 3.0);
    QCOMPARE(StatsRepository(*db).quality(now.addDays(-3), now.addDays(-2)).value().processed, 0);
    const QDate today = now.toLocalTime().date();
    const auto perDay = StatsRepository(*db).processedPerDay(today.addDays(-1), today).value();
    int total = 0;
    for (int n : perDay)
        total += n;
    QCOMPARE(total, 3);
}
