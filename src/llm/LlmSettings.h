#pragma once

#include "LlmAgentOptions.h"
#include "ProviderConfig.h"
#include "cost/BudgetLimits.h"

#include <QHash>
#include <QSettings>

namespace docket {

class KeyStore;

// The OpenAI model of each agent step; an empty name means the provider's model.
struct LlmStepModels
{
    QString classify;
    QString extract;
    QString fallback; // tried when the step's model fails

    friend bool operator==(const LlmStepModels &, const LlmStepModels &) = default;
};

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
    QString engine = QStringLiteral("local"); // "llm/engine": the workstation's default engine
    // "llm/openai/api": "auto" (Responses for api.openai.com, Chat Completions elsewhere),
    // "responses" or "chat"; DOCKET_OPENAI_API overrides.
    QString openaiApiStyle = QStringLiteral("auto");
    LlmStepModels openaiSteps; // "llm/openai/model_classify", "…/model_extract", "…/model_fallback"
    // "llm/offline_fallback": a document whose provider keeps failing (or whose budget is
    // spent) is read by the offline engine instead of ending failed.
    bool offlineFallback = false;

    bool openaiReady() const { return !openai.apiKey.isEmpty() && openai.isConfigured(); }
    bool kimiReady() const { return kimiConfigured && kimi.isConfigured(); }

    static LlmSettings fromEnvironment();
    // The settings file's values alone: no keys, no environment (what the settings dialog
    // shows and saves back).
    static LlmSettings fromSettings(const QSettings &settings);
    // Settings file values, then keys from the key store (blocking: not in the GUI thread),
    // then the environment.
    static LlmSettings load(const QSettings &settings, KeyStore *keys);
    // The same, with the values every workstation and worker of a shared database use
    // (SharedSettings::values() of the database: "budget/daily_usd", "budget/monthly_usd")
    // over the settings file, and the environment still over both.
    static LlmSettings load(const QSettings &settings, KeyStore *keys,
                            const QHash<QString, QString> &shared);
    void save(QSettings &settings) const; // everything but the keys

    // Takes the budgets from the shared values where they are set (an empty value there means
    // unlimited), then applies the environment's budgets over them.
    void applyShared(const QHash<QString, QString> &shared);
    // The OpenAI provider for one agent step ("classify", "extract", "fallback"): its model
    // replaced by the step's model where one is set.
    ProviderConfig openaiFor(const QString &step) const;
    // The engine the workstation processes with ("llm/engine", default "local").
    static QString engineSetting(const QSettings &settings);

    // Applies the environment over these settings.
    void applyEnvironment();
    // Responses for api.openai.com, Chat Completions for compatible servers; DOCKET_OPENAI_API
    // ("responses" | "chat") overrides.
    static LlmApi apiFor(const QUrl &baseUrl, const QString &style = QStringLiteral("auto"));
};

} // namespace docket
