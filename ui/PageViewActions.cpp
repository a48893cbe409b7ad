// The page view's actions and toolbar (zoom, fit, pages, rotation, region reading).
#include "PageView.h"

#include "PageCanvas.h"

#include <QAction>
#include <QActionGroup>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QSpinBox>
#include <QSvgRenderer>
#include <QToolBar>
#include <QToolButton>

namespace docket {

namespace {

// Icons drawn for the page toolbar, in the style of resources/icons.
QIcon svgIcon(const char *body)
{
    const QByteArray svg =
        QByteArrayLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"24\" height=\"24\" "
                          "viewBox=\"0 0 24 24\" fill=\"none\" stroke=\"#4a5260\" "
                          "stroke-width=\"1.8\" stroke-linecap=\"round\" "
                          "stroke-linejoin=\"round\">") +
        QByteArray(body) + QByteArrayLiteral("</svg>");
    QSvgRenderer renderer(svg);
    QPixmap pixmap(48, 48);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    renderer.render(&painter);
    painter.end();
    pixmap.setDevicePixelRatio(2.0);
    return QIcon(pixmap);
}

} // namespace

void PageView::createActions()
{
    auto make = [this](const QString &name, const QString &text, const QString &icon,
                       const QList<QKeySequence> &keys) {
        auto *action = new QAction(QIcon(icon), text, this);
        action->setObjectName(name);
        action->setShortcuts(keys);
        action->setToolTip(keys.isEmpty() ? text
                                          : tr("%1 (%2)").arg(text, keys.first().toString(
                                                                        QKeySequence::NativeText)));
        return action;
    };
    m_zoomIn =
        make(QStringLiteral("actionZoomIn"), tr("Zoom &In"), QStringLiteral(":/icons/zoom-in.svg"),
             QKeySequence::keyBindings(QKeySequence::ZoomIn));
    m_zoomOut = make(QStringLiteral("actionZoomOut"), tr("Zoom &Out"),
                     QStringLiteral(":/icons/zoom-out.svg"),
                     QKeySequence::keyBindings(QKeySequence::ZoomOut));
    m_fitWidth = make(QStringLiteral("actionFitWidth"), tr("Fit &Width"),
                      QStringLiteral(":/icons/fit-width.svg"), {QKeySequence(tr("Ctrl+2"))});
    m_fitPage = make(QStringLiteral("actionFitPage"), tr("Fit &Page"),
                     QStringLiteral(":/icons/fit-page.svg"), {QKeySequence(tr("Ctrl+1"))});
    m_nextPage = make(QStringLiteral("actionNextPage"), tr("&Next Page"),
                      QStringLiteral(":/icons/go-down.svg"), {QKeySequence(tr("Ctrl+PgDown"))});
    m_previousPage = make(QStringLiteral("actionPreviousPage"), tr("P&revious Page"),
                          QStringLiteral(":/icons/go-up.svg"), {QKeySequence(tr("Ctrl+PgUp"))});
    m_rotateLeft = make(QStringLiteral("actionRotateLeft"), tr("Rotate &Left"), QString(),
                        {QKeySequence(tr("Ctrl+L")), QKeySequence(tr("["))});
    m_rotateRight = make(QStringLiteral("actionRotateRight"), tr("Rotate &Right"), QString(),
                         {QKeySequence(tr("Ctrl+R")), QKeySequence(tr("]"))});
    m_readRegion = make(QStringLiteral("actionReadRegion"), tr("Read &Region"), QString(), {});
    m_rotateLeft->setIcon(svgIcon("<path d=\"M4 4v5h5\"/><path d=\"M4.6 9A8 8 0 1 1 6 17.2\"/>"));
    m_rotateRight->setIcon(
        svgIcon("<path d=\"M20 4v5h-5\"/><path d=\"M19.4 9A8 8 0 1 0 18 17.2\"/>"));
    m_readRegion->setIcon(svgIcon("<path d=\"M3 8V3h5M16 3h5v5M21 16v5h-5M8 21H3v-5\"/>"
                                  "<path d=\"M8 10h8M8 14h5\"/>"));
    m_readRegion->setCheckable(true);
    m_readRegion->setToolTip(tr("Read region: drag a rectangle on the page to read the selected "
                                "field from it (or drag beside the boxes, or with Shift held)"));
    connect(m_rotateLeft, &QAction::triggered, this, &PageView::rotateLeft);
    connect(m_rotateRight, &QAction::triggered, this, &PageView::rotateRight);
    connect(m_readRegion, &QAction::toggled, m_canvas, &PageCanvas::setRegionMode);
    m_fitWidth->setCheckable(true);
    m_fitPage->setCheckable(true);
    connect(m_zoomIn, &QAction::triggered, this, &PageView::zoomIn);
    connect(m_zoomOut, &QAction::triggered, this, &PageView::zoomOut);
    connect(m_fitWidth, &QAction::triggered, this, &PageView::fitWidth);
    connect(m_fitPage, &QAction::triggered, this, &PageView::fitPage);
    connect(m_nextPage, &QAction::triggered, this, &PageView::nextPage);
    connect(m_previousPage, &QAction::triggered, this, &PageView::previousPage);
}

QWidget *PageView::createToolBar()
{
    auto *bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("pageToolBar"));
    m_pageSpin = new QSpinBox(bar);
    m_pageSpin->setObjectName(QStringLiteral("pageSpin"));
    m_pageSpin->setAccessibleName(tr("Page"));
    m_pageSpin->setKeyboardTracking(false);
    m_pageSpin->setRange(1, 1);
    m_pageCountLabel = new QLabel(bar);
    m_pageCountLabel->setObjectName(QStringLiteral("pageCountLabel"));
    m_zoomButton = new QToolButton(bar);
    m_zoomButton->setObjectName(QStringLiteral("zoomLabel"));
    m_zoomButton->setAutoRaise(true);
    m_zoomButton->setPopupMode(QToolButton::InstantPopup);
    m_zoomButton->setToolTip(tr("Zoom"));
    auto *zoomMenu = new QMenu(m_zoomButton);
    for (double z : {0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0}) {
        zoomMenu->addAction(tr("%1 %").arg(qRound(z * 100)), this, [this, z] { setZoom(z); });
    }
    zoomMenu->addSeparator();
    zoomMenu->addAction(m_fitWidth);
    zoomMenu->addAction(m_fitPage);
    m_zoomButton->setMenu(zoomMenu);

    // A tool bar: what does not fit a narrow view goes into its extension menu.
    bar->setIconSize(QSize(20, 20));
    bar->setContentsMargins(2, 0, 2, 0);
    bar->addAction(m_previousPage);
    bar->addAction(m_nextPage);
    bar->addWidget(m_pageSpin);
    bar->addWidget(m_pageCountLabel);
    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    bar->addAction(m_zoomOut);
    bar->addWidget(m_zoomButton);
    bar->addAction(m_zoomIn);
    bar->addAction(m_fitWidth);
    bar->addAction(m_fitPage);
    bar->addSeparator();
    bar->addAction(m_rotateLeft);
    bar->addAction(m_rotateRight);
    bar->addSeparator();
    bar->addAction(m_readRegion);
    for (QAction *action : bar->actions())
        if (QWidget *button = bar->widgetForAction(action);
            button && !action->objectName().isEmpty())
            button->setObjectName(action->objectName() + QStringLiteral("Button"));

    connect(m_pageSpin, &QSpinBox::valueChanged, this,
            [this](int value) { setCurrentPage(value - 1); });
    return bar;
}

} // namespace docket
