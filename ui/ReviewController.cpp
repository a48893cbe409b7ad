#include "ReviewController.h"

#include "Banner.h"
#include "FieldPanel.h"
#include "RejectDialog.h"
#include "ReviewField.h"
#include "ReviewSettings.h"
#include "UndoFieldCommand.h"
#include "UndoRowCommand.h"
#include "core/SchemaRegistry.h"
#include "pipeline/ProcessingService.h"
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/ReviewLeases.h"
#include "storage/ReviewRepository.h"

#include <QAction>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimer>
#include <QUndoGroup>
#include <QUndoStack>
#include <QWidget>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace docket {

namespace {
constexpr int kLeaseRenewMs = 4 * 60 * 1000; // well inside the 15 minutes a lease lasts
}

ReviewController::ReviewController(FieldPanel *panel, Banner *banner, ProcessingService *service,
                                   QWidget *window)
    : QObject(window), m_panel(panel), m_banner(banner), m_service(service), m_window(window)
{
    m_undo = new QUndoGroup(this);
    m_undoAction = m_undo->createUndoAction(this, tr("&Undo"));
    m_undoAction->setObjectName(QStringLiteral("actionUndo"));
    m_undoAction->setShortcuts(QKeySequence::Undo);
    m_redoAction = m_undo->createRedoAction(this, tr("&Redo"));
    m_redoAction->setObjectName(QStringLiteral("actionRedo"));
    m_redoAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});

    m_approve = new QAction(tr("&Approve"), this);
    m_approve->setObjectName(QStringLiteral("actionApprove"));
    m_approve->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_approve->setShortcutContext(Qt::WindowShortcut);
    m_approve->setStatusTip(tr("Approve the document and open the next one"));
    connect(m_approve, &QAction::triggered, this, &ReviewController::approve);
    m_reject = new QAction(tr("&Reject…"), this);
    m_reject->setObjectName(QStringLiteral("actionReject"));
    m_reject->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_reject->setStatusTip(tr("Reject the document with a reason"));
    connect(m_reject, &QAction::triggered, this, &ReviewController::reject);

    m_leaseTimer = new QTimer(this);
    m_leaseTimer->setInterval(kLeaseRenewMs);
    connect(m_leaseTimer, &QTimer::timeout, this, &ReviewController::renewLease);

    connect(m_panel, &FieldPanel::fieldChanged, this, &ReviewController::onFieldChanged);
    connect(m_panel, &FieldPanel::rowInserted, this,
            [this](int row, const LineItem &item) { onRowChanged(row, item, true); });
    connect(m_panel, &FieldPanel::rowRemoved, this,
            [this](int row, const LineItem &item) { onRowChanged(row, item, false); });
    connect(m_panel, &FieldPanel::documentTypeChanged, this, &ReviewController::onTypeChanged);
    if (m_service)
        connect(m_service, &ProcessingService::documentFinished, this,
                [this](const ProcessingResult &r) { onDocumentProcessed(r.document.id); });
    updateActions();
}

ReviewController::~ReviewController()
{
    leave();
}

void ReviewController::setDatabase(Database *db)
{
    m_db = db;
}

QUndoStack *ReviewController::undoStack(qint64 documentId)
{
    QUndoStack *&stack = m_stacks[documentId];
    if (!stack) {
        stack = new QUndoStack(m_undo);
        stack->setObjectName(QStringLiteral("undoStack_%1").arg(documentId));
    }
    return stack;
}

void ReviewController::open(const Document &document)
{
    if (document.id != m_document.id)
        leave();
    m_document = document;
    m_undo->setActiveStack(document.id > 0 ? undoStack(document.id) : nullptr);
    if (m_reprocessing == document.id && document.id > 0)
        m_panel->setNote(tr("Reading the document again with the new type…"));
    updateActions();
    if (document.id <= 0 || !m_db)
        return;
    renewLease();
    m_leaseTimer->start();
    checkDuplicates();
}

void ReviewController::leave()
{
    m_leaseTimer->stop();
    if (m_document.id > 0 && m_db && m_leaseHolder.isEmpty())
        ReviewLeases(*m_db).release(m_document.id, ReviewSettings::reviewerName());
    if (!m_noticeText.isEmpty() && m_banner->isVisible() && m_banner->text() == m_noticeText)
        m_banner->dismiss();
    m_noticeText.clear();
    m_leaseHolder.clear();
    m_document = Document();
    m_undo->setActiveStack(nullptr);
    updateActions();
}

