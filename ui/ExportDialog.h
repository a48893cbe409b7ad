#pragma once

#include "pipeline/Exporter.h"

#include <QDialog>
#include <QThreadPool>

#include <atomic>
#include <memory>

class QTimer;

namespace Ui {
class ExportDialog;
}

namespace docket {

class Banner;

// File > Export: approved documents (fields and line items) to CSV or JSON, with the
// choices of `docket export` (format, destination, date range, type). Runs the export off
// the GUI thread and reports how many documents were written.
//
// The files are those of `docket export --output FILE` (Exporter::write): JSON is one
// object per document with its fields and line items; CSV is one row per document in FILE
// and, with line items, one row per line item in FILE-line_items.csv (linked by sha256).
// Every query runs on a pool thread with its own database connection: the preview count
// after each change of the filters, and the export with progress and a Stop button.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ExportDialog(const QString &databaseUrl, QWidget *parent = nullptr);
    ~ExportDialog() override;

    // The dialog's current choices.
    ExportOptions options() const;
    Exporter::Format format() const;
    QString destination() const;
    void setDestination(const QString &path);

    // Documents the current choices export; -1 while counting or after an error.
    int previewCount() const { return m_previewCount; }
    bool isExporting() const { return m_running != nullptr; }
    // The files of the last successful export.
    QStringList writtenFiles() const { return m_written; }

    // Starts the export (the Export button does the same); false when one is running or
    // no destination is set.
    bool startExport();
    void cancelExport();

Q_SIGNALS:
    void previewUpdated(int count);
    // ok: every file was written; otherwise message says why (or that it was stopped).
    void exportFinished(bool ok, const QString &message);

public Q_SLOTS:
    // Closing stops a running export (nothing is written then).
    void reject() override;

private:
    struct Outcome;

    void fillChoices();
    void restoreSettings();
    void saveSettings() const;
    void updateState();
    void updateLayoutNote();
    void schedulePreview();
    void runPreview();
    void browse();
    void onFormatChanged();
    void onProgress(int done, int total);
    void onFinished(const Outcome &outcome);
    void openFolder() const;

    std::unique_ptr<Ui::ExportDialog> m_ui;
    Banner *m_banner = nullptr;
    QPushButton *m_exportButton = nullptr;
    QTimer *m_previewTimer = nullptr;
    QString m_databaseUrl;
    QThreadPool m_pool;
    int m_previewGeneration = 0;
    int m_previewCount = -1;
    std::shared_ptr<std::atomic_bool> m_running; // the running export's stop flag
    QStringList m_written;
};

} // namespace docket
