#include "ProcessingPresenter.h"

#include "Banner.h"
#include "pipeline/ProcessingService.h"

#include <QFileInfo>
#include <QIcon>
#include <QInputDialog>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QProgressBar>
#include <QToolButton>

Q_LOGGING_CATEGORY(lcUi, "docket.ui")

namespace docket {

ProcessingPresenter::ProcessingPresenter(ProcessingService *service, Banner *banner,
                                         QWidget *window)
    : QObject(window), m_service(service), m_banner(banner), m_window(window)
{
    m_progress = new QProgressBar(window);
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setTextVisible(true);
    m_progress->setMaximumWidth(260);
    m_progress->setMinimumWidth(200);
    m_progress->setVisible(false);
    m_cancel = new QToolButton(window);
    m_cancel->setObjectName(QStringLiteral("cancelProcessing"));
    m_cancel->setAutoRaise(true);
    m_cancel->setIcon(QIcon(QStringLiteral(":/icons/stop.svg")));
    m_cancel->setToolTip(tr("Stop processing"));
    m_cancel->setVisible(false);
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        if (m_service)
            m_service->cancelAll();
        Q_EMIT statusMessage(tr("Stopping…"), 3000);
    });

    if (!m_service)
        return;
    connect(m_service, &ProcessingService::progress, this, &ProcessingPresenter::onProgress);
    connect(m_service, &ProcessingService::documentFinished, this,
            &ProcessingPresenter::onFinished);
    connect(m_service, &ProcessingService::duplicateFound, this, &ProcessingPresenter::onDuplicate);
    connect(m_service, &ProcessingService::passwordRequired, this,
            &ProcessingPresenter::onPasswordRequired);
    connect(m_service, &ProcessingService::idle, this, &ProcessingPresenter::onIdle);
}

void ProcessingPresenter::enqueue(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    if (!m_service) {
        m_banner->showMessage(Banner::Kind::Error, tr("Processing is not available."));
        return;
    }
    qCInfo(lcUi) << "enqueue" << paths.size() << "path(s)";
    if (!isBusy()) {
        m_failedInBatch = 0;
        m_doneInBatch = 0;
    }
    m_service->enqueue(paths);
    Q_EMIT statusMessage(tr("Importing %n item(s)…", nullptr, int(paths.size())), 3000);
}

bool ProcessingPresenter::isBusy() const
{
    return m_service && !m_service->isIdle();
}

void ProcessingPresenter::onProgress(int done, int total)
{
    if (total <= 0) {
        m_progress->setVisible(false);
        m_cancel->setVisible(false);
        return;
    }
    const bool wasVisible = m_progress->isVisible();
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    m_progress->setFormat(done >= total ? tr("Processed %1 of %2").arg(done).arg(total)
                                        : tr("Processing %1 of %2").arg(done + 1).arg(total));
    m_progress->setVisible(true);
    m_cancel->setVisible(done < total);
    if (!wasVisible)
        Q_EMIT busyChanged(true);
}

void ProcessingPresenter::onFinished(const ProcessingResult &result)
{
    ++m_doneInBatch;
    const QString name = QFileInfo(result.file).fileName();
    if (!result.error.isNull()) {
        ++m_failedInBatch;
        const qint64 id = result.document.id;
        if (id > 0)
            m_banner->showMessage(Banner::Kind::Error,
                                  tr("%1 failed: %2").arg(name, result.error.message), tr("Show"),
                                  [this, id] { Q_EMIT showDocumentRequested(id); });
        else
            m_banner->showMessage(Banner::Kind::Error,
                                  tr("%1 failed: %2").arg(name, result.error.message));
    }
    if (result.document.id > 0)
        Q_EMIT documentChanged(result.document.id);
}

void ProcessingPresenter::onDuplicate(const QString &path, qint64 existingDocumentId)
{
    const QString name = QFileInfo(path).fileName();
    m_banner->showMessage(
        Banner::Kind::Info, tr("%1 was already imported.").arg(name), tr("Show document"),
        [this, existingDocumentId] { Q_EMIT showDocumentRequested(existingDocumentId); });
}

void ProcessingPresenter::onPasswordRequired(const QString &path)
{
    if (!m_passwordQueue.contains(path))
        m_passwordQueue.append(path);
    askNextPassword();
}

void ProcessingPresenter::askNextPassword()
{
    if (m_asking || m_passwordQueue.isEmpty())
        return;
    m_asking = true;
    const QString path = m_passwordQueue.takeFirst();
    // Window-modal but asynchronous: the GUI thread keeps running its own event loop.
    auto *dialog = new QInputDialog(m_window);
    dialog->setObjectName(QStringLiteral("passwordDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Password required"));
    dialog->setLabelText(
        tr("%1 is protected by a password.\nPassword:").arg(QFileInfo(path).fileName()));
    dialog->setTextEchoMode(QLineEdit::Password);
    dialog->setInputMode(QInputDialog::TextInput);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, path](const QString &password) {
        if (m_service && !password.isEmpty())
            m_service->enqueueWithPassword(path, password);
    });
    connect(dialog, &QDialog::rejected, this, [this, path] {
        m_banner->showMessage(
            Banner::Kind::Warning,
            tr("%1 was not opened: it needs a password.").arg(QFileInfo(path).fileName()));
    });
    connect(dialog, &QObject::destroyed, this, [this] {
        m_asking = false;
        askNextPassword();
    });
    dialog->open();
}

void ProcessingPresenter::onIdle()
{
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    if (m_doneInBatch > 0) {
        const QString message =
            m_failedInBatch > 0 ? tr("Processed %n document(s), %1 failed.", nullptr, m_doneInBatch)
                                      .arg(m_failedInBatch)
                                : tr("Processed %n document(s).", nullptr, m_doneInBatch);
        Q_EMIT statusMessage(message, 8000);
    }
    m_doneInBatch = 0;
    m_failedInBatch = 0;
    Q_EMIT busyChanged(false);
}

} // namespace docket
