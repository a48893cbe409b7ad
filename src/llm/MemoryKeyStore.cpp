#include "MemoryKeyStore.h"

#include "Redactor.h"

#include <QCoreApplication>

namespace docket {

void MemoryKeyStore::readKey(const QString &provider, ReadCallback done)
{
    QString key;
    bool found = false;
    {
        QMutexLocker lock(&m_mutex);
        found = m_keys.contains(provider);
        key = m_keys.value(provider);
    }
    if (!found) {
        done(Error{
            QStringLiteral("key_not_found"),
            QCoreApplication::translate("KeyStore", "No API key is stored for %1.").arg(provider)});
        return;
    }
    done(key);
}

void MemoryKeyStore::writeKey(const QString &provider, const QString &key, WriteCallback done)
{
    Redactor::addSecret(key);
    {
        QMutexLocker lock(&m_mutex);
        m_keys.insert(provider, key);
    }
    done(Status());
}

void MemoryKeyStore::removeKey(const QString &provider, WriteCallback done)
{
    {
        QMutexLocker lock(&m_mutex);
        m_keys.remove(provider);
    }
    done(Status());
}

} // namespace docket
