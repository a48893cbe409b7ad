#include "LlmSettings.h"

#include "KeyStore.h"
#include "LlmLog.h"
#include "Redactor.h"

namespace docket {

namespace {

QString env(const char *name)
{
    return qEnvironmentVariable(name).trimmed();
}

void applyUrl(ProviderConfig &c, const QString &value)
{
    const QUrl url(value);
    if (url.isValid() && !url.scheme().isEmpty())
        c.baseUrl = url;
    else
        qCWarning(lcLlm).noquote() << c.name << "ignoring an invalid base URL";
}

const QString kClassifyModelKey = QStringLiteral("llm/openai/model_classify");
const QString kExtractModelKey = QStringLiteral("llm/openai/model_extract");
const QString kFallbackModelKey = QStringLiteral("llm/openai/model_fallback");

} // namespace

LlmApi LlmSettings::apiFor(const QUrl &baseUrl, const QString &style)
{
    QString forced = env("DOCKET_OPENAI_API").toLower();
    if (forced.isEmpty())
        forced = style.trimmed().toLower();
    if (forced == QLatin1String("responses"))
        return LlmApi::Responses;
    if (forced == QLatin1String("chat"))
        return LlmApi::ChatCompletions;
    return baseUrl.host() == QLatin1String("api.openai.com") ? LlmApi::Responses
                                                             : LlmApi::ChatCompletions;
}

void LlmSettings::applyEnvironment()
{
    if (!env("OPENAI_API_KEY").isEmpty())
        openai.apiKey = env("OPENAI_API_KEY");
    if (!env("OPENAI_BASE_URL").isEmpty())
        applyUrl(openai, env("OPENAI_BASE_URL"));
    if (!env("OPENAI_MODEL").isEmpty())
        openai.model = env("OPENAI_MODEL");
    openai.api = apiFor(openai.baseUrl, openaiApiStyle);

    if (!env("KIMI_VL_BASE_URL").isEmpty()) {
        applyUrl(kimi, env("KIMI_VL_BASE_URL"));
        kimiConfigured = true;
    }
    if (!env("KIMI_VL_API_KEY").isEmpty())
        kimi.apiKey = env("KIMI_VL_API_KEY");
    if (!env("KIMI_VL_MODEL").isEmpty())
        kimi.model = env("KIMI_VL_MODEL");
    // Moonshot's hosted API offers JSON mode; vLLM and OpenAI offer json_schema.
    if (kimi.baseUrl.host().contains(QLatin1String("moonshot")))
        kimi.jsonSchemaSupported = false;
    const QString schemaFlag = env("KIMI_VL_JSON_SCHEMA");
    if (!schemaFlag.isEmpty())
        kimi.jsonSchemaSupported = schemaFlag != QLatin1String("0");
    kimi.stripThinking = true;

    budgets = budgets.withEnvironment();
    Redactor::addSecret(openai.apiKey);
    Redactor::addSecret(kimi.apiKey);
}

LlmSettings LlmSettings::fromEnvironment()
{
    LlmSettings s;
    s.applyEnvironment();
    return s;
}

LlmSettings LlmSettings::load(const QSettings &settings, KeyStore *keys)
{
    LlmSettings s = fromSettings(settings);
    if (keys) {
        for (ProviderConfig *c : {&s.openai, &s.kimi}) {
            const auto key = keys->readKeyBlocking(c->name);
            if (key)
                c->apiKey = key.value();
            else if (key.error().code != QLatin1String("key_not_found"))
                qCWarning(lcLlm).noquote() << c->name << "key not read:" << key.error().message;
        }
    }
    s.applyEnvironment();
    return s;
}

LlmSettings LlmSettings::fromSettings(const QSettings &settings)
{
    LlmSettings s;
    auto read = [&settings](ProviderConfig &c, const QString &group) {
        const QString prefix = QStringLiteral("llm/") + group + QLatin1Char('/');
        const QString url = settings.value(prefix + QStringLiteral("base_url")).toString();
        if (!url.isEmpty())
            c.baseUrl = QUrl(url);
        c.model = settings.value(prefix + QStringLiteral("model"), c.model).toString();
        c.timeoutMs = settings.value(prefix + QStringLiteral("timeout_ms"), c.timeoutMs).toInt();
        c.maxRetries = settings.value(prefix + QStringLiteral("max_retries"), c.maxRetries).toInt();
        c.maxConcurrent =
            settings.value(prefix + QStringLiteral("max_concurrent"), c.maxConcurrent).toInt();
        c.imageDetail =
            settings.value(prefix + QStringLiteral("image_detail"), c.imageDetail).toString();
        c.imageMaxSide =
            settings.value(prefix + QStringLiteral("image_max_side"), c.imageMaxSide).toInt();
    };
    read(s.openai, QStringLiteral("openai"));
    read(s.kimi, QStringLiteral("kimi"));
    s.engine = engineSetting(settings);
    s.offlineFallback = settings.value(QStringLiteral("llm/offline_fallback"), false).toBool();
    s.openaiApiStyle =
        settings.value(QStringLiteral("llm/openai/api"), s.openaiApiStyle).toString();
    s.openaiSteps.classify = settings.value(kClassifyModelKey).toString();
    s.openaiSteps.extract = settings.value(kExtractModelKey).toString();
    s.openaiSteps.fallback = settings.value(kFallbackModelKey).toString();
    s.openai.api = apiFor(s.openai.baseUrl, s.openaiApiStyle);
    s.kimiConfigured = settings.contains(QStringLiteral("llm/kimi/base_url"));
    s.kimi.jsonSchemaSupported =
        settings.value(QStringLiteral("llm/kimi/json_schema"), s.kimi.jsonSchemaSupported).toBool();
    s.budgets = BudgetLimits::fromSettings(settings);
    return s;
}

void LlmSettings::save(QSettings &settings) const
{
    auto write = [&settings](const ProviderConfig &c, const QString &group) {
        const QString prefix = QStringLiteral("llm/") + group + QLatin1Char('/');
        settings.setValue(prefix + QStringLiteral("base_url"), c.baseUrl.toString());
        settings.setValue(prefix + QStringLiteral("model"), c.model);
        settings.setValue(prefix + QStringLiteral("timeout_ms"), c.timeoutMs);
        settings.setValue(prefix + QStringLiteral("max_retries"), c.maxRetries);
        settings.setValue(prefix + QStringLiteral("max_concurrent"), c.maxConcurrent);
        settings.setValue(prefix + QStringLiteral("image_detail"), c.imageDetail);
        settings.setValue(prefix + QStringLiteral("image_max_side"), c.imageMaxSide);
    };
    write(openai, QStringLiteral("openai"));
    settings.setValue(QStringLiteral("llm/engine"), engine);
    settings.setValue(QStringLiteral("llm/offline_fallback"), offlineFallback);
    settings.setValue(QStringLiteral("llm/openai/api"), openaiApiStyle);
    auto writeOptional = [&settings](const QString &key, const QString &value) {
        if (value.trimmed().isEmpty())
            settings.remove(key);
        else
            settings.setValue(key, value.trimmed());
    };
    writeOptional(kClassifyModelKey, openaiSteps.classify);
    writeOptional(kExtractModelKey, openaiSteps.extract);
    writeOptional(kFallbackModelKey, openaiSteps.fallback);
    if (kimiConfigured) {
        write(kimi, QStringLiteral("kimi"));
        settings.setValue(QStringLiteral("llm/kimi/json_schema"), kimi.jsonSchemaSupported);
    } else {
        settings.remove(QStringLiteral("llm/kimi"));
    }
    budgets.save(settings);
}

LlmSettings LlmSettings::load(const QSettings &settings, KeyStore *keys,
                              const QHash<QString, QString> &shared)
{
    LlmSettings s = load(settings, keys);
    s.applyShared(shared);
    return s;
}

void LlmSettings::applyShared(const QHash<QString, QString> &shared)
{
    auto take = [&shared](const char *key, std::optional<UsdAmount> &budget) {
        const auto it = shared.constFind(QLatin1String(key));
        if (it == shared.constEnd())
            return;
        if (it.value().trimmed().isEmpty()) {
            budget.reset();
            return;
        }
        const auto amount = UsdAmount::parse(it.value());
        if (amount && !amount->isNegative())
            budget = amount;
        else
            qCWarning(lcLlm).noquote() << "ignoring the shared budget" << key << "=" << it.value();
    };
    take("budget/daily_usd", budgets.daily);
    take("budget/monthly_usd", budgets.monthly);
    budgets = budgets.withEnvironment();
}

ProviderConfig LlmSettings::openaiFor(const QString &step) const
{
    ProviderConfig c = openai;
    QString model;
    if (step == QLatin1String("classify"))
        model = openaiSteps.classify;
    else if (step == QLatin1String("extract"))
        model = openaiSteps.extract;
    else if (step == QLatin1String("fallback"))
        model = openaiSteps.fallback;
    // The environment's OPENAI_MODEL names one model for every step (headless use).
    if (!model.trimmed().isEmpty() && env("OPENAI_MODEL").isEmpty())
        c.model = model.trimmed();
    return c;
}

QString LlmSettings::engineSetting(const QSettings &settings)
{
    const QString engine =
        settings.value(QStringLiteral("llm/engine"), QStringLiteral("local")).toString();
    static const QStringList known{QStringLiteral("local"), QStringLiteral("auto"),
                                   QStringLiteral("openai"), QStringLiteral("kimi")};
    return known.contains(engine) ? engine : QStringLiteral("local");
}

} // namespace docket
