#include "ReviewDecision.h"

namespace docket {

QString priorityName(Priority priority)
{
    switch (priority) {
    case Priority::Low:
        return QStringLiteral("low");
    case Priority::Normal:
        return QStringLiteral("normal");
    case Priority::High:
        return QStringLiteral("high");
    case Priority::Urgent:
        return QStringLiteral("urgent");
    }
    return QStringLiteral("normal");
}

Priority priorityFromName(const QString &name)
{
    if (name == QLatin1String("low"))
        return Priority::Low;
    if (name == QLatin1String("high"))
        return Priority::High;
    if (name == QLatin1String("urgent"))
        return Priority::Urgent;
    return Priority::Normal;
}

} // namespace docket
