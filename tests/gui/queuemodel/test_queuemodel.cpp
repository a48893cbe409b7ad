// QueueModel over a real SQLite database: pages of 200 loaded on demand, filters, and a
// refresh that moves, adds and removes rows while a view keeps its selected document.
#include "ui/QueueModel.h"
#include "ui/QueuePanel.h"
#include "ui/QueueView.h"

#include "core/ProcessingResult.h"
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/ExtractionRepository.h"
#include "storage/ReviewLeases.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace docket;

namespace {
constexpr int kDocuments = 450;

QString fileName(int i)
{
    return QStringLiteral("file-%1.pdf").arg(i, 4, 10, QLatin1Char('0'));
}
} // namespace

class TestQueueModel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    QList<qint64> m_ids;

    qint64 insert(int i)
    {
        Document doc;
        doc.sha256 = QStringLiteral("%1").arg(i, 64, 10, QLatin1Char('0'));
        doc.fileName = fileName(i);
        doc.originalPath = QStringLiteral("/in/") + doc.fileName;
        doc.storedPath = m_dir.filePath(doc.fileName);
        doc.mimeType = QStringLiteral("application/pdf");
        doc.pageCount = 1;
        doc.importedAt = QDateTime(QDate(2024, 1, 1), QTime(0, 0)).addSecs(i);
        auto stored = DocumentRepository(*m_db).insertOrFind(doc);
        return stored ? stored.value().id : 0;
    }

    // Stores a processed result for a document, with a priority and a seller.
    bool process(qint64 id, Priority priority, DocumentStatus status, const QString &seller)
    {
        ProcessingResult r;
        r.document.id = id;
        r.document.status = status;
        r.document.sellerName = seller;
        r.extraction.documentType = QStringLiteral("commercial_invoice");
        r.extraction.typeConfidence = 0.9;
        r.review.priority = priority;
        r.review.required = status == DocumentStatus::NeedsReview;
        return ExtractionRepository(*m_db).saveResult(id, r).ok();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto db = Database::open(m_dir.filePath(QStringLiteral("queue.sqlite")));
        QVERIFY2(db.ok(), qPrintable(db.error().message));
        m_db = db.takeValue();
        const Status s = m_db->transaction([this]() -> Status {
            for (int i = 0; i < kDocuments; ++i) {
                const qint64 id = insert(i);
                if (id == 0)
                    return Status::failure(QStringLiteral("insert"), QStringLiteral("insert"));
                m_ids.append(id);
            }
            return {};
        });
        QVERIFY2(s.ok(), qPrintable(s.error().message));
    }

    void loadsLazilyInPages()
    {
        QueueModel model;
        QCOMPARE(model.rowCount(), 0);
        model.setDatabase(m_db.get());
        QCOMPARE(model.totalCount(), kDocuments);
        QCOMPARE(model.rowCount(), QueueModel::kPageSize);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 2 * QueueModel::kPageSize);
        model.fetchMore({});
        QCOMPARE(model.rowCount(), kDocuments);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.index(0, QueueModel::FileColumn).data().toString(), fileName(0));
        QCOMPARE(model.columnCount(), int(QueueModel::ColumnCount));
        QCOMPARE(
            model.headerData(QueueModel::TotalColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
            QStringLiteral("Total"));
    }

    void ensureLoadedFetchesTheDocumentsPage()
    {
        QueueModel model;
        model.setDatabase(m_db.get());
        const int row = model.ensureLoaded(m_ids.at(420));
        QCOMPARE(row, 420);
        QCOMPARE(model.rowCount(), kDocuments);
        QCOMPARE(model.ensureLoaded(987654), -1);
    }

    void filters_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<int>("statusFilter"); // index in the panel's combo
        QTest::addColumn<int>("expected");
        QTest::newRow("all") << QString() << 0 << kDocuments;
        QTest::newRow("one file") << QStringLiteral("file-0042") << 0 << 1;
        QTest::newRow("ten files") << QStringLiteral("file-001") << 0 << 10;
        QTest::newRow("nothing") << QStringLiteral("no such thing") << 0 << 0;
        QTest::newRow("in progress") << QString() << 2 << kDocuments;
        QTest::newRow("approved") << QString() << 4 << 0;
    }

    void filters()
    {
        QFETCH(QString, search);
        QFETCH(int, statusFilter);
        QFETCH(int, expected);
        QueueModel model;
        model.setDatabase(m_db.get());
        QueuePanel panel(&model);
        auto *status = panel.findChild<QComboBox *>(QStringLiteral("queueStatusFilter"));
        auto *edit = panel.findChild<QLineEdit *>(QStringLiteral("queueSearch"));
        QVERIFY(status && edit);
        status->setCurrentIndex(statusFilter);
        edit->setText(search);
        QTRY_COMPARE(model.totalCount(), expected);
    }

    void refreshKeepsTheSelection()
    {
        QueueModel model;
        model.setDatabase(m_db.get());
        QueueView view;
        view.setQueueModel(&model);
        const qint64 chosen = m_ids.at(5);
        QVERIFY(view.selectDocument(chosen));
        QCOMPARE(view.currentIndex().row(), 5);
        QSignalSpy selected(&view, &QueueView::documentSelected);

        // Another document becomes urgent: it moves to the top, the chosen one moves down.
        QVERIFY(process(m_ids.at(100), Priority::Urgent, DocumentStatus::NeedsReview,
                        QStringLiteral("Acme")));
        // And a new document arrives.
        const qint64 added = insert(kDocuments);
        QVERIFY(added > 0);
        model.refresh();
        QCOMPARE(model.document(0).id, m_ids.at(100));
        QCOMPARE(model.index(0, QueueModel::SellerColumn).data().toString(),
                 QStringLiteral("Acme"));
        QCOMPARE(model.index(0, QueueModel::PriorityColumn).data().toString(),
                 QStringLiteral("Urgent"));
        QCOMPARE(view.currentDocumentId(), chosen);
        QCOMPARE(view.currentIndex().row(), 6);
        QCOMPARE(model.document(view.currentIndex().row()).id, chosen);
        QCOMPARE(selected.count(), 0); // the same document stays selected
        QCOMPARE(model.totalCount(), kDocuments + 1);
    }

    // The panel's type, priority and date filters and the counts per status, on a small
    // database of its own: documents of known type, priority, status and import day.
    void panelFilters_data()
    {
        QTest::addColumn<int>("status");   // index in the status combo
        QTest::addColumn<QString>("type"); // item data of the type combo; empty: all
        QTest::addColumn<QString>("priority");
        QTest::addColumn<int>("dateRange"); // QueuePanel::DateRange
        QTest::addColumn<int>("expected");
        QTest::newRow("all") << 0 << QString() << QString() << 0 << 5;
        QTest::newRow("invoices") << 0 << QStringLiteral("commercial_invoice") << QString() << 0
                                  << 3;
        QTest::newRow("receipts") << 0 << QStringLiteral("receipt") << QString() << 0 << 1;
        // (a failed document has no priority)
        QTest::newRow("urgent") << 0 << QString() << QStringLiteral("urgent") << 0 << 1;
        QTest::newRow("no priority") << 0 << QString() << QStringLiteral("none") << 0 << 1;
        QTest::newRow("urgent invoices needing review")
            << 1 << QStringLiteral("commercial_invoice") << QStringLiteral("urgent") << 0 << 1;
        QTest::newRow("today") << 0 << QString() << QString() << int(QueuePanel::Today) << 3;
        QTest::newRow("last 30 days")
            << 0 << QString() << QString() << int(QueuePanel::Last30Days) << 4;
        QTest::newRow("approved today")
            << 4 << QString() << QString() << int(QueuePanel::Today) << 1;
    }

    void panelFilters()
    {
        QFETCH(int, status);
        QFETCH(QString, type);
        QFETCH(QString, priority);
        QFETCH(int, dateRange);
        QFETCH(int, expected);
        auto db = smallQueue();
        QVERIFY(db);
        QueueModel model;
        model.setDatabase(db.get());
        QueuePanel panel(&model);
        panel.show();
        auto *filters = panel.findChild<QWidget *>(QStringLiteral("queueFilters"));
        QVERIFY(filters);
        panel.filtersButton()->setChecked(false);
        QVERIFY(!filters->isVisible());
        panel.filtersButton()->click();
        QVERIFY(filters->isVisible());
        {
            QueuePanel again(&model); // the filter row's state is remembered
            again.show();
            QVERIFY(again.findChild<QWidget *>(QStringLiteral("queueFilters"))->isVisible());
        }
        panel.statusFilter()->setCurrentIndex(status);
        if (!type.isEmpty())
            panel.typeFilter()->setCurrentIndex(panel.typeFilter()->findData(type));
        if (!priority.isEmpty())
            panel.priorityFilter()->setCurrentIndex(panel.priorityFilter()->findData(priority));
        panel.dateFilter()->setCurrentIndex(dateRange);
        QCOMPARE(model.totalCount(), expected);
        QCOMPARE(model.rowCount(), expected);
        const int active =
            (type.isEmpty() ? 0 : 1) + (priority.isEmpty() ? 0 : 1) + (dateRange > 0 ? 1 : 0);
        QCOMPARE(panel.filtersButton()->text(),
                 active ? QStringLiteral("Filters (%1)").arg(active) : QStringLiteral("Filters"));
        // Sorted by priority: urgent first.
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(DocumentRepository::queueRank(model.document(row - 1).priority) <=
                    DocumentRepository::queueRank(model.document(row).priority));
        panel.clearFilters();
        QCOMPARE(panel.filtersButton()->text(), QStringLiteral("Filters"));
        if (status == 0)
            QCOMPARE(model.totalCount(), 5);
    }

    // Counts per status in the status combo and below the table, following the queue.
    void countsPerStatus()
    {
        auto db = smallQueue();
        QVERIFY(db);
        QueueModel model;
        model.setDatabase(db.get());
        QueuePanel panel(&model);
        QCOMPARE(panel.statusFilter()->itemText(0), QStringLiteral("All documents (5)"));
        QCOMPARE(panel.statusFilter()->itemText(1), QStringLiteral("Needs review (3)"));
        QCOMPARE(panel.statusFilter()->itemText(4), QStringLiteral("Approved (1)"));
        QCOMPARE(panel.statusFilter()->itemText(6), QStringLiteral("Failed (1)"));
        auto *count = panel.findChild<QLabel *>(QStringLiteral("queueCount"));
        QVERIFY(count);
        QCOMPARE(count->text(),
                 QStringLiteral("5 documents · Needs review 3 · Approved 1 · Failed 1"));
        panel.statusFilter()->setCurrentIndex(1);
        QCOMPARE(count->text(),
                 QStringLiteral("3 of 5 documents · Needs review 3 · Approved 1 · Failed 1"));
        // The type filter narrows the counts too.
        panel.typeFilter()->setCurrentIndex(
            panel.typeFilter()->findData(QStringLiteral("receipt")));
        QCOMPARE(panel.statusFilter()->itemText(1), QStringLiteral("Needs review (0)"));
        QCOMPARE(panel.statusFilter()->itemText(6), QStringLiteral("Failed (1)"));
        // A change in the database shows after a refresh.
        panel.clearFilters();
        const qint64 id = model.document(0).id;
        QVERIFY(DocumentRepository(*db).setStatus(id, DocumentStatus::Approved).ok());
        model.refresh();
        QCOMPARE(panel.statusFilter()->itemText(4), QStringLiteral("Approved (2)"));
    }

    // Live: another connection (a worker, another workstation) changes the queue and takes a
    // review lease; the model refreshes by itself, says queueChanged and documentChanged, and
    // shows who is reviewing (not the current reviewer's own lease).
    void liveRefreshAndReviewers()
    {
        auto db = smallQueue();
        QVERIFY(db);
        auto other = Database::open(db->url());
        QVERIFY(other);
        QueueModel model;
        model.setCurrentReviewer(QStringLiteral("anna"));
        model.setDatabase(db.get());
        QVERIFY(model.liveRefresh());
        QSignalSpy changed(&model, &QueueModel::queueChanged);
        QSignalSpy documentChanged(&model, &QueueModel::documentChanged);
        const qint64 first = model.document(0).id;
        const qint64 second = model.document(1).id;
        QVERIFY(ReviewLeases(*other.value()).acquire(first, QStringLiteral("ben")));
        QVERIFY(ReviewLeases(*other.value()).acquire(second, QStringLiteral("anna")));
        QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 1, 10000);
        QCOMPARE(model.index(0, 0).data(QueueModel::ReviewerRole).toString(),
                 QStringLiteral("ben"));
        QVERIFY(model.index(0, 0)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(QStringLiteral("Being reviewed by ben")));
        QVERIFY(!model.index(0, 0).data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(model.index(1, 0).data(QueueModel::ReviewerRole).toString().isEmpty());

        changed.clear();
        QVERIFY(
            DocumentRepository(*other.value()).setStatus(second, DocumentStatus::Rejected).ok());
        Document fresh;
        fresh.sha256 = QStringLiteral("live-new");
        fresh.fileName = QStringLiteral("live-new.pdf");
        QVERIFY(DocumentRepository(*other.value()).insertOrFind(fresh));
        QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 1, 10000);
        QCOMPARE(model.totalCount(), 6);
        QVERIFY(documentChanged.contains(QVariantList{second}));

        model.setLiveRefresh(false);
        changed.clear();
        QVERIFY(ReviewLeases(*other.value()).release(first, QStringLiteral("ben")).ok());
        QTest::qWait(2 * 2000 + 500);
        QCOMPARE(changed.count(), 0);
    }