void ReviewController::updateActions()
{
    const bool open = m_document.id > 0 && m_document.status != DocumentStatus::Pending &&
                      m_document.status != DocumentStatus::Processing && m_reprocessing == 0;
    m_approve->setEnabled(open);
    m_reject->setEnabled(open);
}

void ReviewController::showNotice(int kind, const QString &text, const QString &actionText,
                                  std::function<void()> action)
{
    m_noticeText = text;
    m_banner->showMessage(Banner::Kind(kind), text, actionText, std::move(action));
}

void ReviewController::renewLease()
{
    if (m_document.id <= 0 || !m_db)
        return;
    auto lease = ReviewLeases(*m_db).acquire(m_document.id, ReviewSettings::reviewerName());
    if (!lease.ok()) {
        qCWarning(lcUi) << "review lease" << lease.error().message;
        return;
    }
    const QString holder = lease.value().held ? QString() : lease.value().holder;
    if (holder == m_leaseHolder)
        return;
    m_leaseHolder = holder;
    if (!holder.isEmpty())
        showNotice(int(Banner::Kind::Info),
                   tr("Being reviewed by %1. You can look at it; a decision of theirs may "
                      "make yours stale.")
                       .arg(holder));
}

void ReviewController::checkDuplicates()
{
    auto same = DocumentRepository(*m_db).sameSellerAndNumber(m_document);
    if (!same.ok())
        return;
    // A packing list or certificate quotes its invoice's number: only the same kind of
    // document is a duplicate.
    const auto it =
        std::find_if(same.value().cbegin(), same.value().cend(),
                     [&](const Document &d) { return d.documentType == m_document.documentType; });
    if (it == same.value().cend())
        return;
    const Document &other = *it;
    QString text = tr("Possible duplicate: %1 has the same seller (%2) and document number (%3).")
                       .arg(other.fileName, m_document.sellerName, m_document.documentNumber);
    if (!m_leaseHolder.isEmpty())
        text = tr("%1 Being reviewed by %2.").arg(text, m_leaseHolder);
    const qint64 otherId = other.id;
    showNotice(int(Banner::Kind::Warning), text, tr("Open %1").arg(other.fileName),
               [this, otherId] { Q_EMIT showDocumentRequested(otherId); });
}

void ReviewController::onFieldChanged(const QString &name, const Field &before, const Field &after)
{
    const qint64 id = m_panel->documentId();
    if (id <= 0)
        return;
    undoStack(id)->push(new UndoFieldCommand(this, id, name, before, after, true,
                                             ReviewField::label(m_panel->documentType(), name)));
}

void ReviewController::onRowChanged(int row, const LineItem &item, bool inserted)
{
    const qint64 id = m_panel->documentId();
    if (id <= 0)
        return;
    undoStack(id)->push(new UndoRowCommand(this, id, row, item, inserted, true));
}

void ReviewController::applyRegionRead(const QString &name, const Field &field)
{
    const qint64 id = m_panel->documentId();
    const ReviewField::CellName cell = ReviewField::parse(name);
    if (id <= 0 || name.isEmpty() || (cell.isValid() && cell.column.isEmpty()))
        return;
    Field before = m_panel->currentField(name);
    Field after = field;
    after.name = name;
    if (after.source.isEmpty())
        after.source = QStringLiteral("reviewer");
    if (before.value == after.value && before.page == after.page && before.bbox == after.bbox)
        return;
    undoStack(id)->push(new UndoFieldCommand(this, id, name, before, after, false,
                                             ReviewField::label(m_panel->documentType(), name)));
}

bool ReviewController::storeField(qint64 documentId, const QString &name, const Field &before,
                                  const Field &after, bool show)
{
    if (show && m_panel->documentId() == documentId) {
        m_panel->setField(name, after);
        if (before.page != after.page || before.bbox != after.bbox)
            Q_EMIT boxesChanged();
    }
    if (!m_db)
        return false;
    Correction correction;
    correction.documentId = documentId;
    correction.field = name;
    correction.before = before.value;
    correction.after = after.value;
    correction.reviewer = ReviewSettings::reviewerName();
    const auto saved = ReviewRepository(*m_db).saveCorrection(correction, after);
    if (!saved.ok()) {
        m_banner->showMessage(
            Banner::Kind::Error,
            tr("The correction of %1 was not saved: %2").arg(name, saved.error().message));
        return false;
    }
    Q_EMIT statusMessage(tr("Saved %1.").arg(ReviewField::label(m_panel->documentType(), name)),
                         3000);
    return true;
}

