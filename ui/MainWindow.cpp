#include "MainWindow.h"

#include "Banner.h"
#include "CostDashboard.h"
#include "DocumentLoader.h"
#include "EngineSettingsRefresher.h"
#include "ExportDialog.h"
#include "FieldPanel.h"
#include "PageView.h"
#include "ProcessingPresenter.h"
#include "QueueModel.h"
#include "QueuePanel.h"
#include "QueueView.h"
#include "ReviewBar.h"
#include "ReviewController.h"
#include "ReviewSettings.h"
#include "ReviewShortcuts.h"
#include "SettingsDialog.h"
#include "ShortcutOverlay.h"
#include "ingest/Importer.h"
#include "pipeline/ProcessingService.h"
#include "storage/Database.h"
#include "storage/Roles.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace docket {

namespace {
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kSplitterKey = QStringLiteral("mainWindow/splitter");
const QString kQueueHeaderKey = QStringLiteral("mainWindow/queueHeader");
const QString kLastFolderKey = QStringLiteral("import/lastFolder");
constexpr int kPollMs = 1500; // queue refresh while the pipeline is busy

} // namespace

MainWindow::MainWindow(ProcessingService *service, const QString &databaseUrl, QWidget *parent)
    : QMainWindow(parent), m_service(service)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Docket"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/docket.svg")));
    setAcceptDrops(true);

    m_queueModel = new QueueModel(this);
    m_banner = new Banner(this);
    m_processing = new ProcessingPresenter(service, m_banner, this);
    m_fieldPanel = new FieldPanel(this);
    m_review = new ReviewController(m_fieldPanel, m_banner, service, this);
    createCentral();
    createActions();

    statusBar()->setObjectName(QStringLiteral("statusBar"));
    statusBar()->addPermanentWidget(m_processing->progressBar());
    statusBar()->addPermanentWidget(m_processing->cancelButton());

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(150);
    connect(m_refreshTimer, &QTimer::timeout, this, &MainWindow::refreshQueue);
    m_pollTimer = new QTimer(this);
    m_pollTimer->setInterval(kPollMs);
    connect(m_pollTimer, &QTimer::timeout, this, &MainWindow::refreshQueue);

    connect(m_processing, &ProcessingPresenter::documentChanged, this,
            &MainWindow::onDocumentChanged);
    // Another workstation or a worker changed a listed document: reload it when shown.
    // Another workstation or a worker changed the shown document: reload it, or offer to
    // while the reviewer is typing in it (their stored corrections stay either way).
    connect(m_queueModel, &QueueModel::documentChanged, this, [this](qint64 documentId) {
        if (documentId != m_shown || m_shown == 0)
            return;
        QWidget *focus = QApplication::focusWidget();
        if (focus && m_fieldPanel->isAncestorOf(focus)) {
            m_banner->showMessage(Banner::Kind::Info,
                                  tr("This document was changed on another workstation."),
                                  tr("Reload"), [this, documentId] {
                                      if (documentId == m_shown)
                                          loadDocument(documentId);
                                  });
            return;
        }
        loadDocument(m_shown);
    });
    connect(m_processing, &ProcessingPresenter::showDocumentRequested, this,
            &MainWindow::showDocument);
    connect(m_processing, &ProcessingPresenter::statusMessage, statusBar(),
            &QStatusBar::showMessage);
    connect(m_processing, &ProcessingPresenter::busyChanged, this, [this](bool busy) {
        if (busy)
            m_pollTimer->start();
        else
            m_pollTimer->stop();
        m_refreshTimer->start();
    });
    connect(m_queueModel, &QueueModel::errorOccurred, this, [this](const QString &message) {
        m_banner->showMessage(Banner::Kind::Error, tr("The queue cannot be read: %1").arg(message));
    });
    connect(queueView(), &QueueView::documentSelected, this, &MainWindow::loadDocument);
    connect(m_pageView, &PageView::fieldClicked, m_fieldPanel, &FieldPanel::selectField);
    connect(m_fieldPanel, &FieldPanel::fieldSelected, m_pageView, &PageView::selectField);
    connect(m_fieldPanel, &FieldPanel::attentionChanged, this, &MainWindow::updateReviewStatus);
    connect(m_pageView, &PageView::fieldRegionRead, m_review, &ReviewController::applyRegionRead);
    connect(m_pageView, &PageView::regionReadFailed, this, [this](const QString &message) {
        m_banner->showMessage(Banner::Kind::Warning,
                              tr("Nothing could be read from that region: %1").arg(message));
    });
    connect(m_review, &ReviewController::decided, this, &MainWindow::onDecided);
    connect(m_review, &ReviewController::boxesChanged, this, &MainWindow::refreshBoxes);
    connect(m_review, &ReviewController::reloadRequested, this, [this](qint64 id) {
        if (id == m_shown)
            loadDocument(id);
    });
    connect(m_review, &ReviewController::showDocumentRequested, this, &MainWindow::showDocument);
    connect(m_review, &ReviewController::statusMessage, statusBar(), &QStatusBar::showMessage);

    openDatabase(databaseUrl.isEmpty() && service ? service->config().effectiveDatabaseUrl()
                                                  : databaseUrl);
    restoreSettings();
    applySettings();
    updateReviewStatus();
    statusBar()->showMessage(tr("Ready"), 2000);
}

