#include "PageView.h"

#include "PageCanvas.h"
#include "PageRenderer.h"
#include "RegionReadRunner.h"
#include "ThumbnailModel.h"

#include <QAction>
#include <QActionGroup>
#include <QHBoxLayout>
#include <QIcon>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPainter>
#include <QSpinBox>
#include <QSvgRenderer>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <array>

namespace docket {

namespace {
constexpr std::array<double, 17> kZoomSteps = {0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25,
                                               1.5,  1.75, 2.0, 2.5,  3.0,  4.0, 6.0, 8.0};

} // namespace

PageView::PageView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("pageView"));
    m_renderer = new PageRenderer(this);
    m_thumbnailModel = new ThumbnailModel(m_renderer, this);
    m_canvas = new PageCanvas(this);
    m_canvas->setPlaceholderText(
        tr("Select a document in the queue.\n\nTo import, drop PDFs, scans or folders on "
           "this window, or use File ▸ Import."));

    m_thumbnails = new QListView(this);
    m_thumbnails->setObjectName(QStringLiteral("thumbnails"));
    m_thumbnails->setModel(m_thumbnailModel);
    m_thumbnails->setViewMode(QListView::ListMode);
    m_thumbnails->setFlow(QListView::TopToBottom);
    m_thumbnails->setIconSize(QSize(ThumbnailModel::kWidth, 4 * ThumbnailModel::kWidth));
    m_thumbnails->setSpacing(4);
    m_thumbnails->setUniformItemSizes(true);
    m_thumbnails->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_thumbnails->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_thumbnails->setFixedWidth(ThumbnailModel::kWidth + 44);
    m_thumbnails->setFrameShape(QFrame::NoFrame);
    m_thumbnails->setAccessibleName(tr("Pages"));
    m_thumbnails->setVisible(false);
    m_thumbnailModel->setDevicePixelRatio(devicePixelRatioF());

    m_renderTimer = new QTimer(this);
    m_renderTimer->setSingleShot(true);
    m_renderTimer->setInterval(40);
    connect(m_renderTimer, &QTimer::timeout, this, &PageView::updateImage);

    m_regionReader = new RegionReadRunner(this);
    m_hintTimer = new QTimer(this);
    m_hintTimer->setSingleShot(true);
    connect(m_hintTimer, &QTimer::timeout, this, [this] { showHint({}); });

    createActions();
    auto *body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(0);
    body->addWidget(m_thumbnails);
    body->addWidget(m_canvas, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(createToolBar());
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("pageHint"));
    m_hint->setWordWrap(true);
    m_hint->setContentsMargins(8, 3, 8, 3);
    m_hint->setStyleSheet(QStringLiteral("QLabel { background: #fff6d6; color: #5a4a10; }"));
    m_hint->setVisible(false);
    layout->addWidget(m_hint);
    layout->addLayout(body, 1);

    connect(m_renderer, &PageRenderer::sourceOpened, this, &PageView::onSourceOpened);
    connect(m_renderer, &PageRenderer::sourceFailed, this, &PageView::onSourceFailed);
    connect(m_renderer, &PageRenderer::pageRendered, this, &PageView::onPageRendered);
    connect(m_canvas, &PageCanvas::fieldClicked, this, &PageView::fieldClicked);
    connect(m_canvas, &PageCanvas::regionDrawn, this, &PageView::readRegion);
    connect(m_regionReader, &RegionReadRunner::finished, this, &PageView::onRegionRead);
    connect(m_regionReader, &RegionReadRunner::failed, this, &PageView::onRegionFailed);
    connect(m_canvas, &PageCanvas::zoomStep, this, &PageView::stepZoom);
    connect(m_canvas, &PageCanvas::pageStep, this, [this](int delta) {
        const int before = m_page;
        setCurrentPage(m_page + delta);
        if (m_page != before) {
            if (delta > 0)
                m_canvas->scrollToTop();
            else
                m_canvas->scrollToBottom();
        }
    });
    connect(m_canvas, &PageCanvas::viewportResized, this, &PageView::applyFit);
    connect(m_thumbnails->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    setCurrentPage(current.row());
            });
    updateControls();
}

PageView::~PageView() = default;

void PageView::setDocument(const Document &document)
{
    if (document.id == m_document.id && document.storedPath == m_document.storedPath &&
        m_renderer->isOpen())
        return;
    m_document = document;
    m_boxes.clear();
    m_page = 0;
    m_pendingSelection.clear();
    m_regionReader->cancel();
    m_canvas->setPendingRegion({});
    showHint({});
    const int turned = m_rotations.value(rotationKey());
    m_canvas->setRotation(turned);
    m_thumbnailModel->setRotation(turned);
    m_canvas->setBoxes({});
    m_canvas->setSelectedField({});
    m_canvas->setImage({});
    m_thumbnailModel->reset(0);
    m_canvas->setPageSize({});
    m_canvas->setPlaceholderText(tr("Loading %1…").arg(document.fileName));
    m_renderer->setSource(document.storedPath);
    updateControls();
}

