#include "Redactor.h"

#include <QMutex>
#include <QRegularExpression>
#include <QSet>

namespace docket {

namespace {

struct Secrets
{
    QMutex mutex;
    QSet<QString> values;
};

Secrets &secrets()
{
    static Secrets s;
    return s;
}

} // namespace

void Redactor::addSecret(const QString &secret)
{
    const QString s = secret.trimmed();
    if (s.size() < 6)
        return;
    QMutexLocker lock(&secrets().mutex);
    secrets().values.insert(s);
}

QString Redactor::redact(const QString &text)
{
    QString out = text;
    {
        QMutexLocker lock(&secrets().mutex);
        for (const QString &s : std::as_const(secrets().values))
            out.replace(s, placeholder());
    }
    // Bearer tokens, OpenAI-style keys (also partly masked echoes in error messages), and
    // generic "api_key=…" pairs.
    static const QRegularExpression bearer(QStringLiteral("(Bearer\\s+)[^\\s\"',]+"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression skKey(QStringLiteral("\\bsk-[A-Za-z0-9_\\-\\*\\.]{4,}"));
    static const QRegularExpression pair(
        QStringLiteral("((?:api[_-]?key|authorization|password|secret)[\"']?\\s*[:=]\\s*[\"']?)"
                       "[^\\s\"',}]+"),
        QRegularExpression::CaseInsensitiveOption);
    out.replace(bearer, QStringLiteral("\\1") + placeholder());
    out.replace(skKey, placeholder());
    out.replace(pair, QStringLiteral("\\1") + placeholder());
    return out;
}

} // namespace docket
