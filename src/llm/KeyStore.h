#pragma once

#include "core/Result.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>

namespace docket {

// Where API keys live: the OS keychain in the application (KeychainKeyStore), memory in
// tests (MemoryKeyStore); never the settings file or the database. Keys are named by
// provider ("openai", "kimi"). The asynchronous calls answer in the caller's thread; the
// blocking helpers run a local event loop and are for worker threads and the CLI only.
// Error codes: "key_not_found", "keychain_unavailable", "keychain_error".
class KeyStore
{
public:
    using ReadCallback = std::function<void(Result<QString>)>;
    using WriteCallback = std::function<void(Status)>;

    virtual ~KeyStore() = default;
    virtual void readKey(const QString &provider, ReadCallback done) = 0;
    virtual void writeKey(const QString &provider, const QString &key, WriteCallback done) = 0;
    virtual void removeKey(const QString &provider, WriteCallback done) = 0;

    // Reads several entries; done(found) runs once, in the caller's thread, with the entries
    // that hold a key (a missing entry is left out, another failure is logged and left out).
    void readKeys(const QStringList &entries, std::function<void(QHash<QString, QString>)> done);

    Result<QString> readKeyBlocking(const QString &provider);
    Status writeKeyBlocking(const QString &provider, const QString &key);
    Status removeKeyBlocking(const QString &provider);
};

} // namespace docket
