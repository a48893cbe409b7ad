// The pipeline end to end on generated documents: the service's signals and progress, and
// learning from a reviewer's correction (vendor layout memory) carried to the next document.
#include "fixtures/Fixtures.h"
#include "pipeline/DocumentProcessor.h"
#include "pipeline/ProcessingService.h"
#include "pipeline/VendorLearning.h"
#include "pipeline/WorkerResources.h"
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/ReviewRepository.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace docket;
using namespace docket::test;

namespace {

// An invoice whose number sits behind a label the rules do not know.
QList<TextLine> oddInvoice(const QString &number, const QString &total)
{
    return {
        {56, 48, QStringLiteral("Quillfeather Stationers Ltd"), 16, true},
        {56, 70, QStringLiteral("4 Inkwell Row, Oxford OX1 2AB"), 9, false},
        {400, 48, QStringLiteral("INVOICE"), 18, true},
        {360, 100, QStringLiteral("Ref. doc"), 10, false},
        {440, 100, number, 10, false},
        {360, 116, QStringLiteral("Date:"), 10, false},
        {440, 116, QStringLiteral("2024-05-06"), 10, false},
        {56, 200, QStringLiteral("Fountain pens"), 10, false},
        {440, 200, total, 10, false},
        {360, 260, QStringLiteral("Total:"), 11, true},
        {440, 260, QStringLiteral("GBP ") + total, 11, true},
    };
}

} // namespace

class TestPipeline : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    PipelineConfig m_config;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_config.databaseUrl = m_dir.filePath(QStringLiteral("docket.sqlite"));
        m_config.dataFolder = m_dir.filePath(QStringLiteral("data"));
        m_config.jobs = 2;
    }

    void serviceReportsEveryDocument()
    {
        for (int i = 0; i < 4; ++i)
            QVERIFY(writePdf(
                m_dir.filePath(QStringLiteral("batch/inv%1.pdf").arg(i)),
                {invoicePage(QStringLiteral("Batch Co %1").arg(i), QStringLiteral("B-%1").arg(i),
                             QStringLiteral("2024-02-0%1").arg(i + 1),
                             QStringLiteral("%1.00").arg(100 + i))}));
        ProcessingService service(m_config);
        QSignalSpy finished(&service, &ProcessingService::documentFinished);
        QSignalSpy progress(&service, &ProcessingService::progress);
        QSignalSpy idle(&service, &ProcessingService::idle);
        service.enqueue({m_dir.filePath(QStringLiteral("batch"))});
        QVERIFY(!service.isIdle());
        QTRY_COMPARE_WITH_TIMEOUT(idle.size(), 1, 120000);
        QCOMPARE(finished.size(), 4);
        QVERIFY(progress.size() >= 4);
        const QList<QVariant> last = progress.last();
        QCOMPARE(last.at(0).toInt(), 4);
        QCOMPARE(last.at(1).toInt(), 4);
        for (const QList<QVariant> &args : finished) {
            const auto r = args.first().value<ProcessingResult>();
            QVERIFY2(r.document.status != DocumentStatus::Failed, qPrintable(r.error.message));
            QVERIFY(r.document.id > 0);
        }
        QVERIFY(service.isIdle());
    }

    void learnsFromACorrection()
    {
        const QString first = m_dir.filePath(QStringLiteral("odd1.pdf"));
        const QString second = m_dir.filePath(QStringLiteral("odd2.pdf"));
        QVERIFY(
            writePdf(first, {oddInvoice(QStringLiteral("QF-88120"), QStringLiteral("310.40"))}));
        QVERIFY(
            writePdf(second, {oddInvoice(QStringLiteral("QF-90577"), QStringLiteral("77.15"))}));

        auto db = Database::open(m_config.databaseUrl);
        QVERIFY(db.ok());
        auto engine = WorkerResources::engine(m_config);
        QVERIFY(engine.ok());
        DocumentProcessor processor(m_config, *db.value(), *engine.value());

        ProcessingResult r1 = processor.process(first, {}, CancelToken());
        QVERIFY2(r1.error.isNull(), qPrintable(r1.error.message));
        const QString before = r1.extraction.value(QStringLiteral("invoice_number"));
        QVERIFY2(before != QLatin1String("QF-88120"),
                 "the rules already read this label; the test needs a label they miss");

        // The reviewer types the right number and approves.
        ReviewRepository reviews(*db.value());
        Field corrected = r1.extraction.fields.value(QStringLiteral("invoice_number"));
        corrected.name = QStringLiteral("invoice_number");
        corrected.value = QStringLiteral("QF-88120");
        corrected.raw = QStringLiteral("QF-88120");
        corrected.source = QStringLiteral("reviewer");
        corrected.confidence = 1.0;
        Correction c;
        c.documentId = r1.document.id;
        c.field = QStringLiteral("invoice_number");
        c.before = before;
        c.after = corrected.value;
        c.reviewer = QStringLiteral("tester");
        QVERIFY(reviews.saveCorrection(c, corrected).ok());
        auto doc = DocumentRepository(*db.value()).get(r1.document.id);
        QVERIFY(doc.ok());
        QVERIFY(
            reviews.approve(r1.document.id, doc.value().version, QStringLiteral("tester")).ok());
        auto learnt = VendorLearning::learnFromApproval(*db.value(), m_config, r1.document.id);
        QVERIFY2(learnt.ok(), learnt.ok() ? "" : qPrintable(learnt.error().message));
        QVERIFY(learnt.value() >= 1);

        ProcessingResult r2 = processor.process(second, {}, CancelToken());
        QVERIFY2(r2.error.isNull(), qPrintable(r2.error.message));
        QCOMPARE(r2.extraction.value(QStringLiteral("invoice_number")), QStringLiteral("QF-90577"));
        QCOMPARE(r2.extraction.value(QStringLiteral("total_amount")), QStringLiteral("77.15"));
    }
};

QTEST_MAIN(TestPipeline)
#include "test_pipeline.moc"
