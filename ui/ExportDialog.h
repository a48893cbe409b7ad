#pragma once

#include <QDialog>

namespace docket {

// File > Export: approved documents (fields and line items) to CSV or JSON, with the
// choices of `docket export` (format, destination, date range, type). Runs the export off
// the GUI thread and reports how many documents were written.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ExportDialog(const QString &databaseUrl, QWidget *parent = nullptr);
    ~ExportDialog() override;

private:
    QString m_databaseUrl;
};

} // namespace docket