void PageView::clear()
{
    m_document = Document();
    m_boxes.clear();
    m_page = 0;
    m_regionReader->cancel();
    m_canvas->setPendingRegion({});
    showHint({});
    m_renderer->clear();
    m_thumbnailModel->reset(0);
    m_thumbnails->setVisible(false);
    m_canvas->setBoxes({});
    m_canvas->setImage({});
    m_canvas->setPageSize({});
    m_canvas->setPlaceholderText(
        tr("Select a document in the queue.\n\nTo import, drop PDFs, scans or folders on "
           "this window, or use File ▸ Import."));
    updateControls();
}

void PageView::setFieldBoxes(const FieldBoxes &boxes)
{
    m_boxes = boxes;
    updateBoxes();
}

void PageView::updateBoxes()
{
    FieldBoxes onPage;
    for (const FieldBox &box : std::as_const(m_boxes))
        if (box.page == m_page + 1)
            onPage.append(box);
    m_canvas->setBoxes(onPage);
}

void PageView::selectField(const QString &name)
{
    m_canvas->setSelectedField(name);
    if (!m_renderer->isOpen()) {
        m_pendingSelection = name;
        return;
    }
    for (const FieldBox &box : std::as_const(m_boxes)) {
        if (box.name == name && box.page > 0 && !box.bbox.isNull()) {
            setCurrentPage(box.page - 1);
            // Zoom out when the box does not fit, in when its text is too small to read.
            const double comfortable = m_canvas->comfortableZoom(box.bbox);
            if (qAbs(comfortable - m_canvas->zoom()) > 0.005)
                setZoom(comfortable);
            m_canvas->ensureFieldVisible(name);
            return;
        }
    }
}

QString PageView::selectedField() const
{
    return m_canvas->selectedField();
}

int PageView::pageCount() const
{
    return m_renderer->pageCount();
}

QSizeF PageView::pageSizeAt(int page) const
{
    // The stored sizes are those the pipeline measured boxes against; prefer them.
    if (page < m_document.pageSizes.size() && !m_document.pageSizes.at(page).isEmpty())
        return m_document.pageSizes.at(page);
    const auto sizes = m_renderer->pageSizes();
    return page < sizes.size() ? sizes.at(page) : QSizeF();
}

void PageView::onSourceOpened(int pageCount)
{
    m_thumbnailModel->setDevicePixelRatio(devicePixelRatioF());
    m_thumbnailModel->reset(pageCount);
    m_thumbnails->setVisible(pageCount > 1);
    m_page = -1;
    showPage(0);
    if (!m_pendingSelection.isEmpty()) {
        const QString name = m_pendingSelection;
        m_pendingSelection.clear();
        selectField(name);
    }
}

void PageView::onSourceFailed(const QString &message)
{
    m_canvas->setPageSize({});
    m_canvas->setPlaceholderText(
        tr("%1 cannot be displayed.\n%2").arg(m_document.fileName, message));
    updateControls();
}

void PageView::setCurrentPage(int page)
{
    if (!m_renderer->isOpen())
        return;
    page = qBound(0, page, pageCount() - 1);
    if (page != m_page)
        showPage(page);
}

void PageView::showPage(int page)
{
    m_page = page;
    m_canvas->setPageSize(pageSizeAt(page));
    applyFit();
    m_canvas->setImage({});
    updateBoxes();
    updateImage();
    updateControls();
    const QModelIndex thumb = m_thumbnailModel->index(page);
    if (m_thumbnails->currentIndex() != thumb)
        m_thumbnails->setCurrentIndex(thumb);
    Q_EMIT currentPageChanged(page);
}

void PageView::updateImage()
{
    if (!m_renderer->isOpen() || m_page < 0)
        return;
    const int width = m_canvas->targetImageWidth();
    QImage image = m_renderer->cached(m_page, width);
    if (image.isNull()) {
        m_renderer->request(m_page, width);
        const QImage placeholder = m_renderer->bestCached(m_page);
        if (!placeholder.isNull())
            m_canvas->setImage(placeholder);
        return;
    }
    m_canvas->setImage(image);
    // Read ahead: the next page at the same zoom, once this one is shown.
    if (m_page + 1 < pageCount())
        m_renderer->request(m_page + 1, width);
}

void PageView::onPageRendered(int page, int width)
{
    if (page == m_page && width == m_canvas->targetImageWidth()) {
        updateImage();
        Q_EMIT pageRendered(page);
    }
}

QImage PageView::renderedImage() const
{
    if (!m_renderer->isOpen())
        return {};
    return m_renderer->cached(m_page, m_canvas->targetImageWidth());
}

double PageView::zoom() const
{
    return m_canvas->zoom();
}

void PageView::setZoom(double zoom)
{
    m_fit = FitMode::None;
    m_canvas->setZoom(zoom);
    m_renderTimer->start();
    updateControls();
}

void PageView::stepZoom(int steps)
{
    const double current = m_canvas->zoom();
    double next = current;
    if (steps > 0) {
        for (double z : kZoomSteps)
            if (z > current + 0.001) {
                next = z;
                break;
            }
    } else {
        for (auto it = kZoomSteps.rbegin(); it != kZoomSteps.rend(); ++it)
            if (*it < current - 0.001) {
                next = *it;
                break;
            }
    }
    setZoom(next);
}

