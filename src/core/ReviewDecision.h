#pragma once

#include <QString>
#include <QStringList>

namespace docket {

enum class Priority
{
    Low,
    Normal,
    High,
    Urgent
};
QString priorityName(Priority priority); // "low", "normal", "high", "urgent"
Priority priorityFromName(const QString &name);

// The review coordinator's verdict: whether a person must look, and why.
struct ReviewDecision
{
    bool required = true;
    Priority priority = Priority::Normal;
    QStringList reasons; // machine codes: "validation_error", "low_confidence:total_amount" ...
};

} // namespace docket
