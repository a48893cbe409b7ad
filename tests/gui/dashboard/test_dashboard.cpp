// The cost and quality dashboard on generated data: every figure it shows equals the sum
// computed here, independently, from the rows the test generated; the GUI thread keeps
// running while the figures load; the CSV export holds the same figures.
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/ReviewRepository.h"
#include "storage/UsageRepository.h"
#include "support/PostgresServer.h"
#include "ui/CostDashboard.h"

#include <QChartView>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace docket;

namespace {

struct Expected
{
    Usage total, today, month;
    QMap<QString, Usage> byProvider, byModel, byStep, byType;
    int processed = 0, autoApproved = 0, needsReview = 0, failed = 0;
    QList<qint64> durations;
    QMap<QString, int> correctionsByField;
    QMap<QString, int> approvedBy, rejectedBy, correctionsBy;
};

void add(Usage &u, const UsageRecord &r)
{
    u.requests += r.requests;
    u.inputTokens += r.inputTokens;
    u.cachedTokens += r.cachedTokens;
    u.outputTokens += r.outputTokens;
    u.costUsd += r.costUsd;
}

bool sameUsage(const Usage &a, const Usage &b)
{
    return a.requests == b.requests && a.inputTokens == b.inputTokens &&
           a.cachedTokens == b.cachedTokens && a.outputTokens == b.outputTokens &&
           qAbs(a.costUsd - b.costUsd) < 1e-6;
}

QString describe(const Usage &u)
{
    return QStringLiteral("%1 req %2 in %3 cached %4 out $%5")
        .arg(u.requests)
        .arg(u.inputTokens)
        .arg(u.cachedTokens)
        .arg(u.outputTokens)
        .arg(u.costUsd, 0, 'f', 6);
}

// Generates documents, usage over 60 days, processing audit rows, reviews and corrections;
// returns what the dashboard must show for [from, to) with "now" being `now`.
Expected generate(Database &db, const QDate &from, const QDate &to, const QDateTime &now)
{
    Expected e;
    QRandomGenerator random(20261123);
    DocumentRepository documents(db);
    ReviewRepository reviews(db);
    UsageRepository usage(db);
    const QStringList types{QStringLiteral("commercial_invoice"), QStringLiteral("receipt"),
                            QStringLiteral("packing_list"), QStringLiteral("certificate")};
    const QStringList providers{QStringLiteral("openai"), QStringLiteral("kimi")};
    const QStringList models{QStringLiteral("gpt-4.1-mini"), QStringLiteral("gpt-4.1"),
                             QStringLiteral("kimi-vl-a3b")};
    const QStringList steps{QStringLiteral("classify"), QStringLiteral("extract"),
                            QStringLiteral("repair")};
    const QStringList reviewers{QStringLiteral("alice"), QStringLiteral("bob"),
                                QStringLiteral("carol")};
    const QStringList fields{QStringLiteral("total_amount"), QStringLiteral("invoice_date"),
                             QStringLiteral("seller_name"), QStringLiteral("line_items[1].amount")};
    QList<qint64> ids;
    QMap<qint64, QString> typeOf;
    for (int i = 0; i < 40; ++i) {
        Document doc;
        doc.sha256 = QStringLiteral("%1").arg(i, 64, 16, QLatin1Char('0'));
        doc.fileName = QStringLiteral("doc-%1.pdf").arg(i);
        auto stored = documents.insertOrFind(doc);
        Q_ASSERT(stored);
        ids << stored.value().id;
        typeOf.insert(stored.value().id, types.at(i % types.size()));
        QSqlQuery q(db.sql());
        q.prepare(QStringLiteral("UPDATE documents SET document_type = ? WHERE id = ?"));
        q.addBindValue(types.at(i % types.size()));
        q.addBindValue(stored.value().id);
        q.exec();
    }
    const QDateTime start = from.startOfDay(), end = to.addDays(1).startOfDay();
    for (int i = 0; i < 600; ++i) {
        UsageRecord r;
        r.documentId = i % 7 == 0 ? 0 : ids.at(int(random.bounded(ids.size())));
        r.provider = providers.at(int(random.bounded(providers.size())));
        r.model = models.at(int(random.bounded(models.size())));
        r.step = steps.at(int(random.bounded(steps.size())));
        r.requests = 1 + int(random.bounded(3));
        r.inputTokens = 100 + random.bounded(5000);
        r.cachedTokens = random.bounded(int(r.inputTokens));
        r.outputTokens = 10 + random.bounded(800);
        r.costUsd = double(random.bounded(100000)) / 1e6;
        // Spread over 60 days back from now, some in the future of `to`.
        r.at = now.addSecs(-qint64(random.bounded(60 * 86400)) + 3600);
        if (!usage.add(r))
            qFatal("usage");
        if (r.at >= start && r.at < end) {
            add(e.total, r);
            add(e.byProvider[r.provider], r);
            add(e.byModel[r.model], r);
            add(e.byStep[r.step], r);
            add(e.byType[r.documentId ? typeOf.value(r.documentId) : QString()], r);
        }
        const QDateTime local = r.at.toLocalTime();
        if (local.date() == now.date())
            add(e.today, r);
        if (local.date().year() == now.date().year() && local.date().month() == now.date().month())
            add(e.month, r);
    }
    // Processing outcomes (now, inside the period): auto_approved / needs_review / failed.
    const QStringList outcomes{QStringLiteral("auto_approved"), QStringLiteral("needs_review"),
                               QStringLiteral("needs_review"), QStringLiteral("failed")};
    for (int i = 0; i < ids.size(); ++i) {
        const QString status = outcomes.at(i % outcomes.size());
        const qint64 ms = 100 + 37 * i;
        reviews.addAudit(
            ids.at(i), QStringLiteral("processed"), QStringLiteral("local"),
            QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("status"), status},
                                                        {QStringLiteral("total_ms"), ms}})
                                  .toJson(QJsonDocument::Compact)));
        ++e.processed;
        e.durations << ms;
        if (status == QLatin1String("auto_approved"))
            ++e.autoApproved;
        else if (status == QLatin1String("needs_review"))
            ++e.needsReview;
        else
            ++e.failed;
    }
    // Reviews: corrections then approve or reject, by three reviewers.
    for (int i = 0; i < 24; ++i) {
        const qint64 id = ids.at(i);
        const QString reviewer = reviewers.at(i % reviewers.size());
        documents.setStatus(id, DocumentStatus::NeedsReview);
        for (int c = 0; c < i % 3; ++c) {
            Correction corr;
            corr.documentId = id;
            corr.field = fields.at((i + c) % fields.size());
            corr.after = QStringLiteral("v%1").arg(c);
            corr.reviewer = reviewer;
            Field f;
            f.name = corr.field;
            f.value = corr.after;
            if (!reviews.saveCorrection(corr, f))
                qFatal("correction");
            QString field = corr.field;
            field.replace(QStringLiteral("[1]"), QString());
            ++e.correctionsByField[field];
            ++e.correctionsBy[reviewer];
        }
        const int version = documents.get(id).value().version;
        if (i % 5 == 4) {
            if (!reviews.reject(id, version, reviewer, QStringLiteral("illegible")))
                qFatal("reject");
            ++e.rejectedBy[reviewer];
        } else {
            if (!reviews.approve(id, version, reviewer))
                qFatal("approve");
            ++e.approvedBy[reviewer];
        }
    }
    std::sort(e.durations.begin(), e.durations.end());
    return e;
}

} // namespace

