#pragma once

#include "LlmAgentOptions.h"
#include "ProviderConfig.h"
#include "cost/BudgetLimits.h"

#include <QSettings>

namespace docket {

class KeyStore;

// Provider settings of the openai and kimi engines and the budgets. Headless: from the
// environment (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL, KIMI_VL_BASE_URL,
// KIMI_VL_API_KEY, KIMI_VL_MODEL, DOCKET_DAILY_BUDGET_USD, DOCKET_MONTHLY_BUDGET_USD);
// the workstation: from the settings file ("llm/…" keys, never keys) and the keychain, with
// the environment taking precedence where set.
struct LlmSettings
{
    ProviderConfig openai = ProviderConfig::openAi();
    ProviderConfig kimi = ProviderConfig::kimiVl();
    bool kimiConfigured = false; // a Kimi-VL endpoint was given
    BudgetLimits budgets;
    LlmAgentOptions agents;

    bool openaiReady() const { return !openai.apiKey.isEmpty() && openai.isConfigured(); }
    bool kimiReady() const { return kimiConfigured && kimi.isConfigured(); }

    static LlmSettings fromEnvironment();
    // Settings file values, then keys from the key store (blocking: not in the GUI thread),
    // then the environment.
    static LlmSettings load(const QSettings &settings, KeyStore *keys);
    void save(QSettings &settings) const; // everything but the keys

    // Applies the environment over these settings.
    void applyEnvironment();
    // Responses for api.openai.com, Chat Completions for compatible servers; DOCKET_OPENAI_API
    // ("responses" | "chat") overrides.
    static LlmApi apiFor(const QUrl &baseUrl);
};

} // namespace docket
