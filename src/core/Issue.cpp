#include "Issue.h"

namespace docket {

QList<Issue> ValidationReport::errors() const
{
    QList<Issue> out;
    for (const Issue &i : issues)
        if (i.severity == Issue::Severity::Error)
            out.append(i);
    return out;
}

QList<Issue> ValidationReport::warnings() const
{
    QList<Issue> out;
    for (const Issue &i : issues)
        if (i.severity == Issue::Severity::Warning)
            out.append(i);
    return out;
}

bool ValidationReport::hasErrors() const
{
    for (const Issue &i : issues)
        if (i.severity == Issue::Severity::Error)
            return true;
    return false;
}

QList<Issue> ValidationReport::forField(const QString &field) const
{
    QList<Issue> out;
    for (const Issue &i : issues)
        if (i.field == field)
            out.append(i);
    return out;
}

} // namespace docket
