#include "ReviewSettings.h"

#include <QSettings>

namespace docket {

namespace {
const QString kReviewerKey = QStringLiteral("review/reviewer");
const QString kTabKey = QStringLiteral("review/tabLowConfidenceOnly");
} // namespace

QString ReviewSettings::reviewerName()
{
    const QString stored = QSettings().value(kReviewerKey).toString().trimmed();
    if (!stored.isEmpty())
        return stored;
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    return user.isEmpty() ? QStringLiteral("reviewer") : user;
}

void ReviewSettings::setReviewerName(const QString &name)
{
    QSettings().setValue(kReviewerKey, name.trimmed());
}

bool ReviewSettings::tabLowConfidenceOnly()
{
    return QSettings().value(kTabKey, false).toBool();
}

void ReviewSettings::setTabLowConfidenceOnly(bool on)
{
    QSettings().setValue(kTabKey, on);
}

} // namespace docket
