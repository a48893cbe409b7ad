#pragma once

#include <QList>
#include <QString>

namespace docket {

// A validation finding. Errors force review; warnings inform.
struct Issue
{
    enum class Severity
    {
        Error,
        Warning
    };
    Severity severity = Severity::Error;
    QString code;    // "sum_mismatch", "required_missing", "bad_date" ...
    QString field;   // canonical field name ("line_items[2].amount" for cells)
    QString message; // translated, for the reviewer
    QString source = QStringLiteral("rules"); // "rules" or the engine that added it
};

struct ValidationReport
{
    QList<Issue> issues;

    QList<Issue> errors() const;
    QList<Issue> warnings() const;
    bool hasErrors() const;
    QList<Issue> forField(const QString &field) const;
};

} // namespace docket
