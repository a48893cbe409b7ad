#include "DocumentStatus.h"

#include <QCoreApplication>

namespace docket {

namespace {
struct StatusEntry
{
    DocumentStatus status;
    const char *name;
    const char *label;
};

constexpr StatusEntry kStatuses[] = {
    {DocumentStatus::Pending, "pending", QT_TRANSLATE_NOOP("Status", "Pending")},
    {DocumentStatus::Processing, "processing", QT_TRANSLATE_NOOP("Status", "Processing")},
    {DocumentStatus::AutoApproved, "auto_approved", QT_TRANSLATE_NOOP("Status", "Auto-approved")},
    {DocumentStatus::NeedsReview, "needs_review", QT_TRANSLATE_NOOP("Status", "Needs review")},
    {DocumentStatus::Approved, "approved", QT_TRANSLATE_NOOP("Status", "Approved")},
    {DocumentStatus::Rejected, "rejected", QT_TRANSLATE_NOOP("Status", "Rejected")},
    {DocumentStatus::Failed, "failed", QT_TRANSLATE_NOOP("Status", "Failed")},
};
} // namespace

QString statusName(DocumentStatus status)
{
    for (const auto &e : kStatuses)
        if (e.status == status)
            return QString::fromLatin1(e.name);
    return QStringLiteral("pending");
}

DocumentStatus statusFromName(const QString &name)
{
    for (const auto &e : kStatuses)
        if (name == QLatin1String(e.name))
            return e.status;
    return DocumentStatus::Pending;
}

QString statusLabel(DocumentStatus status)
{
    for (const auto &e : kStatuses)
        if (e.status == status)
            return QCoreApplication::translate("Status", e.label);
    return {};
}

} // namespace docket
