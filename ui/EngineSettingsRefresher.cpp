#include "EngineSettingsRefresher.h"

#include "llm/KeyStore.h"
#include "llm/LlmSettings.h"
#include "llm/MemoryKeyStore.h"
#include "pipeline/ProcessingService.h"
#include "storage/SharedSettings.h"

#include <QPointer>
#include <QSettings>

namespace docket {

EngineSettingsRefresher::EngineSettingsRefresher(ProcessingService *service,
                                                 std::shared_ptr<KeyStore> keys,
                                                 DatabaseGetter database, QObject *parent)
    : QObject(parent), m_service(service), m_keys(std::move(keys)), m_database(std::move(database))
{}

void EngineSettingsRefresher::refresh()
{
    if (m_pending > 0) {
        m_again = true;
        return;
    }
    m_secrets.clear();
    if (!m_keys) {
        keysRead();
        return;
    }
    m_pending = 1;
    QPointer<EngineSettingsRefresher> self(this);
    m_keys->readKeys({QStringLiteral("openai"), QStringLiteral("kimi")},
                     [self](QHash<QString, QString> found) {
                         if (!self)
                             return;
                         self->m_secrets = std::move(found);
                         self->m_pending = 0;
                         self->keysRead();
                     });
}

void EngineSettingsRefresher::keysRead()
{
    MemoryKeyStore keys;
    for (auto it = m_secrets.cbegin(); it != m_secrets.cend(); ++it)
        keys.writeKeyBlocking(it.key(), it.value());
    m_secrets.clear();
    const QSettings settings;
    QHash<QString, QString> shared;
    if (Database *db = m_database ? m_database() : nullptr) {
        auto values = SharedSettings(*db).values();
        if (values.ok())
            shared = values.value();
    }
    auto llm = std::make_shared<const LlmSettings>(LlmSettings::load(settings, &keys, shared));
    const QString engine = LlmSettings::engineSetting(settings);
    if (m_service)
        m_service->setEngineSettings(engine, LlmSettings::fromSettings(settings).offlineFallback,
                                     std::move(llm));
    Q_EMIT applied(engine);
    if (m_again) {
        m_again = false;
        refresh();
    }
}

} // namespace docket
