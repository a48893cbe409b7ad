#pragma once

#include <QHash>
#include <QObject>

#include <memory>

namespace docket {

class KeyStore;
class ProcessingService;

// Hands the engines' settings to the processing service again when the user changed them
// (Settings > Engines, a key stored or removed): reads the providers' keys from the key
// store and the database's shared budgets (SettingsSharedStore, in a worker thread), then
// gives the service the engine, the offline-fallback choice and the providers. Nothing of it
// blocks the GUI thread. Documents started from then on use them; documents in work finish
// as they started.
class EngineSettingsRefresher : public QObject
{
    Q_OBJECT
public:
    // keys may be null (then only the settings file and the environment count); databaseUrl
    // may be empty (no shared budgets).
    EngineSettingsRefresher(ProcessingService *service, std::shared_ptr<KeyStore> keys,
                            const QString &databaseUrl = {}, QObject *parent = nullptr);

    // Starts a refresh; one asked for while another runs follows it.
    void refresh();

Q_SIGNALS:
    void applied(const QString &engine);

private:
    void readShared(const QHash<QString, QString> &secrets);
    void apply(const QHash<QString, QString> &secrets, const QHash<QString, QString> &shared);

    ProcessingService *m_service;
    std::shared_ptr<KeyStore> m_keys;
    QString m_databaseUrl;
    bool m_running = false;
    bool m_again = false;
};

} // namespace docket