void PageView::zoomIn()
{
    stepZoom(1);
}

void PageView::zoomOut()
{
    stepZoom(-1);
}

void PageView::fitWidth()
{
    m_fit = FitMode::Width;
    applyFit();
}

void PageView::fitPage()
{
    m_fit = FitMode::Page;
    applyFit();
}

void PageView::applyFit()
{
    if (m_fit == FitMode::Width)
        m_canvas->setZoom(m_canvas->fitWidthZoom());
    else if (m_fit == FitMode::Page)
        m_canvas->setZoom(m_canvas->fitPageZoom());
    m_renderTimer->start();
    updateControls();
}

void PageView::nextPage()
{
    setCurrentPage(m_page + 1);
}

void PageView::previousPage()
{
    setCurrentPage(m_page - 1);
}

void PageView::updateControls()
{
    const bool open = m_renderer->isOpen();
    const int count = open ? pageCount() : 0;
    {
        const QSignalBlocker blocker(m_pageSpin);
        m_pageSpin->setRange(1, qMax(1, count));
        m_pageSpin->setValue(m_page + 1);
    }
    m_pageSpin->setEnabled(count > 1);
    m_pageCountLabel->setText(open ? tr("of %1").arg(count) : QString());
    m_previousPage->setEnabled(open && m_page > 0);
    m_nextPage->setEnabled(open && m_page + 1 < count);
    m_zoomIn->setEnabled(open);
    m_zoomOut->setEnabled(open);
    m_fitWidth->setEnabled(open);
    m_fitPage->setEnabled(open);
    m_rotateLeft->setEnabled(open);
    m_rotateRight->setEnabled(open);
    m_readRegion->setEnabled(open);
    m_fitWidth->setChecked(m_fit == FitMode::Width);
    m_fitPage->setChecked(m_fit == FitMode::Page);
    m_zoomButton->setText(tr("%1 %").arg(qRound(m_canvas->zoom() * 100)));
    m_zoomButton->setEnabled(open);
}

QString PageView::rotationKey() const
{
    return m_document.id ? QString::number(m_document.id) : m_document.storedPath;
}

int PageView::rotation() const
{
    return m_canvas->rotation();
}

void PageView::setRotation(int degrees)
{
    degrees = ((degrees / 90) % 4 + 4) % 4 * 90;
    if (!m_document.storedPath.isEmpty()) {
        if (degrees)
            m_rotations.insert(rotationKey(), degrees);
        else
            m_rotations.remove(rotationKey());
    }
    if (degrees == m_canvas->rotation())
        return;
    m_canvas->setRotation(degrees);
    m_thumbnailModel->setRotation(degrees);
    applyFit();
    if (!m_canvas->selectedField().isEmpty())
        m_canvas->ensureFieldVisible(m_canvas->selectedField());
}

void PageView::rotateLeft()
{
    setRotation(rotation() + 270);
}

void PageView::rotateRight()
{
    setRotation(rotation() + 90);
}

void PageView::setOcrOptions(const OcrOptions &options)
{
    m_regionReader->setOcrOptions(options);
}

bool PageView::isReadingRegion() const
{
    return m_regionReader->isBusy();
}

QString PageView::hintText() const
{
    return m_hint->isVisible() ? m_hint->text() : QString();
}

void PageView::showHint(const QString &text, int timeoutMs)
{
    m_hint->setText(text);
    m_hint->setVisible(!text.isEmpty());
    if (!text.isEmpty() && timeoutMs > 0)
        m_hintTimer->start(timeoutMs);
    else
        m_hintTimer->stop();
}

void PageView::readRegion(const QRectF &rect)
{
    if (!m_renderer->isOpen() || m_document.storedPath.isEmpty())
        return;
    const QString field = m_canvas->selectedField();
    if (field.isEmpty()) {
        showHint(tr("Select a field first, then draw a rectangle around its value on the page "
                    "to read it from there."));
        return;
    }
    m_canvas->setPendingRegion(rect);
    showHint(tr("Reading the region for the selected field…"), 0);
    m_regionReader->start(m_document, m_page + 1, rect, m_canvas->rotation(), field);
}

void PageView::onRegionRead(const QString &name, const docket::Field &field)
{
    m_canvas->setPendingRegion({});
    showHint(tr("Read “%1” from the region.").arg(field.raw), 3000);
    // Show the new box at once; the field panel may send the boxes again.
    bool found = false;
    for (FieldBox &box : m_boxes) {
        if (box.name == name) {
            box.page = field.page;
            box.bbox = field.bbox;
            box.confidence = field.confidence;
            found = true;
        }
    }
    if (!found)
        m_boxes.append({name, name, field.page, field.bbox, field.confidence});
    updateBoxes();
    Q_EMIT fieldRegionRead(name, field);
}

void PageView::onRegionFailed(const QString &name, const QString &message)
{
    Q_UNUSED(name);
    m_canvas->setPendingRegion({});
    showHint(message);
    Q_EMIT regionReadFailed(message);
}

} // namespace docket
