// The review workflow on the real main window: Tab through the fields (all, or only the
// uncertain ones), correct a value, approve with Ctrl+Return and get the next document;
// undo and redo a correction; reject with a reason; an approve on a stale version keeps the
// corrections; closing the window stores what was typed but not confirmed. Every step is
// checked in the database (corrections, reviews, audit rows, status).
#include "ReviewFixture.h"

#include "ui/Banner.h"
#include "ui/ConfidenceStyle.h"
#include "ui/QueueView.h"
#include "ui/RejectDialog.h"
#include "ui/ReviewBar.h"
#include "ui/ReviewController.h"

#include "core/SchemaRegistry.h"

#include <QAction>
#include <QListWidget>
#include <QPushButton>

using namespace docket;
using namespace docket::test;

namespace {

QStringList schemaFields(const QString &type)
{
    QStringList out;
    for (const FieldSpec &spec : SchemaRegistry::builtin().schema(type)->fields)
        out << spec.name;
    return out;
}

QString focusedField(FieldPanel *panel)
{
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    if (!editor || !panel->isAncestorOf(editor))
        return {};
    return editor->objectName().mid(int(qstrlen("field_")));
}

} // namespace

class TestReview : public QObject
{
    Q_OBJECT

private:
    ReviewFixture f;
    qint64 m_first = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(f.start(
            QStringLiteral("test_review"),
            {{QStringLiteral("a-northwind.pdf"), QStringLiteral("Northwind Traders"),
              QStringLiteral("NW-1001"), QStringLiteral("2024-03-05"), QStringLiteral("1,041.25")},
             {QStringLiteral("b-contoso.pdf"), QStringLiteral("Contoso Supplies"),
              QStringLiteral("CS-2002"), QStringLiteral("2024-04-11"), QStringLiteral("310.40")},
             {QStringLiteral("c-fabrikam.pdf"), QStringLiteral("Fabrikam Parts"),
              QStringLiteral("FP-3003"), QStringLiteral("2024-05-20"), QStringLiteral("88.00")}}));
        QueueModel *model = f.window->queueModel();
        QCOMPARE(model->rowCount(), 3);
        for (int r = 0; r < 3; ++r)
            QCOMPARE(model->document(r).status, DocumentStatus::NeedsReview);
        m_first = model->document(0).id;
        QVERIFY(f.window->showDocument(m_first));
        QCOMPARE(f.panel()->documentId(), m_first);
        QCOMPARE(f.panel()->documentType(), QStringLiteral("commercial_invoice"));
    }

    void tabMovesThroughAllFields()
    {
        const QStringList fields = schemaFields(QStringLiteral("commercial_invoice"));
        QCOMPARE(f.panel()->tabOrder(), fields);
        f.panel()->focusFirstField();
        QCOMPARE(focusedField(f.panel()), fields.first());
        for (qsizetype i = 1; i < fields.size(); ++i) {
            ReviewFixture::press(Qt::Key_Tab);
            QCOMPARE(focusedField(f.panel()), fields.at(i));
        }
        ReviewFixture::press(Qt::Key_Tab); // wraps around
        QCOMPARE(focusedField(f.panel()), fields.first());
        ReviewFixture::press(Qt::Key_Backtab, Qt::ShiftModifier);
        QCOMPARE(focusedField(f.panel()), fields.last());
    }

    void tabVisitsOnlyUncertainFields()
    {
        auto *option = f.window->findChild<QAction *>(QStringLiteral("actionTabLowConfidence"));
        QVERIFY(option);
        QVERIFY(option->isCheckable());
        option->setChecked(true);
        QVERIFY(ReviewSettings::tabLowConfidenceOnly());

        const QStringList order = f.panel()->tabOrder();
        const QStringList all = schemaFields(QStringLiteral("commercial_invoice"));
        QVERIFY(!order.isEmpty());
        QVERIFY2(order.size() < all.size(), qPrintable(order.join(u',')));
        const DocumentSchema *schema =
            SchemaRegistry::builtin().schema(QStringLiteral("commercial_invoice"));
        for (const QString &name : all) {
            const Field field = f.panel()->extractedField(name);
            const bool required = schema->field(name)->required;
            const bool uncertain =
                (!field.value.isEmpty() && field.confidence < ConfidenceStyle::kHigh) ||
                (required && field.value.isEmpty());
            if (uncertain)
                QVERIFY2(order.contains(name), qPrintable(name));
            if (!order.contains(name))
                QVERIFY2(field.value.isEmpty() || field.confidence >= ConfidenceStyle::kHigh,
                         qPrintable(name));
        }

        f.panel()->focusFirstField();
        QCOMPARE(focusedField(f.panel()), order.first());
        for (qsizetype i = 1; i < order.size(); ++i) {
            ReviewFixture::press(Qt::Key_Tab);
            QCOMPARE(focusedField(f.panel()), order.at(i));
        }
        option->setChecked(false);
        QCOMPARE(f.panel()->tabOrder(), all);
    }

    void correctAndApproveOpensNext()
    {
        QCOMPARE(f.window->shownDocumentId(), m_first);
        const QString before = f.panel()->value(QStringLiteral("invoice_number"));
        QCOMPARE(before, QStringLiteral("NW-1001"));
        const int version = f.document(m_first).version;
        // The queue row below the approved one is what opens next.
        QueueModel *model = f.window->queueModel();
        const qint64 expectedNext = model->document(model->rowForId(m_first) + 1).id;

        QVERIFY(f.type(QStringLiteral("invoice_number"), QStringLiteral("NW-1001-A")));
        ReviewFixture::press(Qt::Key_Return, Qt::ControlModifier); // pending text stored first

        const QList<Correction> corrections = f.corrections(m_first);
        QCOMPARE(corrections.size(), 1);
        QCOMPARE(corrections.first().field, QStringLiteral("invoice_number"));
        QCOMPARE(corrections.first().before, QStringLiteral("NW-1001"));
        QCOMPARE(corrections.first().after, QStringLiteral("NW-1001-A"));
        QCOMPARE(corrections.first().reviewer, QStringLiteral("anna"));
        QCOMPARE(f.extraction(m_first).value(QStringLiteral("invoice_number")),
                 QStringLiteral("NW-1001-A"));

        const QList<ReviewEntry> reviews = f.reviews(m_first);
        QCOMPARE(reviews.size(), 1);
        QCOMPARE(reviews.first().decision, QStringLiteral("approved"));
        QCOMPARE(reviews.first().reviewer, QStringLiteral("anna"));
        QCOMPARE(reviews.first().version, version + 1);
        const Document approved = f.document(m_first);
        QCOMPARE(approved.status, DocumentStatus::Approved);
        QCOMPARE(approved.documentNumber, QStringLiteral("NW-1001-A"));
        const QStringList audit = f.auditActions(m_first);
        QVERIFY2(audit.contains(QStringLiteral("corrected")), qPrintable(audit.join(u',')));
        QCOMPARE(audit.last(), QStringLiteral("approved"));
        QVERIFY(audit.indexOf(QStringLiteral("corrected")) <
                audit.indexOf(QStringLiteral("approved")));

        // The next document is open, its first field has the keyboard.
        QCOMPARE(f.window->shownDocumentId(), expectedNext);
        QCOMPARE(f.panel()->documentId(), expectedNext);
        QCOMPARE(f.window->queueView()->currentDocumentId(), expectedNext);
        QTRY_COMPARE(focusedField(f.panel()), f.panel()->tabOrder().first());
    }

    void undoRestoresAndStores()
    {
        const qint64 id = f.window->shownDocumentId();
        QVERIFY(id > 0 && id != m_first);
        const QString original = f.panel()->value(QStringLiteral("total_amount"));
        QVERIFY(!original.isEmpty());
        const int toCheck = f.panel()->attentionCount();
        QLineEdit *total = f.type(QStringLiteral("total_amount"), QStringLiteral("999.99"));
        QVERIFY(total);
        ReviewFixture::press(Qt::Key_Return); // accepted, focus on the next field
        QVERIFY(!total->hasFocus());
        // The review bar counts only what is left to check.
        const int left = f.panel()->attentionCount();
        QVERIFY(left <= toCheck);
        const QString status = f.window->findChild<ReviewBar *>()->statusText();
        QCOMPARE(status, left > 1    ? QStringLiteral("%1 fields to check").arg(left)
                         : left == 1 ? QStringLiteral("1 field to check")
                                     : QStringLiteral("All fields confident"));
        QCOMPARE(f.extraction(id).value(QStringLiteral("total_amount")), QStringLiteral("999.99"));

        const QString undoText = f.window->review()->undoAction()->text();
        QVERIFY2(undoText.contains(QStringLiteral("Correction of Total")), qPrintable(undoText));
        ReviewFixture::press(Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(f.panel()->value(QStringLiteral("total_amount")), original);
        QCOMPARE(f.extraction(id).value(QStringLiteral("total_amount")), original);
        QList<Correction> corrections = f.corrections(id);
        QCOMPARE(corrections.size(), 2);
        QCOMPARE(corrections.last().before, QStringLiteral("999.99"));
        QCOMPARE(corrections.last().after, original);
        // Back to the value as read: its provenance is back too.
        const Field restored = f.extraction(id).fields.value(QStringLiteral("total_amount"));
        QVERIFY(restored.source != QLatin1String("reviewer"));
        QVERIFY(restored.page > 0);

        ReviewFixture::press(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(f.panel()->value(QStringLiteral("total_amount")), QStringLiteral("999.99"));
        QCOMPARE(f.extraction(id).value(QStringLiteral("total_amount")), QStringLiteral("999.99"));
        QCOMPARE(f.corrections(id).size(), 3);

        // Each document has its own history (an approved one has none left).
        auto *undo = f.window->review()->undoAction();
        QVERIFY(undo->isEnabled());
        QVERIFY(f.window->showDocument(m_first));
        QVERIFY(!undo->isEnabled());
        QVERIFY(f.window->showDocument(id));
        QVERIFY(undo->isEnabled());
    }

    void staleVersionKeepsDraft()
    {
        const qint64 id = f.window->shownDocumentId();
        QVERIFY(f.type(QStringLiteral("buyer_name"), QStringLiteral("Acme Buyer Limited")));
        ReviewFixture::press(Qt::Key_Return);
        // Someone else changes the document meanwhile (its version moves on).
        QVERIFY(DocumentRepository(f.db()).setStatus(id, DocumentStatus::NeedsReview).ok());

        ReviewFixture::press(Qt::Key_Return, Qt::ControlModifier);
        Banner *banner = f.window->banner();
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->kind(), Banner::Kind::Error);
        QVERIFY2(banner->text().contains(QStringLiteral("changed by someone else")),
                 qPrintable(banner->text()));
        QVERIFY2(banner->text().contains(QStringLiteral("corrections are kept")),
                 qPrintable(banner->text()));
        QCOMPARE(f.window->shownDocumentId(), id); // stays on it
        QCOMPARE(f.panel()->value(QStringLiteral("buyer_name")),
                 QStringLiteral("Acme Buyer Limited"));
        QCOMPARE(f.document(id).status, DocumentStatus::NeedsReview);
        QVERIFY(f.reviews(id).isEmpty());
        QCOMPARE(f.extraction(id).value(QStringLiteral("buyer_name")),
                 QStringLiteral("Acme Buyer Limited"));

        // "Reload" opens the current version; then the approve goes through.
        auto *reload = banner->findChild<QPushButton *>(QStringLiteral("bannerAction"));
        QVERIFY(reload && reload->isVisible());
        QTest::mouseClick(reload, Qt::LeftButton);
        QCOMPARE(f.window->review()->openedVersion(), f.document(id).version);
        QCOMPARE(f.panel()->value(QStringLiteral("buyer_name")),
                 QStringLiteral("Acme Buyer Limited"));
    }

    void rejectWithReason()
    {
        const qint64 id = f.window->shownDocumentId();
        f.panel()->focusFirstField();
        ReviewFixture::press(Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        RejectDialog *dialog = f.window->review()->rejectDialog();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("rejectOk"));
        QVERIFY(ok);
        QVERIFY(!ok->isEnabled()); // a reason first
        dialog->reasonList()->setCurrentRow(2);
        QTest::keyClicks(dialog->commentEdit(), QStringLiteral("page 2 cut off"));
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);

        const QList<ReviewEntry> reviews = f.reviews(id);
        QCOMPARE(reviews.size(), 1);
        QCOMPARE(reviews.first().decision, QStringLiteral("rejected"));
        QCOMPARE(reviews.first().reason,
                 QStringLiteral("Illegible or incomplete scan: page 2 cut off"));
        QCOMPARE(reviews.first().reviewer, QStringLiteral("anna"));
        QCOMPARE(f.document(id).status, DocumentStatus::Rejected);
        QCOMPARE(f.auditActions(id).last(), QStringLiteral("rejected"));
        QVERIFY(f.window->shownDocumentId() != id); // on to the next
        QCOMPARE(f.document(f.window->shownDocumentId()).status, DocumentStatus::NeedsReview);
    }

    void closeMidEditStoresPending()
    {
        const qint64 id = f.window->shownDocumentId();
        QVERIFY(id > 0);
        const int before = int(f.corrections(id).size());
        QVERIFY(f.type(QStringLiteral("purchase_order"), QStringLiteral("PO-77")));
        QVERIFY(f.window->close());
        const QList<Correction> corrections = f.corrections(id);
        QCOMPARE(corrections.size(), before + 1);
        QCOMPARE(corrections.last().field, QStringLiteral("purchase_order"));
        QCOMPARE(corrections.last().after, QStringLiteral("PO-77"));
        QCOMPARE(f.extraction(id).value(QStringLiteral("purchase_order")), QStringLiteral("PO-77"));
    }

    void cleanupTestCase()
    {
        f.window.reset();
        f.service.reset();
    }
};

QTEST_MAIN(TestReview)
#include "test_review.moc"