MainWindow::~MainWindow()
{
    // The review releases its lease through the database: before the database goes.
    delete m_review;
    m_review = nullptr;
    // Views and models read the database until they go; drop them first.
    delete m_queuePanel;
    m_queuePanel = nullptr;
    delete m_queueModel;
    m_queueModel = nullptr;
}

QueueView *MainWindow::queueView() const
{
    return m_queuePanel->view();
}

void MainWindow::createCentral()
{
    m_queuePanel = new QueuePanel(m_queueModel, this);
    m_pageView = new PageView(this);
    m_reviewBar = new ReviewBar(m_review->approveAction(), m_review->rejectAction(), this);
    auto *reviewColumn = new QWidget(this);
    reviewColumn->setObjectName(QStringLiteral("reviewColumn"));
    auto *column = new QVBoxLayout(reviewColumn);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(m_fieldPanel, 1);
    column->addWidget(m_reviewBar);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setHandleWidth(5);
    m_splitter->addWidget(m_queuePanel);
    m_splitter->addWidget(m_pageView);
    m_splitter->addWidget(reviewColumn);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_queuePanel->setMinimumWidth(220);
    m_pageView->setMinimumWidth(300);
    reviewColumn->setMinimumWidth(300);
    m_splitter->setSizes({420, 700, 380});

    auto *central = new QWidget(this);
    central->setObjectName(QStringLiteral("central"));
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);
}

