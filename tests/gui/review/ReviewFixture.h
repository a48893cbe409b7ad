// A real main window on a temporary SQLite database with a real ProcessingService, and
// generated invoices (PDFs with a text layer) processed by the offline engine: what the
// review tests drive.
#pragma once

#include "fixtures/Fixtures.h"
#include "pipeline/ProcessingService.h"
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/ExtractionRepository.h"
#include "storage/ReviewRepository.h"
#include "ui/FieldPanel.h"
#include "ui/MainWindow.h"
#include "ui/QueueModel.h"
#include "ui/ReviewSettings.h"

#include <QApplication>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace docket::test {

constexpr int kProcessTimeoutMs = 120000;

struct InvoiceSpec
{
    QString file;
    QString seller;
    QString number;
    QString date;
    QString total;
};

class ReviewFixture
{
public:
    QTemporaryDir dir;
    std::unique_ptr<ProcessingService> service;
    std::unique_ptr<MainWindow> window;

    // Creates the window (reviewer "anna") and processes the invoices; false on failure.
    bool start(const QString &appName, const QList<InvoiceSpec> &invoices)
    {
        QCoreApplication::setOrganizationName(QStringLiteral("DocketTest"));
        QCoreApplication::setApplicationName(appName);
        ReviewSettings::setReviewerName(QStringLiteral("anna"));
        ReviewSettings::setTabLowConfidenceOnly(false);
        if (!dir.isValid())
            return false;
        PipelineConfig config;
        config.databaseUrl = dir.filePath(QStringLiteral("docket.sqlite"));
        config.dataFolder = dir.filePath(QStringLiteral("data"));
        config.jobs = 1;
        service = std::make_unique<ProcessingService>(config);
        window = std::make_unique<MainWindow>(service.get());
        window->show();
        window->activateWindow();
        if (!QTest::qWaitForWindowActive(window.get()))
            return false;
        return importAll(invoices);
    }

    bool importAll(const QList<InvoiceSpec> &invoices)
    {
        QStringList paths;
        for (const InvoiceSpec &inv : invoices) {
            const QString path = dir.filePath(inv.file);
            if (!writePdf(path, {invoicePage(inv.seller, inv.number, inv.date, inv.total)}))
                return false;
            paths << path;
        }
        const int before = window->queueModel()->totalCount();
        window->importPaths(paths);
        const bool done = QTest::qWaitFor(
            [&] {
                return service->isIdle() &&
                       window->queueModel()->totalCount() == before + invoices.size();
            },
            kProcessTimeoutMs);
        window->queueModel()->refresh();
        return done;
    }

    Database &db() { return *window->database(); }
    FieldPanel *panel() { return window->fieldPanel(); }

    qint64 idOf(const QString &file)
    {
        QueueModel *model = window->queueModel();
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->document(r).fileName == file)
                return model->document(r).id;
        return 0;
    }

    Document document(qint64 id) { return DocumentRepository(db()).get(id).value(); }
    Extraction extraction(qint64 id) { return ExtractionRepository(db()).latest(id).value(); }
    QList<Correction> corrections(qint64 id)
    {
        return ReviewRepository(db()).corrections(id).value();
    }
    QList<ReviewEntry> reviews(qint64 id) { return ReviewRepository(db()).reviews(id).value(); }
    QStringList auditActions(qint64 id)
    {
        QStringList out;
        const QList<AuditEntry> entries = ReviewRepository(db()).audit(id).value();
        for (const AuditEntry &a : entries)
            out << a.action;
        return out;
    }

    // Focuses a field's editor, replaces its text as a user types it (not confirmed yet).
    QLineEdit *type(const QString &field, const QString &text)
    {
        QLineEdit *editor = panel()->editor(field);
        if (!editor)
            return nullptr;
        editor->setFocus(Qt::MouseFocusReason);
        editor->selectAll();
        QTest::keyClick(editor, Qt::Key_Backspace);
        QTest::keyClicks(editor, text);
        return editor;
    }

    // Sends a key to whatever has the keyboard focus, as the keyboard does.
    static void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QWidget *target = QApplication::focusWidget();
        QTest::keyClick(target ? target : QApplication::activeWindow(), Qt::Key(key), modifiers);
    }
};

} // namespace docket::test
