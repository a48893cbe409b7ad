#pragma once

#include <QString>

namespace docket {

enum class DocumentStatus
{
    Pending,
    Processing,
    AutoApproved,
    NeedsReview,
    Approved,
    Rejected,
    Failed
};

QString statusName(DocumentStatus status); // "pending", "processing", "auto_approved", ...
DocumentStatus statusFromName(const QString &name);
QString statusLabel(DocumentStatus status); // translated, for display

} // namespace docket
