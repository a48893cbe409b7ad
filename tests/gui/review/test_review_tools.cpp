// The review tools around the fields on the real main window: the line-item grid (edit a
// cell, add and delete rows, undo), a value read from a page region (box moves, undo), the
// duplicate warning, reviewer leases, the shortcut overlay, the settings and export dialogs
// with the supervisor-only dashboard, and a type change that reads the document again.
#include "ReviewFixture.h"

#include "ui/Banner.h"
#include "ui/ExportDialog.h"
#include "ui/LineItemsEditor.h"
#include "ui/LineItemsModel.h"
#include "ui/PageView.h"
#include "ui/QueueView.h"
#include "ui/ReviewController.h"
#include "ui/SettingsDialog.h"
#include "ui/ShortcutOverlay.h"

#include "storage/ReviewLeases.h"
#include "storage/Roles.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QToolButton>

using namespace docket;
using namespace docket::test;

class TestReviewTools : public QObject
{
    Q_OBJECT

private:
    ReviewFixture f;
    qint64 m_a = 0;
    qint64 m_b = 0;

    QTableView *table() { return f.panel()->tableView(); }
    LineItemsModel *model() { return f.panel()->lineItemsEditor()->model(); }

    // Types text into a cell through the grid's editor, as a user does.
    void editCell(int row, const QString &column, const QString &text)
    {
        const QModelIndex index = model()->index(row, model()->columnOf(column));
        QVERIFY(index.isValid());
        table()->setFocus(Qt::MouseFocusReason);
        table()->setCurrentIndex(index);
        QTest::keyClick(table(), Qt::Key_F2);
        QWidget *editor = QApplication::focusWidget();
        QVERIFY(editor && table()->viewport()->isAncestorOf(editor));
        QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(!cellEditorOpen()); // the delegate commits on its next turn
    }

    bool cellEditorOpen()
    {
        QWidget *focus = QApplication::focusWidget();
        return focus && table()->viewport()->isAncestorOf(focus);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(f.start(
            QStringLiteral("test_review_tools"),
            {{QStringLiteral("a-northwind.pdf"), QStringLiteral("Northwind Traders"),
              QStringLiteral("NW-1001"), QStringLiteral("2024-03-05"), QStringLiteral("1,041.25")},
             {QStringLiteral("b-contoso.pdf"), QStringLiteral("Contoso Supplies"),
              QStringLiteral("CS-2002"), QStringLiteral("2024-04-11"), QStringLiteral("310.40")}}));
        m_a = f.idOf(QStringLiteral("a-northwind.pdf"));
        m_b = f.idOf(QStringLiteral("b-contoso.pdf"));
        QVERIFY(m_a > 0 && m_b > 0);
        QVERIFY(f.window->showDocument(m_a));
    }

