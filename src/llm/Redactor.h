#pragma once

#include <QString>

namespace docket {

// Removes secrets from text before it is logged or shown: every API key registered with
// addSecret() (process-wide, thread-safe) and anything shaped like a key or a bearer token
// ("sk-…", "Bearer …", a provider's partly masked echo "sk-ab***yz").
class Redactor
{
public:
    static void addSecret(const QString &secret); // ignored when shorter than 6 characters
    static QString redact(const QString &text);
    static QString placeholder() { return QStringLiteral("[redacted]"); }
};

// Shorthand for log statements: qCWarning(lcLlm) << redacted(message).
inline QString redacted(const QString &text)
{
    return Redactor::redact(text);
}

} // namespace docket