bool ReviewController::storeRow(qint64 documentId, int row, const LineItem &item, bool insert,
                                bool show)
{
    if (show && m_panel->documentId() == documentId) {
        if (insert)
            m_panel->insertLineItem(row, item);
        else
            m_panel->removeLineItem(row);
        Q_EMIT boxesChanged();
    }
    if (!m_db)
        return false;
    ReviewRepository reviews(*m_db);
    const QString reviewer = ReviewSettings::reviewerName();
    const Status saved = insert ? reviews.insertLineItem(documentId, row, item, reviewer)
                                : reviews.removeLineItem(documentId, row, reviewer);
    if (!saved) {
        m_banner->showMessage(
            Banner::Kind::Error,
            tr("The change of row %1 was not saved: %2").arg(row + 1).arg(saved.error().message));
        return false;
    }
    Q_EMIT statusMessage(
        insert ? tr("Added row %1.").arg(row + 1) : tr("Deleted row %1.").arg(row + 1), 3000);
    return true;
}

bool ReviewController::approve()
{
    return decide(true, {});
}

void ReviewController::reject()
{
    if (!m_reject->isEnabled() || m_rejectDialog)
        return;
    m_panel->commitPendingEdit();
    const qint64 id = m_document.id;
    auto *dialog = new RejectDialog(m_document.fileName, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_rejectDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog, id] {
        if (m_document.id == id)
            rejectWith(dialog->reason());
    });
    dialog->open(); // window-modal, no nested event loop
}

bool ReviewController::rejectWith(const QString &reason)
{
    return decide(false, reason);
}

bool ReviewController::decide(bool approved, const QString &reason)
{
    if (!m_db || !m_approve->isEnabled())
        return false;
    m_panel->commitPendingEdit();
    const qint64 id = m_document.id;
    const QString reviewer = ReviewSettings::reviewerName();
    ReviewRepository reviews(*m_db);
    const Status done = approved ? reviews.approve(id, m_document.version, reviewer)
                                 : reviews.reject(id, m_document.version, reviewer, reason);
    if (!done) {
        if (done.error().code == QLatin1String("stale_version"))
            showNotice(int(Banner::Kind::Error),
                       tr("%1 was changed by someone else since you opened it, so it was not "
                          "%2. Your corrections are kept; reload it to see its current state.")
                           .arg(m_document.fileName, approved ? tr("approved") : tr("rejected")),
                       tr("Reload"), [this, id] { Q_EMIT reloadRequested(id); });
        else
            m_banner->showMessage(Banner::Kind::Error,
                                  tr("%1 was not %2: %3")
                                      .arg(m_document.fileName,
                                           approved ? tr("approved") : tr("rejected"),
                                           done.error().message));
        return false;
    }
    Q_EMIT statusMessage(approved ? tr("Approved %1.").arg(m_document.fileName)
                                  : tr("Rejected %1.").arg(m_document.fileName),
                         5000);
    // The decision closes the document's history: what was decided is not undone here.
    if (QUndoStack *stack = m_stacks.value(id))
        stack->clear();
    ++m_document.version;
    m_document.status = approved ? DocumentStatus::Approved : DocumentStatus::Rejected;
    Q_EMIT decided(id, approved ? QStringLiteral("approved") : QStringLiteral("rejected"));
    return true;
}

void ReviewController::onTypeChanged(const QString &type)
{
    const qint64 id = m_panel->documentId();
    if (id <= 0)
        return;
    if (!m_service) {
        m_banner->showMessage(Banner::Kind::Warning,
                              tr("The document cannot be read again: processing is not "
                                 "available."));
        return;
    }
    const DocumentSchema *schema = SchemaRegistry::builtin().schema(type);
    const QString label =
        schema ? QCoreApplication::translate("Schema", schema->label.toUtf8().constData()) : type;
    if (m_db)
        ReviewRepository(*m_db).addAudit(
            id, QStringLiteral("type_changed"), ReviewSettings::reviewerName(),
            QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("type"), type}})
                                  .toJson(QJsonDocument::Compact)));
    m_reprocessing = id;
    m_panel->setNote(tr("Reading the document again as %1…").arg(label));
    updateActions();
    m_service->reprocess(id, type);
}

void ReviewController::onDocumentProcessed(qint64 documentId)
{
    if (documentId <= 0 || documentId != m_reprocessing)
        return;
    m_reprocessing = 0;
    // The corrections were made on the extraction that was replaced.
    if (QUndoStack *stack = m_stacks.value(documentId))
        stack->clear();
    if (m_panel->documentId() == documentId)
        m_panel->setNote({});
    updateActions();
    Q_EMIT reloadRequested(documentId);
}

} // namespace docket