    void lineItemsEditAddDelete()
    {
        QVERIFY(table()->isVisible());
        const int rows = model()->rowCount();
        QCOMPARE(int(f.extraction(m_a).lineItems.size()), rows);

        // Add a row at the end (no row selected) and fill it in.
        table()->clearSelection();
        table()->setCurrentIndex({});
        auto *add = f.window->findChild<QToolButton *>(QStringLiteral("addRowButton"));
        QVERIFY(add);
        QTest::mouseClick(add, Qt::LeftButton);
        QCOMPARE(model()->rowCount(), rows + 1);
        QCOMPARE(int(f.extraction(m_a).lineItems.size()), rows + 1);
        QVERIFY(f.auditActions(m_a).contains(QStringLiteral("line_item_added")));
        QWidget *editor = QApplication::focusWidget(); // the new row's first cell is open
        QVERIFY(editor && table()->viewport()->isAncestorOf(editor));
        QTest::keyClicks(editor, QStringLiteral("Freight"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(!cellEditorOpen());
        editCell(rows, QStringLiteral("amount"), QStringLiteral("12.50"));

        Extraction stored = f.extraction(m_a);
        QCOMPARE(stored.lineItems.at(rows).value(QStringLiteral("description")),
                 QStringLiteral("Freight"));
        QCOMPARE(stored.lineItems.at(rows).value(QStringLiteral("amount")),
                 QStringLiteral("12.50"));
        const QList<Correction> corrections = f.corrections(m_a);
        QVERIFY(corrections.size() >= 2);
        QCOMPARE(corrections.last().field, QStringLiteral("line_items[%1].amount").arg(rows));
        QCOMPARE(corrections.last().after, QStringLiteral("12.50"));
        QCOMPARE(corrections.last().reviewer, QStringLiteral("anna"));

        // Selecting a row selects its region on the page.
        QSignalSpy selected(f.panel(), &FieldPanel::fieldSelected);
        table()->setCurrentIndex(model()->index(0, 0));
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.last().first().toString(), QStringLiteral("line_items[0]"));

        // Delete the first row with Del; the rows below move up.
        const LineItem first = model()->item(0);
        const QString secondDescription = model()->item(1).value(QStringLiteral("description"));
        table()->setFocus(Qt::MouseFocusReason);
        QTest::keyClick(table(), Qt::Key_Delete);
        QCOMPARE(model()->rowCount(), rows);
        stored = f.extraction(m_a);
        QCOMPARE(int(stored.lineItems.size()), rows);
        QCOMPARE(stored.lineItems.first().value(QStringLiteral("description")), secondDescription);
        QCOMPARE(f.auditActions(m_a).last(), QStringLiteral("line_item_removed"));

        // Undo brings the row back, with its values, where it was.
        QTest::keyClick(table(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(model()->rowCount(), rows + 1);
        stored = f.extraction(m_a);
        QCOMPARE(int(stored.lineItems.size()), rows + 1);
        QCOMPARE(stored.lineItems.first().value(QStringLiteral("description")),
                 first.value(QStringLiteral("description")));
        QCOMPARE(stored.lineItems.at(rows).value(QStringLiteral("amount")),
                 QStringLiteral("12.50"));
    }

    void regionReadMovesBox()
    {
        PageView *page = f.window->pageView();
        const Field before = f.extraction(m_a).fields.value(QStringLiteral("total_amount"));
        QVERIFY(!before.value.isEmpty());
        Field read;
        read.value = QStringLiteral("1041.00");
        read.raw = QStringLiteral("USD 1,041.00");
        read.confidence = 0.9;
        read.page = 1;
        read.bbox = QRectF(420, 352, 90, 14);
        read.source = QStringLiteral("reviewer");
        Q_EMIT page->fieldRegionRead(QStringLiteral("total_amount"), read);

        QCOMPARE(f.panel()->value(QStringLiteral("total_amount")), QStringLiteral("1041.00"));
        Field stored = f.extraction(m_a).fields.value(QStringLiteral("total_amount"));
        QCOMPARE(stored.value, QStringLiteral("1041.00"));
        QCOMPARE(stored.page, 1);
        QCOMPARE(stored.bbox, read.bbox);
        QCOMPARE(f.corrections(m_a).last().field, QStringLiteral("total_amount"));

        f.window->review()->undoAction()->trigger();
        stored = f.extraction(m_a).fields.value(QStringLiteral("total_amount"));
        QCOMPARE(stored.value, before.value);
        QCOMPARE(stored.bbox, before.bbox);
        QCOMPARE(f.panel()->value(QStringLiteral("total_amount")), before.value);

        Q_EMIT page->regionReadFailed(QStringLiteral("no text in the region"));
        QVERIFY(f.window->banner()->isVisible());
        QVERIFY(f.window->banner()->text().contains(QStringLiteral("no text in the region")));
        f.window->banner()->dismiss();
    }

    void duplicateWarningLinksTheOther()
    {
        QVERIFY(f.importAll({{QStringLiteral("c-northwind-again.pdf"),
                              QStringLiteral("Northwind Traders"), QStringLiteral("NW-1001"),
                              QStringLiteral("2024-03-09"), QStringLiteral("1,041.25")}}));
        const qint64 c = f.idOf(QStringLiteral("c-northwind-again.pdf"));
        QVERIFY(c > 0);
        f.window->banner()->dismiss();
        QVERIFY(f.window->showDocument(c));
        Banner *banner = f.window->banner();
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->kind(), Banner::Kind::Warning);
        QVERIFY2(banner->text().contains(QStringLiteral("a-northwind.pdf")),
                 qPrintable(banner->text()));
        auto *open = banner->findChild<QPushButton *>(QStringLiteral("bannerAction"));
        QVERIFY(open && open->isVisible());
        QTest::mouseClick(open, Qt::LeftButton);
        QCOMPARE(f.window->shownDocumentId(), m_a);
        // The other way round too; an unrelated document shows no warning.
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(QStringLiteral("c-northwind-again.pdf")));
        QVERIFY(f.window->showDocument(m_b));
        QVERIFY(!banner->isVisible());
    }

    void leasesTellWhoReviews()
    {
        QVERIFY(f.window->showDocument(m_a));
        ReviewLeases leases(f.db());
        auto bob = leases.acquire(m_a, QStringLiteral("bob"));
        QVERIFY(bob.ok());
        QVERIFY(!bob.value().held);
        QCOMPARE(bob.value().holder, QStringLiteral("anna"));

        QVERIFY(f.window->showDocument(m_b)); // leaving A gives its lease up
        bob = leases.acquire(m_a, QStringLiteral("bob"));
        QVERIFY(bob.value().held);
        f.window->banner()->dismiss();
        QVERIFY(f.window->showDocument(m_a));
        QVERIFY(f.window->banner()->isVisible());
        QVERIFY2(f.window->banner()->text().contains(QStringLiteral("Being reviewed by bob")),
                 qPrintable(f.window->banner()->text()));
        QCOMPARE(f.panel()->documentId(), m_a); // still viewable
        QVERIFY(leases.release(m_a, QStringLiteral("bob")).ok());
        QVERIFY(f.window->showDocument(m_b));
    }

    void shortcutOverlay()
    {
        f.window->queueView()->setFocus(Qt::OtherFocusReason);
        ShortcutOverlay *overlay = f.window->shortcutOverlay();
        QVERIFY(!overlay->isVisible());
        ReviewFixture::press(Qt::Key_F1);
        QVERIFY(overlay->isVisible());
        QCOMPARE(overlay->geometry(), f.window->rect());
        bool listed = false;
        for (const ShortcutOverlay::Entry &e : overlay->entries())
            listed |=
                e.description == QLatin1String("Approve") &&
                e.keys.contains(
                    QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText));
        QVERIFY(listed);
        QCOMPARE(overlay->entries().size() >= 15, true);
        ReviewFixture::press(Qt::Key_Escape);
        QVERIFY(!overlay->isVisible());

        // "?" opens it too; while it is open a shortcut only closes it.
        f.window->queueView()->setFocus(Qt::OtherFocusReason);
        // (A keyboard sends Shift with it; the X11 key mapper matches "?" either way, the
        // offscreen one only without.)
        ReviewFixture::press(Qt::Key_Question);
        QVERIFY(overlay->isVisible());
        const DocumentStatus status = f.document(m_b).status;
        ReviewFixture::press(Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(!overlay->isVisible());
        QCOMPARE(f.document(m_b).status, status);
    }

    void settingsExportAndRoles()
    {
        auto *settings = f.window->findChild<QAction *>(QStringLiteral("actionSettings"));
        QVERIFY(settings && !settings->shortcut().isEmpty());
        settings->trigger();
        auto *dialog = f.window->findChild<SettingsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        dialog->reject();

        auto *exportAction = f.window->findChild<QAction *>(QStringLiteral("actionExport"));
        QVERIFY(exportAction);
        QCOMPARE(exportAction->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
        exportAction->trigger();
        auto *exportDialog = f.window->findChild<ExportDialog *>();
        QVERIFY(exportDialog);
        QTRY_VERIFY(exportDialog->isVisible());
        exportDialog->reject();

        // Nobody is supervisor yet: everyone is. Once "boss" is, anna no longer sees it.
        auto *dashboard = f.window->findChild<QAction *>(QStringLiteral("actionDashboard"));
        QVERIFY(dashboard->isEnabled());
        QVERIFY(
            Roles(f.db())
                .setRole(QStringLiteral("anna"), QStringLiteral("boss"), Roles::Role::Supervisor)
                .ok());
        settings->trigger();
        QTRY_VERIFY((dialog = f.window->findChild<SettingsDialog *>()) != nullptr);
        Q_EMIT dialog->settingsChanged();
        QVERIFY(!dashboard->isEnabled());
        dialog->reject();
    }

    void typeChangeReadsAgain()
    {
        QVERIFY(f.window->showDocument(m_b));
        auto *type = f.panel()->findChild<QComboBox *>(QStringLiteral("documentType"));
        QVERIFY(type);
        type->setCurrentIndex(type->findData(QStringLiteral("receipt")));
        auto *note = f.panel()->findChild<QLabel *>(QStringLiteral("fieldPanelNote"));
        QVERIFY(note);
        QVERIFY(note->isVisible());
        QVERIFY(!f.window->review()->approveAction()->isEnabled()); // not while it runs
        QTRY_VERIFY_WITH_TIMEOUT(!note->isVisible(), kProcessTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(f.service->isIdle(), kProcessTimeoutMs);
        QCOMPARE(f.extraction(m_b).documentType, QStringLiteral("receipt"));
        QCOMPARE(f.panel()->documentType(), QStringLiteral("receipt"));
        QVERIFY(f.panel()->editor(QStringLiteral("receipt_number")));
        QVERIFY(!f.panel()->editor(QStringLiteral("invoice_number")));
        QVERIFY(f.window->review()->approveAction()->isEnabled());
        QVERIFY(f.auditActions(m_b).contains(QStringLiteral("type_changed")));
    }

    void cleanupTestCase()
    {
        f.window.reset();
        f.service.reset();
    }
};

QTEST_MAIN(TestReviewTools)
#include "test_review_tools.moc"
