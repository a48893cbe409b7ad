#include "SettingsStartup.h"

#include "llm/KeyStore.h"
#include "llm/LlmSettings.h"
#include "llm/MemoryKeyStore.h"
#include "storage/Database.h"
#include "storage/SharedSettings.h"

#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QtConcurrent>

namespace docket {

namespace {

Q_LOGGING_CATEGORY(lcStartup, "docket.ui.startup")

struct Opened
{
    Status status;
    QHash<QString, QString> shared;
};

Opened openAndRead(const QString &url)
{
    Opened out;
    auto db = Database::open(url);
    if (!db) {
        out.status = db.error();
        return out;
    }
    auto values = SharedSettings(*db.value()).values();
    if (values)
        out.shared = values.value();
    else
        qCWarning(lcStartup).noquote() << "shared settings not read:" << values.error().message;
    return out;
}

} // namespace

SettingsStartup::SettingsStartup(SettingsDatabaseProfile profile, std::shared_ptr<KeyStore> keys,
                                 const QString &overrideUrl, QObject *parent)
    : QObject(parent), m_profile(std::move(profile)), m_keys(std::move(keys)),
      m_overrideUrl(overrideUrl), m_onFailure(&SettingsStartup::askUser)
{}

SettingsStartup::~SettingsStartup() = default;

void SettingsStartup::start()
{
    QStringList entries{QStringLiteral("openai"), QStringLiteral("kimi")};
    if (needsPassword())
        entries.append(m_profile.keychainEntry());
    m_keysPending = m_keys != nullptr;
    if (!needsPassword())
        tryConnect(); // meanwhile the keychain answers
    if (!m_keys) {
        keysRead();
        return;
    }
    QPointer<SettingsStartup> self(this);
    m_keys->readKeys(entries, [self](QHash<QString, QString> found) {
        if (!self)
            return;
        self->m_secrets = std::move(found);
        self->m_keysPending = false;
        self->keysRead();
    });
}

void SettingsStartup::keysRead()
{
    if (needsPassword())
        tryConnect();
    else
        opened(m_openedUrl);
}

void SettingsStartup::opened(const QString &url)
{
    m_openedUrl = url;
    if (m_done || m_keysPending || m_openedUrl.isEmpty())
        return;
    m_done = true;
    Q_EMIT ready(m_openedUrl);
}

void SettingsStartup::tryConnect()
{
    const bool fromProfile = m_overrideUrl.isEmpty();
    const QString url =
        fromProfile ? m_profile.url(m_secrets.value(m_profile.keychainEntry())) : m_overrideUrl;
    const QString shown = fromProfile ? m_profile.displayUrl() : m_overrideUrl;
    auto *watcher = new QFutureWatcher<Opened>(this);
    connect(watcher, &QFutureWatcher<Opened>::finished, this, [this, watcher, url, shown] {
        watcher->deleteLater();
        const Opened result = watcher->result();
        if (result.status.ok()) {
            m_shared = result.shared;
            opened(url);
            return;
        }
        qCWarning(lcStartup).noquote() << "database not opened:" << result.status.error().message;
        // A local database that cannot be opened has no better fallback: the window says why.
        if (!m_profile.isPostgres() && m_overrideUrl.isEmpty()) {
            opened(url);
            return;
        }
        switch (m_onFailure(QUrl(shown).toString(QUrl::RemovePassword),
                            result.status.error().message)) {
        case Choice::UseLocal:
            m_profile = SettingsDatabaseProfile();
            m_overrideUrl.clear();
            tryConnect();
            break;
        case Choice::Retry:
            tryConnect();
            break;
        case Choice::Quit:
            Q_EMIT cancelled();
            break;
        }
    });
    watcher->setFuture(QtConcurrent::run([url] { return openAndRead(url); }));
}

std::shared_ptr<const LlmSettings> SettingsStartup::llmSettings() const
{
    MemoryKeyStore keys;
    for (const QString &provider : {QStringLiteral("openai"), QStringLiteral("kimi")})
        if (m_secrets.contains(provider))
            keys.writeKeyBlocking(provider, m_secrets.value(provider));
    return std::make_shared<const LlmSettings>(LlmSettings::load(QSettings(), &keys, m_shared));
}

SettingsStartup::Choice SettingsStartup::askUser(const QString &shownUrl, const QString &error)
{
    QMessageBox box(QMessageBox::Warning, tr("Database Unavailable"),
                    tr("Docket cannot open the database %1.").arg(shownUrl));
    box.setInformativeText(
        tr("%1\n\nYou can work on the local database of this computer for now (documents "
           "there are not shared), try again, or quit and check the settings.")
            .arg(error.simplified()));
    QPushButton *local = box.addButton(tr("Use Local Database"), QMessageBox::AcceptRole);
    QPushButton *retry = box.addButton(tr("Try Again"), QMessageBox::ActionRole);
    box.addButton(tr("Quit"), QMessageBox::RejectRole);
    box.setDefaultButton(local);
    box.exec();
    if (box.clickedButton() == local)
        return Choice::UseLocal;
    if (box.clickedButton() == retry)
        return Choice::Retry;
    return Choice::Quit;
}

} // namespace docket
