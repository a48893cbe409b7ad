#pragma once

#include "llm/ProviderConfig.h"

#include <QGroupBox>

#include <memory>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace docket {

class KeyStore;

// One AI provider on the Engines page: base URL, model, API key and "Test connection".
// The key field never shows a stored key: it says whether one is in the keychain, and what
// is typed there replaces it on apply. Child objectNames are prefixed with the provider's
// name ("openaiBaseUrl", "openaiModel", "openaiKey", "openaiKeyState", "openaiRemoveKey",
// "openaiTest", "openaiTestResult").
class SettingsProviderBox : public QGroupBox
{
    Q_OBJECT
public:
    SettingsProviderBox(const QString &title, ProviderConfig defaults,
                        std::shared_ptr<KeyStore> keys, QWidget *parent = nullptr);

    QString provider() const { return m_config.name; }
    QFormLayout *form() const { return m_form; }

    void setValues(const QUrl &baseUrl, const QString &model);
    QString baseUrlText() const;
    QString model() const;
    // The models offered in the model combos (pricing table, then the provider's list).
    void addModels(const QStringList &models);
    // Combos that take the same model list (the step models of OpenAI).
    void addModelCombo(QComboBox *combo);

    // Reads whether a key is stored (asynchronous; the box updates itself).
    void refreshKeyState();
    // Writes a typed key or removes the stored one, as the user asked; done(ok, message).
    void applyKey();
    bool keyStored() const { return m_keyStored; }
    // A key will be there after apply (stored and not removed, or typed).
    bool hasKey() const;

    // The configuration to test: the fields, and the typed key or else the stored one.
    ProviderConfig testConfig() const;

Q_SIGNALS:
    void keyApplied(bool ok, const QString &message);
    void testFinished(bool ok, const QString &message);

private:
    void showKeyState(const QString &text, bool stored);
    void runTest();

    ProviderConfig m_config;
    std::shared_ptr<KeyStore> m_keys;
    QString m_storedKey; // held to test with; never shown, logged or written elsewhere
    bool m_keyStored = false;
    bool m_removeRequested = false;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QComboBox *m_model = nullptr;
    QList<QComboBox *> m_modelCombos;
    QLineEdit *m_key = nullptr;
    QLabel *m_keyState = nullptr;
    QPushButton *m_removeKey = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
};

} // namespace docket
