#include "KeychainKeyStore.h"

#include "LlmLog.h"
#include "Redactor.h"

#include <QCoreApplication>
#include <qt6keychain/keychain.h>

namespace docket {

namespace {

QString entryName(const QString &provider)
{
    return QStringLiteral("api-key/") + provider;
}

Error keychainError(QKeychain::Error error, const QString &detail, const QString &provider)
{
    switch (error) {
    case QKeychain::EntryNotFound:
        return Error{
            QStringLiteral("key_not_found"),
            QCoreApplication::translate("KeyStore", "No API key is stored for %1.").arg(provider)};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return Error{QStringLiteral("keychain_unavailable"),
                     QCoreApplication::translate(
                         "KeyStore", "No keychain is available to store the API key (%1).")
                         .arg(redacted(detail))};
    default:
        // No session bus (a headless session): as good as no keychain.
        if (detail.contains(QLatin1String("D-Bus"), Qt::CaseInsensitive) ||
            detail.contains(QLatin1String("DBus"), Qt::CaseInsensitive))
            return Error{QStringLiteral("keychain_unavailable"),
                         QCoreApplication::translate(
                             "KeyStore", "No keychain is available to store the API key (%1).")
                             .arg(redacted(detail))};
        return Error{QStringLiteral("keychain_error"),
                     QCoreApplication::translate("KeyStore", "The keychain refused: %1")
                         .arg(redacted(detail))};
    }
}

} // namespace

KeychainKeyStore::KeychainKeyStore(QString service) : m_service(std::move(service)) {}

void KeychainKeyStore::readKey(const QString &provider, ReadCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(entryName(provider));
    QObject::connect(job, &QKeychain::Job::finished, job, [provider, done](QKeychain::Job *j) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(j);
        if (read->error() != QKeychain::NoError) {
            qCDebug(lcLlm).noquote() << "keychain read" << provider << "failed:" << read->error();
            done(keychainError(read->error(), read->errorString(), provider));
            return;
        }
        const QString key = read->textData();
        Redactor::addSecret(key);
        done(key);
    });
    job->start();
}

void KeychainKeyStore::writeKey(const QString &provider, const QString &key, WriteCallback done)
{
    Redactor::addSecret(key);
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(entryName(provider));
    job->setTextData(key);
    QObject::connect(job, &QKeychain::Job::finished, job, [provider, done](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError)
            done(keychainError(j->error(), j->errorString(), provider));
        else
            done(Status());
    });
    job->start();
}

void KeychainKeyStore::removeKey(const QString &provider, WriteCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(entryName(provider));
    QObject::connect(job, &QKeychain::Job::finished, job, [provider, done](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError && j->error() != QKeychain::EntryNotFound)
            done(keychainError(j->error(), j->errorString(), provider));
        else
            done(Status());
    });
    job->start();
}

} // namespace docket
