#pragma once

#include "SettingsPage.h"

#include <memory>

class QCheckBox;
class QComboBox;

namespace docket {

class KeyStore;
class SettingsProviderBox;

// The engines: the default engine, OpenAI (base URL, API style, models per agent step, key)
// and Kimi-VL (base URL, model, key). Models and keys are the supervisor's.
class SettingsEnginesPage : public SettingsPage
{
    Q_OBJECT
public:
    SettingsEnginesPage(std::shared_ptr<KeyStore> keys, QWidget *parent = nullptr);

    void load();  // from the settings file; the key states from the key store (asynchronous)
    void apply(); // to the settings file; typed keys to the key store
    // What will not work as set (the default engine's provider without a key or server);
    // empty when nothing.
    QString warning() const;

    SettingsProviderBox *openaiBox() const { return m_openai; }
    SettingsProviderBox *kimiBox() const { return m_kimi; }

private:
    QComboBox *m_engine = nullptr;
    QCheckBox *m_offlineFallback = nullptr;
    QComboBox *m_apiStyle = nullptr;
    QComboBox *m_classify = nullptr;
    QComboBox *m_extract = nullptr;
    QComboBox *m_fallback = nullptr;
    SettingsProviderBox *m_openai = nullptr;
    SettingsProviderBox *m_kimi = nullptr;
};

} // namespace docket
