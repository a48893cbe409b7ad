#pragma once

#include "KeyStore.h"

#include <QHash>
#include <QMutex>

namespace docket {

// Keys in memory (tests, sessions without a keychain). Answers immediately. Thread-safe.
class MemoryKeyStore : public KeyStore
{
public:
    void readKey(const QString &provider, ReadCallback done) override;
    void writeKey(const QString &provider, const QString &key, WriteCallback done) override;
    void removeKey(const QString &provider, WriteCallback done) override;

private:
    QMutex m_mutex;
    QHash<QString, QString> m_keys;
};

} // namespace docket