void MainWindow::openDatabase(const QString &url)
{
    auto db = Database::open(url);
    if (!db.ok()) {
        m_banner->showMessage(Banner::Kind::Error,
                              tr("The database cannot be opened: %1").arg(db.error().message));
        return;
    }
    m_db = db.takeValue();
    m_queueModel->setDatabase(m_db.get());
    m_review->setDatabase(m_db.get());
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
        const QRect screen =
            this->screen() ? this->screen()->availableGeometry() : QRect(0, 0, 1600, 1000);
        resize(qMin(1500, screen.width() * 9 / 10), qMin(920, screen.height() * 9 / 10));
        move(screen.center() - rect().center());
    }
    restoreState(settings.value(kStateKey).toByteArray());
    m_splitter->restoreState(settings.value(kSplitterKey).toByteArray());
    queueView()->horizontalHeader()->restoreState(settings.value(kQueueHeaderKey).toByteArray());
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kSplitterKey, m_splitter->saveState());
    settings.setValue(kQueueHeaderKey, queueView()->horizontalHeader()->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // What the reviewer typed but did not confirm is a correction too.
    m_fieldPanel->commitPendingEdit();
    m_review->leave();
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::importPaths(const QStringList &paths)
{
    m_processing->enqueue(paths);
}

void MainWindow::importFiles()
{
    QSettings settings;
    const QString start =
        settings
            .value(kLastFolderKey,
                   QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .toString();
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import Documents"), start,
        tr("Documents (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)"));
    if (files.isEmpty())
        return;
    settings.setValue(kLastFolderKey, QFileInfo(files.first()).absolutePath());
    importPaths(files);
}

void MainWindow::importFolder()
{
    QSettings settings;
    const QString start =
        settings
            .value(kLastFolderKey,
                   QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .toString();
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Import Folder"), start);
    if (folder.isEmpty())
        return;
    settings.setValue(kLastFolderKey, folder);
    importPaths({folder});
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About Docket"),
        tr("<h3>Docket %1</h3><p>A review workstation for business documents: invoices, "
           "packing lists, certificates and receipts.</p><p>Built with Qt %2.</p>")
            .arg(QStringLiteral(DOCKET_VERSION), QString::fromLatin1(qVersion())));
}

QStringList MainWindow::localPaths(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    const auto urls = mime->urls();
    for (const QUrl &url : urls)
        if (url.isLocalFile() && !url.toLocalFile().isEmpty())
            paths << url.toLocalFile();
    return paths;
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_service && !localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        event->ignore();
}

void MainWindow::dragMoveEvent(QDragMoveEvent *event)
{
    if (m_service && !localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        event->ignore();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList paths = localPaths(event->mimeData());
    if (!m_service || paths.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    // Leave the drag-and-drop machinery before doing any work.
    QTimer::singleShot(0, this, [this, paths] { importPaths(paths); });
}

void MainWindow::refreshQueue()
{
    m_queueModel->refresh();
    if (queueView()->currentDocumentId() == 0 && m_queueModel->rowCount() > 0 && m_shown == 0)
        queueView()->selectDocument(m_queueModel->document(0).id);
    if (m_reloadShown && m_shown != 0) {
        m_reloadShown = false;
        if (!m_fieldPanel->hasPendingEdit())
            loadDocument(m_shown);
    }
}

void MainWindow::onDocumentChanged(qint64 documentId)
{
    if (documentId == m_shown)
        m_reloadShown = true;
    m_refreshTimer->start();
}

bool MainWindow::showDocument(qint64 documentId)
{
    if (documentId <= 0)
        return false;
    if (queueView()->selectDocument(documentId))
        return true;
    if (!m_db)
        return false;
    // Not among the listed rows (filtered out or far down): show it anyway.
    loadDocument(documentId);
    return m_shown == documentId;
}

void MainWindow::loadDocument(qint64 documentId)
{
    if (documentId != m_shown) {
        m_fieldPanel->commitPendingEdit();
        m_review->leave();
    }
    if (documentId == 0 || !m_db) {
        m_shown = 0;
        setWindowTitle(tr("Docket"));
        m_pageView->clear();
        m_fieldPanel->clear();
        updateReviewStatus();
        return;
    }
    auto loaded = DocumentLoader(*m_db).load(documentId);
    if (!loaded.ok()) {
        m_banner->showMessage(Banner::Kind::Error,
                              tr("The document cannot be read: %1").arg(loaded.error().message));
        return;
    }
    LoadedDocument &data = loaded.value();
    if (m_service) {
        const QString original = Importer::locateOriginal(
            data.document.storedPath, m_service->config().effectiveDataFolder());
        if (!original.isEmpty())
            data.document.storedPath = original;
    }
    m_shown = documentId;
    setWindowTitle(tr("%1 — Docket").arg(data.document.fileName));
    m_pageView->setDocument(data.document);
    m_pageView->setFieldBoxes(boxesFor(data.extraction, data.report));
    m_fieldPanel->setDocument(data.document, data.extraction, data.report);
    m_review->open(data.document);
    updateReviewStatus();
}

// The page's boxes, those a validation error names marked.
FieldBoxes MainWindow::boxesFor(const Extraction &extraction, const ValidationReport &report)
{
    FieldBoxes boxes = DocumentLoader::boxes(extraction);
    QStringList failing;
    for (const Issue &issue : report.errors())
        failing << issue.field;
    markInvalid(boxes, failing);
    return boxes;
}

void MainWindow::refreshBoxes()
{
    m_pageView->setFieldBoxes(boxesFor(m_fieldPanel->currentExtraction(), m_fieldPanel->report()));
    if (!m_fieldPanel->selectedField().isEmpty())
        m_pageView->selectField(m_fieldPanel->selectedField());
}

void MainWindow::updateReviewStatus()
{
    const Document &doc = m_review->document();
    QString text;
    if (doc.status == DocumentStatus::Approved || doc.status == DocumentStatus::Rejected) {
        text = statusLabel(doc.status);
    } else if (doc.id > 0) {
        const int check = m_fieldPanel->attentionCount();
        text = check > 1    ? tr("%1 fields to check").arg(check)
               : check == 1 ? tr("1 field to check")
                            : tr("All fields confident");
    }
    m_reviewBar->setStatusText(text);
}

qint64 MainWindow::nextDocumentAfter(qint64 documentId) const
{
    const QueueModel *model = m_queueModel;
    const int row = model->rowForId(documentId);
    auto awaits = [&](int r) {
        const Document doc = model->document(r);
        return doc.id != documentId && doc.status == DocumentStatus::NeedsReview;
    };
    // The nearest document below that still needs review, else the first one that does,
    // else simply the one below.
    for (int r = row + 1; row >= 0 && r < model->rowCount(); ++r)
        if (awaits(r))
            return model->document(r).id;
    for (int r = 0; r < model->rowCount(); ++r)
        if (awaits(r))
            return model->document(r).id;
    if (row >= 0 && row + 1 < model->rowCount())
        return model->document(row + 1).id;
    return 0;
}

void MainWindow::onDecided(qint64 documentId)
{
    const qint64 next = nextDocumentAfter(documentId);
    m_queueModel->refresh();
    if (next > 0 && showDocument(next)) {
        m_fieldPanel->focusFirstField();
        return;
    }
    statusBar()->showMessage(tr("No more documents need review."), 5000);
    updateReviewStatus();
}

void MainWindow::applySettings()
{
    const bool tabLow = ReviewSettings::tabLowConfidenceOnly();
    m_tabLowAction->setChecked(tabLow);
    m_fieldPanel->setTabLowConfidenceOnly(tabLow);
    // Supervisor-only: the cost and quality dashboard.
    m_dashboardAction->setEnabled(m_db &&
                                  Roles(*m_db).isSupervisor(ReviewSettings::reviewerName()));
}

void MainWindow::setKeyStore(std::shared_ptr<KeyStore> keys)
{
    if (!m_service)
        return;
    delete m_engines;
    // Budgets a supervisor shares through the database count too.
    m_engines = new EngineSettingsRefresher(m_service, std::move(keys),
                                            m_db ? m_db->url() : QString(), this);
    connect(m_engines, &EngineSettingsRefresher::applied, this, [this] {
        statusBar()->showMessage(tr("Engine settings applied to the documents read from now on."),
                                 4000);
    });
}

void MainWindow::showSettings()
{
    auto *dialog = new SettingsDialog(m_db ? m_db->url() : QString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::settingsChanged, this, &MainWindow::applySettings);
    if (m_engines) {
        connect(dialog, &SettingsDialog::settingsChanged, m_engines,
                &EngineSettingsRefresher::refresh);
        connect(dialog, &SettingsDialog::keysChanged, m_engines, &EngineSettingsRefresher::refresh);
    }
    connect(dialog, &SettingsDialog::databaseChanged, this, [this] {
        m_banner->showMessage(Banner::Kind::Info,
                              tr("The new database is used after Docket is restarted."));
    });
    dialog->open();
}

void MainWindow::showExport()
{
    auto *dialog = new ExportDialog(m_db ? m_db->url() : QString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showShortcuts()
{
    m_overlay->popup();
}

void MainWindow::showDashboard()
{
    if (!m_dashboard) {
        m_dashboard = new CostDashboard(m_db ? m_db->url() : QString(), this);
        m_dashboard->setWindowFlag(Qt::Window);
        m_dashboard->setWindowTitle(tr("Cost and quality dashboard"));
        m_dashboard->resize(1200, 800);
    }
    m_dashboard->show();
    m_dashboard->raise();
}

} // namespace docket
