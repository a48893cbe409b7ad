// QueueModel over a real SQLite database: pages of 200 loaded on demand, filters, and a
// refresh that moves, adds and removes rows while a view keeps its selected document.
#include "ui/QueueModel.h"
#include "ui/QueuePanel.h"
#include "ui/QueueView.h"

#include "core/ProcessingResult.h"
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/ExtractionRepository.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

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
};

QTEST_MAIN(TestQueueModel)
#include "test_queuemodel.moc"
