#pragma once

#include "SettingsDatabaseProfile.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

namespace docket {

class KeyStore;
struct LlmSettings;

// What the workstation needs from the settings before its window shows, gathered without
// blocking the GUI thread: the database the settings name (for PostgreSQL with the password
// from the keychain, and the connection tried in a worker thread), the API keys from the
// keychain (QtKeychain's asynchronous jobs) and the database's shared settings (budgets).
// When the database cannot be opened the user chooses between the local database, another
// try and quitting. Emits ready(url) once (the URL may carry the password: never show or
// log it), or cancelled() when the user quits.
class SettingsStartup : public QObject
{
    Q_OBJECT
public:
    enum class Choice
    {
        UseLocal,
        Retry,
        Quit
    };
    // Asked when the database cannot be opened (default: askUser, a message box).
    using FailureHandler = std::function<Choice(const QString &shownUrl, const QString &error)>;

    // overrideUrl: `--db` from the command line; it wins over the profile.
    SettingsStartup(SettingsDatabaseProfile profile, std::shared_ptr<KeyStore> keys,
                    const QString &overrideUrl = {}, QObject *parent = nullptr);
    ~SettingsStartup() override;

    void setFailureHandler(FailureHandler handler) { m_onFailure = std::move(handler); }
    void start();

    // After ready(): the database's shared values, and the engines' settings made of the
    // settings file, the keys, the shared values and the environment.
    QHash<QString, QString> sharedValues() const { return m_shared; }
    std::shared_ptr<const LlmSettings> llmSettings() const;

    static Choice askUser(const QString &shownUrl, const QString &error);

Q_SIGNALS:
    void ready(const QString &url);
    void cancelled();

private:
    bool needsPassword() const { return m_overrideUrl.isEmpty() && m_profile.isPostgres(); }
    void keysRead();
    void tryConnect();
    void opened(const QString &url);

    SettingsDatabaseProfile m_profile;
    std::shared_ptr<KeyStore> m_keys;
    QString m_overrideUrl;
    FailureHandler m_onFailure;
    bool m_keysPending = false; // the keychain has not answered yet
    QString m_openedUrl;
    bool m_done = false;
    QHash<QString, QString> m_secrets; // entry -> value; never shown or logged
    QHash<QString, QString> m_shared;
};

} // namespace docket
