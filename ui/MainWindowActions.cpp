// The main window's menus, actions and toolbar.
#include "MainWindow.h"

#include "FieldPanel.h"
#include "PageView.h"
#include "ReviewController.h"
#include "ReviewSettings.h"
#include "ReviewShortcuts.h"
#include "ShortcutOverlay.h"

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>

namespace docket {

namespace {

QIcon themed(const char *name, const QString &fallback)
{
    return QIcon::fromTheme(QString::fromLatin1(name), QIcon(fallback));
}
} // namespace

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
    QAction *exportAction = file->addAction(tr("&Export…"), this, &MainWindow::showExport);
    exportAction->setObjectName(QStringLiteral("actionExport"));
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction->setStatusTip(tr("Export approved documents to CSV or JSON"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    if (!m_service) {
        import->setEnabled(false);
        folder->setEnabled(false);
    }

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("menuEdit"));
    edit->addAction(m_review->undoAction());
    edit->addAction(m_review->redoAction());
    edit->addSeparator();
    QAction *settings = edit->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    settings->setObjectName(QStringLiteral("actionSettings"));
    settings->setMenuRole(QAction::PreferencesRole);
    const QKeySequence preferences(QKeySequence::Preferences);
    settings->setShortcut(preferences.isEmpty() ? QKeySequence(Qt::CTRL | Qt::Key_Comma)
                                                : preferences);

    QMenu *review = menuBar()->addMenu(tr("&Review"));
    review->setObjectName(QStringLiteral("menuReview"));
    review->addAction(m_review->approveAction());
    review->addAction(m_review->rejectAction());
    review->addSeparator();
    m_tabLowAction = review->addAction(tr("&Tab Visits Only Uncertain Fields"));
    m_tabLowAction->setObjectName(QStringLiteral("actionTabLowConfidence"));
    m_tabLowAction->setCheckable(true);
    m_tabLowAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_tabLowAction->setStatusTip(
        tr("Tab and Shift+Tab skip fields read with high confidence and no problem"));
    connect(m_tabLowAction, &QAction::toggled, this, [this](bool on) {
        ReviewSettings::setTabLowConfidenceOnly(on);
        m_fieldPanel->setTabLowConfidenceOnly(on);
    });

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
    m_dashboardAction = view->addAction(tr("&Dashboard"));
    connect(m_dashboardAction, &QAction::triggered, this, &MainWindow::showDashboard);
    m_dashboardAction->setObjectName(QStringLiteral("actionDashboard"));
    m_dashboardAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_dashboardAction->setStatusTip(tr("Cost and quality figures (supervisors)"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("menuHelp"));
    QAction *keys = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    keys->setObjectName(QStringLiteral("actionShortcuts"));
    keys->setShortcuts({QKeySequence::HelpContents, QKeySequence(Qt::Key_Question)});
    help->addSeparator();
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
    tools->addSeparator();
    tools->addAction(m_review->undoAction());
    tools->addAction(m_review->redoAction());

    m_overlay = new ShortcutOverlay(this);
    m_overlay->setEntries(ReviewShortcuts::entries(this));
}

} // namespace docket
