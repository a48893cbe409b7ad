#include "ExportDialog.h"

namespace docket {

ExportDialog::ExportDialog(const QString &databaseUrl, QWidget *parent)
    : QDialog(parent), m_databaseUrl(databaseUrl)
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export"));
}

ExportDialog::~ExportDialog() = default;

} // namespace docket
