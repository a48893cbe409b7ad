#pragma once

#include "FieldBox.h"
#include "core/Document.h"
#include "core/Field.h"
#include "vision/OcrOptions.h"

#include <QHash>
#include <QImage>
#include <QWidget>

class QAction;
class QLabel;
class QListView;
class QSpinBox;
class QTimer;
class QToolButton;

namespace docket {

class PageCanvas;
class PageRenderer;
class RegionReadRunner;
class ThumbnailModel;

// The middle of the workstation (objectName "pageView"): the pages of the selected
// document's stored original with the extracted fields' boxes, a page toolbar and a
// thumbnails strip. Pages render in the background and are cached.
class PageView : public QWidget
{
    Q_OBJECT
public:
    enum class FitMode
    {
        None,
        Width,
        Page
    };

    explicit PageView(QWidget *parent = nullptr);
    ~PageView() override;

    void setDocument(const Document &document);
    void clear();
    qint64 documentId() const { return m_document.id; }

    void setFieldBoxes(const FieldBoxes &boxes);
    // Shows the page of name's box, emphasises the box and scrolls it into view.
    void selectField(const QString &name);
    QString selectedField() const;

    int pageCount() const;
    int currentPage() const { return m_page; } // 0-based
    void setCurrentPage(int page);
    double zoom() const;
    void setZoom(double zoom);
    FitMode fitMode() const { return m_fit; }

    // The shown page's image when it is rendered sharp at the current zoom; null while
    // rendering, before a document is open, or when it cannot be displayed.
    QImage renderedImage() const;
    // Degrees clockwise the shown document's pages are turned (0, 90, 180, 270); remembered
    // per document while the app runs.
    int rotation() const;
    void setRotation(int degrees);
    // OCR options for reading regions of scans (languages); PipelineConfig's by default.
    void setOcrOptions(const OcrOptions &options);
    // A region drawn by the reviewer is being read.
    bool isReadingRegion() const;
    // The short hint under the toolbar ("Select a field first…"); empty when none.
    QString hintText() const;
    bool isPageRendered() const { return !renderedImage().isNull(); }
    PageCanvas *canvas() const { return m_canvas; }

    QAction *zoomInAction() const { return m_zoomIn; }
    QAction *zoomOutAction() const { return m_zoomOut; }
    QAction *fitWidthAction() const { return m_fitWidth; }
    QAction *fitPageAction() const { return m_fitPage; }
    QAction *nextPageAction() const { return m_nextPage; }
    QAction *previousPageAction() const { return m_previousPage; }
    QAction *rotateLeftAction() const { return m_rotateLeft; }
    QAction *rotateRightAction() const { return m_rotateRight; }
    QAction *readRegionAction() const { return m_readRegion; }

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void fitWidth();
    void fitPage();
    void nextPage();
    void previousPage();
    void rotateLeft();
    void rotateRight();
    // Reads the selected field from rect (page points, unrotated) of the current page, as if
    // the reviewer had drawn it; fieldRegionRead or regionReadFailed follows.
    void readRegion(const QRectF &rect);

Q_SIGNALS:
    void fieldClicked(const QString &name);
    void currentPageChanged(int page);
    void pageRendered(int page);
    // The reviewer drew a rectangle on the page while a field was selected: the value read
    // from that region (text layer words inside it, or OCR of the region), with page, box,
    // raw text, confidence and source "reviewer". Arrives asynchronously.
    void fieldRegionRead(const QString &name, const docket::Field &field);
    void regionReadFailed(const QString &message);

private:
    void createActions();
    QWidget *createToolBar();
    void onSourceOpened(int pageCount);
    void onSourceFailed(const QString &message);
    void onPageRendered(int page, int width);
    void showPage(int page);
    void updateImage();
    void applyFit();
    void stepZoom(int steps);
    void updateControls();
    QSizeF pageSizeAt(int page) const;
    void updateBoxes();
    void onRegionRead(const QString &name, const docket::Field &field);
    void onRegionFailed(const QString &name, const QString &message);
    void showHint(const QString &text, int timeoutMs = 6000);
    QString rotationKey() const;

    Document m_document;
    FieldBoxes m_boxes;
    int m_page = 0;
    FitMode m_fit = FitMode::Width;
    QString m_pendingSelection;

    PageRenderer *m_renderer = nullptr;
    ThumbnailModel *m_thumbnailModel = nullptr;
    PageCanvas *m_canvas = nullptr;
    QListView *m_thumbnails = nullptr;
    QSpinBox *m_pageSpin = nullptr;
    QLabel *m_pageCountLabel = nullptr;
    QToolButton *m_zoomButton = nullptr;
    QTimer *m_renderTimer = nullptr;
    QLabel *m_hint = nullptr;
    QTimer *m_hintTimer = nullptr;
    RegionReadRunner *m_regionReader = nullptr;
    QHash<QString, int> m_rotations; // per document, while the app runs

    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_fitWidth = nullptr;
    QAction *m_fitPage = nullptr;
    QAction *m_nextPage = nullptr;
    QAction *m_previousPage = nullptr;
    QAction *m_rotateLeft = nullptr;
    QAction *m_rotateRight = nullptr;
    QAction *m_readRegion = nullptr;
};

} // namespace docket
