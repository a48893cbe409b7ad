#include "MainWindow.h"

#include "Banner.h"
#include "CostDashboard.h"
#include "DocumentLoader.h"
#include "FieldPanel.h"
#include "PageView.h"
#include "ProcessingPresenter.h"
#include "QueueModel.h"
#include "QueuePanel.h"
#include "QueueView.h"
#include "pipeline/ProcessingService.h"
#include "storage/Database.h"
#include "storage/ReviewRepository.h"

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

QIcon themed(const char *name, const QString &fallback)
{
    return QIcon::fromTheme(QString::fromLatin1(name), QIcon(fallback));
}
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
    connect(m_fieldPanel, &FieldPanel::fieldEdited, this, &MainWindow::saveCorrection);

    openDatabase(databaseUrl.isEmpty() && service ? service->config().effectiveDatabaseUrl()
                                                  : databaseUrl);
    restoreSettings();
    statusBar()->showMessage(tr("Ready"), 2000);
}

MainWindow::~MainWindow()
{
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

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("menuFile"));
    QAction *import = file->addAction(themed("document-open", QStringLiteral(":/icons/import.svg")),
                                      tr("&Import…"), this, &MainWindow::importFiles);
    import->setObjectName(QStringLiteral("actionImport"));
    import->setShortcut(QKeySequence::Open);
    import->setStatusTip(tr("Import PDFs and scans"));
    QAction *folder = file->addAction(themed("folder-open", QStringLiteral(":/icons/folder.svg")),
                                      tr("Import &Folder…"), this, &MainWindow::importFolder);
    folder->setObjectName(QStringLiteral("actionImportFolder"));
    folder->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    folder->setStatusTip(tr("Import every document in a folder and its subfolders"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    if (!m_service) {
        import->setEnabled(false);
        folder->setEnabled(false);
    }

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("menuView"));
    view->addAction(m_pageView->zoomInAction());
    view->addAction(m_pageView->zoomOutAction());
    view->addSeparator();
    view->addAction(m_pageView->fitWidthAction());
    view->addAction(m_pageView->fitPageAction());
    view->addSeparator();
    view->addAction(m_pageView->previousPageAction());
    view->addAction(m_pageView->nextPageAction());
    view->addSeparator();
    QAction *dashboard = view->addAction(tr("&Dashboard"));
    connect(dashboard, &QAction::triggered, this, &MainWindow::showDashboard);
    dashboard->setObjectName(QStringLiteral("actionDashboard"));
    dashboard->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("menuHelp"));
    QAction *aboutAction = help->addAction(tr("&About Docket"), this, &MainWindow::about);
    aboutAction->setObjectName(QStringLiteral("actionAbout"));
    aboutAction->setMenuRole(QAction::AboutRole);

    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setMovable(false);
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->setIconSize(QSize(18, 18));
    tools->addAction(import);
    tools->addAction(folder);
}

void MainWindow::createCentral()
{
    m_queuePanel = new QueuePanel(m_queueModel, this);
    m_pageView = new PageView(this);
    m_fieldPanel = new FieldPanel(this);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setHandleWidth(5);
    m_splitter->addWidget(m_queuePanel);
    m_splitter->addWidget(m_pageView);
    m_splitter->addWidget(m_fieldPanel);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_queuePanel->setMinimumWidth(220);
    m_pageView->setMinimumWidth(300);
    m_fieldPanel->setMinimumWidth(280);
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
        if (!m_fieldPanel->hasEdits())
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
    if (documentId == 0 || !m_db) {
        m_shown = 0;
        setWindowTitle(tr("Docket"));
        m_pageView->clear();
        m_fieldPanel->clear();
        return;
    }
    auto loaded = DocumentLoader(*m_db).load(documentId);
    if (!loaded.ok()) {
        m_banner->showMessage(Banner::Kind::Error,
                              tr("The document cannot be read: %1").arg(loaded.error().message));
        return;
    }
    const LoadedDocument &data = loaded.value();
    m_shown = documentId;
    setWindowTitle(tr("%1 — Docket").arg(data.document.fileName));
    m_pageView->setDocument(data.document);
    m_pageView->setFieldBoxes(DocumentLoader::boxes(data.extraction));
    m_fieldPanel->setDocument(data.document, data.extraction, data.report);
}

void MainWindow::saveCorrection(const QString &field, const QString &before, const QString &after)
{
    const qint64 documentId = m_fieldPanel->documentId();
    if (!m_db || documentId <= 0)
        return;
    Correction correction;
    correction.documentId = documentId;
    correction.field = field;
    correction.before = before;
    correction.after = after;
    Field updated = m_fieldPanel->extractedField(field);
    updated.name = field;
    updated.value = after;
    updated.raw = after;
    updated.confidence = 1.0;
    updated.source = QStringLiteral("reviewer");
    const auto saved = ReviewRepository(*m_db).saveCorrection(correction, updated);
    if (!saved.ok()) {
        m_banner->showMessage(
            Banner::Kind::Error,
            tr("The correction of %1 was not saved: %2").arg(field, saved.error().message));
        return;
    }
    statusBar()->showMessage(tr("Saved %1.").arg(field), 3000);
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
