#pragma once

#include "KeyStore.h"

namespace docket {

// Keys in the OS keychain through QtKeychain (service "Docket", one entry per provider).
// Without a secret service the answers are "keychain_unavailable". The callbacks run in the
// calling thread, which needs an event loop (the GUI thread, or readKeyBlocking elsewhere).
class KeychainKeyStore : public KeyStore
{
public:
    explicit KeychainKeyStore(QString service = QStringLiteral("Docket"));

    void readKey(const QString &provider, ReadCallback done) override;
    void writeKey(const QString &provider, const QString &key, WriteCallback done) override;
    void removeKey(const QString &provider, WriteCallback done) override;

private:
    QString m_service;
};

} // namespace docket
