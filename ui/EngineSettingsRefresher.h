#pragma once

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

namespace docket {

class Database;
class KeyStore;
class ProcessingService;

// Hands the engines' settings to the processing service again when the user changed them
// (Settings > Engines, a key stored or removed): reads the providers' keys from the key
// store without blocking, takes the database's shared values (budgets, models) and gives the
// service the engine, the offline-fallback choice and the providers. Documents started from
// then on use them; documents in work finish as they started.
class EngineSettingsRefresher : public QObject
{
    Q_OBJECT
public:
    // The database whose shared values (budgets, models) count; it may return null.
    using DatabaseGetter = std::function<Database *()>;

    // keys may be null (then only the settings file and the environment count).
    EngineSettingsRefresher(ProcessingService *service, std::shared_ptr<KeyStore> keys,
                            DatabaseGetter database = {}, QObject *parent = nullptr);

    // Starts a refresh; one asked for while another runs follows it.
    void refresh();

Q_SIGNALS:
    void applied(const QString &engine);

private:
    void keysRead();

    ProcessingService *m_service;
    std::shared_ptr<KeyStore> m_keys;
    DatabaseGetter m_database;
    QHash<QString, QString> m_secrets; // provider -> key; never shown or logged
    int m_pending = 0;
    bool m_again = false;
};

} // namespace docket
