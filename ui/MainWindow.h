#pragma once

#include "FieldBox.h"
#include "core/Extraction.h"
#include "core/Issue.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QLabel;
class QMimeData;
class QSplitter;
class QTimer;

namespace docket {

class Banner;
class CostDashboard;
class Database;
class EngineSettingsRefresher;
class FieldPanel;
class KeyStore;
class PageView;
class ProcessingPresenter;
class ProcessingService;
class QueueModel;
class QueuePanel;
class QueueView;
class ReviewBar;
class ReviewController;
class ShortcutOverlay;

// The workstation's main window (objectName "mainWindow"): the queue on the left, the page
// in the middle, the fields on the right; imports by menu or drag and drop and hands them to
// the ProcessingService. Reads the database through its own GUI-thread connection (short
// queries only); never waits on processing. The review itself (corrections, undo, approve
// and reject, leases) is the ReviewController's; after a decision the next document opens.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // service: runs the pipeline (may be null: import is then unavailable).
    // databaseUrl: where to read the queue; empty: the service's database.
    explicit MainWindow(ProcessingService *service, const QString &databaseUrl = {},
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    // Where the engines' API keys are read when the user changes the engine settings (the
    // keychain in the workstation; without one, only the settings file and the environment).
    void setKeyStore(std::shared_ptr<KeyStore> keys);

    // Hands files and folders to the processing service.
    void importPaths(const QStringList &paths);
    // Selects a document in the queue (or shows it when filtered out); false if unknown.
    bool showDocument(qint64 documentId);

    QueueModel *queueModel() const { return m_queueModel; }
    QueueView *queueView() const;
    PageView *pageView() const { return m_pageView; }
    FieldPanel *fieldPanel() const { return m_fieldPanel; }
    Banner *banner() const { return m_banner; }
    Database *database() const { return m_db.get(); }
    ReviewController *review() const { return m_review; }
    ReviewBar *reviewBar() const { return m_reviewBar; }
    ShortcutOverlay *shortcutOverlay() const { return m_overlay; }
    qint64 shownDocumentId() const { return m_shown; }

public Q_SLOTS:
    void importFiles();
    void importFolder();
    void about();
    void showDashboard(); // View > Dashboard: the supervisor's cost and quality figures
    void showSettings();  // Edit > Settings
    void showExport();    // File > Export
    void showShortcuts(); // Help > Keyboard Shortcuts: the overlay

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createCentral();
    void openDatabase(const QString &url);
    void restoreSettings();
    void saveSettings();
    void loadDocument(qint64 documentId);
    void onDocumentChanged(qint64 documentId);
    void refreshQueue();
    void onDecided(qint64 documentId);
    qint64 nextDocumentAfter(qint64 documentId) const;
    void applySettings();
    void updateReviewStatus();
    void refreshBoxes();
    static FieldBoxes boxesFor(const Extraction &extraction, const ValidationReport &report);
    static QStringList localPaths(const QMimeData *mime);

    ProcessingService *m_service;
    EngineSettingsRefresher *m_engines = nullptr;
    std::unique_ptr<Database> m_db;
    QPointer<CostDashboard> m_dashboard;
    QueueModel *m_queueModel = nullptr;
    QueuePanel *m_queuePanel = nullptr;
    PageView *m_pageView = nullptr;
    FieldPanel *m_fieldPanel = nullptr;
    Banner *m_banner = nullptr;
    QSplitter *m_splitter = nullptr;
    ProcessingPresenter *m_processing = nullptr;
    ReviewController *m_review = nullptr;
    ReviewBar *m_reviewBar = nullptr;
    ShortcutOverlay *m_overlay = nullptr;
    QAction *m_dashboardAction = nullptr;
    QAction *m_tabLowAction = nullptr;
    QTimer *m_refreshTimer = nullptr;
    QTimer *m_pollTimer = nullptr;
    qint64 m_shown = 0;
    bool m_reloadShown = false;
};

} // namespace docket
