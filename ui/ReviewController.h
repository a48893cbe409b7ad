#pragma once

#include "RejectDialog.h"
#include "core/Document.h"
#include "core/Field.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QTimer;
class QUndoGroup;
class QUndoStack;
class QWidget;

namespace docket {

class Banner;
class Database;
class FieldPanel;
class ProcessingService;

// The reviewer's work on the open document: every edit of the field panel is pushed on the
// document's undo stack and stored at once as a correction; approve and reject (with the
// version the reviewer opened) write the decision; a changed document type re-reads the
// document with the new schema; a lease tells other workstations who reviews it; a document
// with the same seller and number as another gets a warning.
class ReviewController : public QObject
{
    Q_OBJECT
public:
    ReviewController(FieldPanel *panel, Banner *banner, ProcessingService *service,
                     QWidget *window);
    ~ReviewController() override;

    void setDatabase(Database *db);

    // The document shown in the panel (after it was loaded); leave() when it goes.
    void open(const Document &document);
    void leave();
    qint64 documentId() const { return m_document.id; }
    const Document &document() const { return m_document; }
    int openedVersion() const { return m_document.version; }

    QAction *approveAction() const { return m_approve; }
    QAction *rejectAction() const { return m_reject; }
    QAction *undoAction() const { return m_undoAction; }
    QAction *redoAction() const { return m_redoAction; }
    QUndoGroup *undoGroup() const { return m_undo; }
    QUndoStack *undoStack(qint64 documentId);
    RejectDialog *rejectDialog() const { return m_rejectDialog; }

    // Approves the open document (the editor's pending text is stored first); false when
    // nothing was decided (no document, stale version: a banner says why).
    bool approve();
    // Asks for a reason, then rejects.
    void reject();
    bool rejectWith(const QString &reason);

    // A value read from a region of the page: set as the reviewer's edit (undoable).
    void applyRegionRead(const QString &name, const Field &field);

    // Used by the undo commands: stores `after` as a correction of name (and shows it when
    // show is set and the document is open).
    bool storeField(qint64 documentId, const QString &name, const Field &before, const Field &after,
                    bool show);
    bool storeRow(qint64 documentId, int row, const LineItem &item, bool insert, bool show);

Q_SIGNALS:
    // The document was approved or rejected ("approved" / "rejected").
    void decided(qint64 documentId, const QString &decision);
    // Field boxes moved (a region read or its undo): the page view redraws them.
    void boxesChanged();
    // The document must be read again from the database (re-extraction done, stale).
    void reloadRequested(qint64 documentId);
    void showDocumentRequested(qint64 documentId);
    void statusMessage(const QString &message, int timeoutMs);

private:
    void onFieldChanged(const QString &name, const Field &before, const Field &after);
    void onRowChanged(int row, const LineItem &item, bool inserted);
    void onTypeChanged(const QString &type);
    void onDocumentProcessed(qint64 documentId);
    bool decide(bool approved, const QString &reason);
    void checkDuplicates();
    void renewLease();
    void showNotice(int kind, const QString &text, const QString &actionText = {},
                    std::function<void()> action = {});
    void updateActions();

    FieldPanel *m_panel;
    Banner *m_banner;
    ProcessingService *m_service;
    QWidget *m_window;
    Database *m_db = nullptr;
    Document m_document;
    QUndoGroup *m_undo = nullptr;
    QHash<qint64, QUndoStack *> m_stacks;
    QAction *m_approve = nullptr;
    QAction *m_reject = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QPointer<RejectDialog> m_rejectDialog;
    QTimer *m_leaseTimer = nullptr;
    QString m_leaseHolder; // who holds the open document's lease
    qint64 m_reprocessing = 0;
    QString m_noticeText; // the banner text this controller showed for the open document
};

} // namespace docket
