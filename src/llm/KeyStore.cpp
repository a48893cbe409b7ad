#include "KeyStore.h"

#include <QEventLoop>

#include <optional>

namespace docket {

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