class TestDashboard : public QObject
{
    Q_OBJECT

private:
    docket::test::PostgresServer m_pg;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_pg.start(), qPrintable(m_pg.errorString()));
    }

    void figuresEqualIndependentSums_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }

    void figuresEqualIndependentSums()
    {
        QFETCH(bool, postgres);
        const QString url =
            postgres ? m_pg.createDatabase() : m_dir.filePath(QStringLiteral("dashboard.sqlite"));
        QVERIFY(!url.isEmpty());
        const QDate to = QDate::currentDate();
        const QDate from = to.addDays(-29);
        const QDateTime now = QDateTime::currentDateTime();
        Expected e;
        {
            auto db = Database::open(url);
            QVERIFY(db);
            e = generate(*db.value(), from, to, now);
        }

        CostDashboard dashboard(url);
        BudgetLimits budgets;
        budgets.daily = UsdAmount::fromCents(500);
        budgets.monthly = UsdAmount::fromCents(10000);
        dashboard.setBudgets(budgets);
        dashboard.resize(1200, 800);
        dashboard.show();
        dashboard.setRange(from, to);
        QCOMPARE(dashboard.objectName(), QStringLiteral("costDashboard"));
        QVERIFY(!dashboard.isReady()); // loading in the background, the GUI thread goes on
        QTRY_VERIFY_WITH_TIMEOUT(dashboard.isReady(), 60000);
        const DashboardFigures &f = dashboard.figures();

        QVERIFY2(sameUsage(f.total, e.total),
                 qPrintable(describe(f.total) + QStringLiteral(" vs ") + describe(e.total)));
        QVERIFY2(sameUsage(f.today, e.today),
                 qPrintable(describe(f.today) + QStringLiteral(" vs ") + describe(e.today)));
        QVERIFY(sameUsage(f.thisMonth, e.month));
        auto compareMaps = [](const QMap<QString, Usage> &got, const QMap<QString, Usage> &want) {
            if (got.keys() != want.keys())
                return false;
            for (auto it = want.cbegin(); it != want.cend(); ++it)
                if (!sameUsage(got.value(it.key()), it.value()))
                    return false;
            return true;
        };
        QVERIFY(compareMaps(f.byProvider, e.byProvider));
        QVERIFY(compareMaps(f.byModel, e.byModel));
        QVERIFY(compareMaps(f.byStep, e.byStep));
        QVERIFY2(compareMaps(f.byDocumentType, e.byType),
                 qPrintable(f.byDocumentType.keys().join(QLatin1Char(','))));
        double perDay = 0;
        for (const Usage &u : f.usagePerDay)
            perDay += u.costUsd;
        QVERIFY(qAbs(perDay - e.total.costUsd) < 1e-6);

        QCOMPARE(f.quality.processed, e.processed);
        QCOMPARE(f.quality.autoApproved, e.autoApproved);
        QCOMPARE(f.quality.needsReview, e.needsReview);
        QCOMPARE(f.quality.failed, e.failed);
        QCOMPARE(f.processingMs, e.durations);
        const int n = int(e.durations.size());
        QCOMPARE(f.processingPercentile(50), e.durations.at((n + 1) / 2 - 1));
        QCOMPARE(f.processingPercentile(90), e.durations.at(int(std::ceil(0.9 * n)) - 1));
        QCOMPARE(f.quality.correctionsByField, e.correctionsByField);
        int approved = 0, rejected = 0;
        for (auto it = f.byReviewer.cbegin(); it != f.byReviewer.cend(); ++it) {
            QCOMPARE(it.value().approved, e.approvedBy.value(it.key()));
            QCOMPARE(it.value().rejected, e.rejectedBy.value(it.key()));
            QCOMPARE(it.value().corrections, e.correctionsBy.value(it.key()));
            approved += it.value().approved;
            rejected += it.value().rejected;
        }
        QCOMPARE(f.byReviewer.size(), 3);
        QCOMPARE(f.quality.approved, approved);
        QCOMPARE(f.quality.rejected, rejected);
        int perHour = 0;
        for (int v : f.processedPerHour)
            perHour += v;
        QCOMPARE(perHour, e.processed);
        QVERIFY(qAbs(f.reviewRate() - double(e.needsReview) / e.processed) < 1e-9);
        QVERIFY(qAbs(f.autoApprovalRate() - double(e.autoApproved) / e.processed) < 1e-9);
        QVERIFY(qAbs(f.cacheHitRate() - double(e.total.cachedTokens) / e.total.inputTokens) < 1e-9);

        // What the supervisor reads.
        auto text = [&](const char *name) {
            auto *label = dashboard.findChild<QLabel *>(QLatin1String(name));
            return label ? label->text() : QStringLiteral("<missing %1>").arg(QLatin1String(name));
        };
        QVERIFY2(
            text("spendToday").contains(UsdAmount::fromDouble(e.today.costUsd).toDisplayString()),
            qPrintable(text("spendToday")));
        QVERIFY2(text("spendToday").contains(QStringLiteral("$5.00")),
                 qPrintable(text("spendToday")));
        QVERIFY(
            text("spendMonth").contains(UsdAmount::fromDouble(e.month.costUsd).toDisplayString()));
        QCOMPARE(text("spendPeriod"), UsdAmount::fromDouble(e.total.costUsd).toDisplayString());
        QVERIFY(text("reviewRate")
                    .startsWith(QLocale().toString(100.0 * e.needsReview / e.processed, 'f', 1)));
        QVERIFY(text("processingTime")
                    .contains(QStringLiteral("%1 ms").arg(e.durations.at((n + 1) / 2 - 1))));
        QCOMPARE(dashboard.findChildren<QChartView *>().size(), 8);

        // CSV export holds the same figures.
        const QString csv =
            m_dir.filePath(postgres ? QStringLiteral("pg.csv") : QStringLiteral("sqlite.csv"));
        QVERIFY2(dashboard.exportCsv(csv), qPrintable(dashboard.errorString()));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString written = QString::fromUtf8(file.readAll());
        QVERIFY(written.startsWith(QStringLiteral("section,name,metric,value\r\n")));
        for (auto it = e.byProvider.cbegin(); it != e.byProvider.cend(); ++it)
            QVERIFY(written.contains(QStringLiteral("by_provider,%1,cost_usd,%2\r\n")
                                         .arg(it.key())
                                         .arg(f.byProvider.value(it.key()).costUsd, 0, 'g', 12)));
        QVERIFY(written.contains(
            QStringLiteral("summary,,documents_processed,%1\r\n").arg(e.processed)));

        // A narrower range: today only.
        dashboard.setRange(to, to);
        QTRY_VERIFY_WITH_TIMEOUT(dashboard.isReady(), 60000);
        QVERIFY2(sameUsage(dashboard.figures().total, e.today),
                 qPrintable(describe(dashboard.figures().total)));
    }
};

QTEST_MAIN(TestDashboard)
#include "test_dashboard.moc"