private:
    // Five documents: three today, one 20 days ago, one 60 days ago.
    std::unique_ptr<Database> smallQueue()
    {
        static int n = 0;
        auto opened = Database::open(m_dir.filePath(QStringLiteral("small-%1.sqlite").arg(++n)));
        if (!opened)
            return nullptr;
        std::unique_ptr<Database> db = opened.takeValue();
        struct Row
        {
            int daysAgo;
            const char *type;
            Priority priority;
            DocumentStatus status;
        };
        const Row fixture[] = {
            {0, "commercial_invoice", Priority::Urgent, DocumentStatus::NeedsReview},
            {0, "commercial_invoice", Priority::Normal, DocumentStatus::NeedsReview},
            {0, "certificate", Priority::Low, DocumentStatus::Approved},
            {20, "commercial_invoice", Priority::High, DocumentStatus::NeedsReview},
            {60, "receipt", Priority::Urgent, DocumentStatus::Failed},
        };
        int i = 0;
        for (const Row &row : fixture) {
            Document doc;
            doc.sha256 = QStringLiteral("small-%1").arg(++i);
            doc.fileName = doc.sha256 + QStringLiteral(".pdf");
            doc.importedAt = QDateTime::currentDateTime().addDays(-row.daysAgo);
            auto stored = DocumentRepository(*db).insertOrFind(doc);
            if (!stored)
                return nullptr;
            ProcessingResult r;
            r.document.status =
                row.status == DocumentStatus::Approved ? DocumentStatus::NeedsReview : row.status;
            r.extraction.documentType = QString::fromLatin1(row.type);
            r.review.priority = row.priority;
            r.review.required = true;
            if (!ExtractionRepository(*db).saveResult(stored.value().id, r))
                return nullptr;
            if (row.status == DocumentStatus::Approved &&
                !DocumentRepository(*db).setStatus(stored.value().id, row.status))
                return nullptr;
        }
        return db;
    }
};

QTEST_MAIN(TestQueueModel)
#include "test_queuemodel.moc"
