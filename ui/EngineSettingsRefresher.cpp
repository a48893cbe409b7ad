#include "EngineSettingsRefresher.h"

#include "SettingsSharedStore.h"
#include "llm/KeyStore.h"
#include "llm/LlmSettings.h"
#include "llm/MemoryKeyStore.h"
#include "pipeline/ProcessingService.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QSettings>
#include <QtConcurrent>

namespace docket {

EngineSettingsRefresher::EngineSettingsRefresher(ProcessingService *service,
                                                 std::shared_ptr<KeyStore> keys,
                                                 const QString &databaseUrl, QObject *parent)
    : QObject(parent), m_service(service), m_keys(std::move(keys)), m_databaseUrl(databaseUrl)
{}

void EngineSettingsRefresher::refresh()
{
    if (m_running) {
        m_again = true;
        return;
    }
    m_running = true;
    if (!m_keys) {
        readShared({});
        return;
    }
    QPointer<EngineSettingsRefresher> self(this);
    m_keys->readKeys({QStringLiteral("openai"), QStringLiteral("kimi")},
                     [self](const QHash<QString, QString> &found) {
                         if (self)
                             self->readShared(found);
                     });
}

void EngineSettingsRefresher::readShared(const QHash<QString, QString> &secrets)
{
    if (m_databaseUrl.isEmpty()) {
        apply(secrets, {});
        return;
    }
    using Shared = QHash<QString, QString>;
    auto *watcher = new QFutureWatcher<Shared>(this);
    connect(watcher, &QFutureWatcher<Shared>::finished, this, [this, watcher, secrets] {
        watcher->deleteLater();
        apply(secrets, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([url = m_databaseUrl] {
        const auto state = SettingsSharedStore::load(url, {});
        return state.ok() ? state.value().budgets : Shared();
    }));
}

void EngineSettingsRefresher::apply(const QHash<QString, QString> &secrets,
                                    const QHash<QString, QString> &shared)
{
    MemoryKeyStore keys;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
        keys.writeKeyBlocking(it.key(), it.value());
    const QSettings settings;
    auto llm = std::make_shared<const LlmSettings>(LlmSettings::load(settings, &keys, shared));
    const QString engine = LlmSettings::engineSetting(settings);
    if (m_service)
        m_service->setEngineSettings(engine, LlmSettings::fromSettings(settings).offlineFallback,
                                     std::move(llm));
    m_running = false;
    Q_EMIT applied(engine);
    if (m_again) {
        m_again = false;
        refresh();
    }
}

} // namespace docket
