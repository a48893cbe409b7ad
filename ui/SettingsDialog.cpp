#include "SettingsDialog.h"

namespace docket {

SettingsDialog::SettingsDialog(const QString &databaseUrl, QWidget *parent)
    : QDialog(parent), m_databaseUrl(databaseUrl)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
}

SettingsDialog::~SettingsDialog() = default;

} // namespace docket
