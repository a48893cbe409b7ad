#pragma once

#include "core/Field.h"
#include "ingest/IngestLimits.h"
#include "pipeline/RegionReader.h"
#include "vision/OcrOptions.h"

#include <QObject>
#include <QThreadPool>

namespace docket {

struct Document;

// Runs RegionReader off the GUI thread, one region at a time on its own thread (which keeps
// its Tesseract engine between reads), and reports on the GUI thread. A newer request or
// cancel() makes the result of an older one be dropped.
class RegionReadRunner : public QObject
{
    Q_OBJECT
public:
    explicit RegionReadRunner(QObject *parent = nullptr);
    ~RegionReadRunner() override;

    void setOcrOptions(const OcrOptions &options) { m_ocr = options; }
    void setLimits(const IngestLimits &limits) { m_limits = limits; }

    void start(const RegionRequest &request);
    // Reads field from rect (page points) of page (1-based) of document's stored original,
    // normalised by the field's kind in the document type's schema.
    void start(const Document &document, int page, const QRectF &rect, int rotation,
               const QString &field);
    void cancel()
    {
        ++m_generation;
        m_busy = false;
    }
    bool isBusy() const { return m_busy; } // the latest request has not reported yet

Q_SIGNALS:
    void finished(const QString &name, const docket::Field &field);
    void failed(const QString &name, const QString &message);

private:
    QThreadPool m_pool;
    OcrOptions m_ocr;
    IngestLimits m_limits;
    quint64 m_generation = 0;
    bool m_busy = false;
};

} // namespace docket
