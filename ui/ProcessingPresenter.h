#pragma once

#include <QObject>
#include <QStringList>

class QLabel;
class QProgressBar;
class QToolButton;
class QWidget;

namespace docket {

class Banner;
class ProcessingService;
struct ProcessingResult;

// Turns the ProcessingService's signals into what the window shows: the status bar's
// progress ("Processing 3 of 10"), banners for failures and duplicates, and a password
// prompt for protected PDFs (asked without blocking the GUI thread).
class ProcessingPresenter : public QObject
{
    Q_OBJECT
public:
    ProcessingPresenter(ProcessingService *service, Banner *banner, QWidget *window);

    // Status bar widgets, to be added by the window.
    QProgressBar *progressBar() const { return m_progress; }
    QToolButton *cancelButton() const { return m_cancel; }

    void enqueue(const QStringList &paths);
    bool isBusy() const;

Q_SIGNALS:
    void documentChanged(qint64 documentId); // processed (or failed) and stored
    void showDocumentRequested(qint64 documentId);
    void statusMessage(const QString &message, int timeoutMs);
    void busyChanged(bool busy);

private:
    void onProgress(int done, int total);
    void onFinished(const ProcessingResult &result);
    void onDuplicate(const QString &path, qint64 existingDocumentId);
    void onPasswordRequired(const QString &path);
    void askNextPassword();
    void onIdle();

    ProcessingService *m_service;
    Banner *m_banner;
    QWidget *m_window;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancel = nullptr;
    QStringList m_passwordQueue;
    bool m_asking = false;
    int m_failedInBatch = 0;
    int m_doneInBatch = 0;
};

} // namespace docket
