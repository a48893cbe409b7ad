#include "KeyStore.h"

#include "LlmLog.h"

#include <QEventLoop>

#include <optional>

namespace docket {

void KeyStore::readKeys(const QStringList &entries,
                        std::function<void(QHash<QString, QString>)> done)
{
    if (entries.isEmpty()) {
        done({});
        return;
    }
    struct Pending
    {
        QHash<QString, QString> found;
        qsizetype left = 0;
        std::function<void(QHash<QString, QString>)> done;
    };
    auto pending = std::make_shared<Pending>();
    pending->left = entries.size();
    pending->done = std::move(done);
    for (const QString &entry : entries) {
        readKey(entry, [pending, entry](Result<QString> value) {
            if (value.ok())
                pending->found.insert(entry, value.value());
            else if (value.error().code != QLatin1String("key_not_found"))
                qCInfo(lcLlm).noquote()
                    << entry << "not read from the keychain:" << value.error().message;
            if (--pending->left == 0)
                pending->done(std::move(pending->found));
        });
    }
}

Result<QString> KeyStore::readKeyBlocking(const QString &provider)
{
    std::optional<Result<QString>> out;
    QEventLoop loop;
    readKey(provider, [&out, &loop](Result<QString> r) {
        out.emplace(std::move(r));
        loop.quit();
    });
    if (!out)
        loop.exec();
    return *out;
}

Status KeyStore::writeKeyBlocking(const QString &provider, const QString &key)
{
    std::optional<Status> out;
    QEventLoop loop;
    writeKey(provider, key, [&out, &loop](Status s) {
        out.emplace(std::move(s));
        loop.quit();
    });
    if (!out)
        loop.exec();
    return *out;
}

Status KeyStore::removeKeyBlocking(const QString &provider)
{
    std::optional<Status> out;
    QEventLoop loop;
    removeKey(provider, [&out, &loop](Status s) {
        out.emplace(std::move(s));
        loop.quit();
    });
    if (!out)
        loop.exec();
    return *out;
}

} // namespace docket
