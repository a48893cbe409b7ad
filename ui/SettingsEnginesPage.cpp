#include "SettingsEnginesPage.h"

#include "SettingsProviderBox.h"
#include "cost/PricingTable.h"
#include "llm/LlmSettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace docket {

namespace {

QComboBox *stepCombo(const QString &name, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(name);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(24);
    combo->addItem(QString()); // empty: the provider's model
    return combo;
}

void selectData(QComboBox *combo, const QString &data)
{
    const int i = combo->findData(data);
    combo->setCurrentIndex(i >= 0 ? i : 0);
}

// The environment variables set in this process that override what the page shows.
QStringList environmentOverrides()
{
    QStringList set;
    for (const char *name :
         {"OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "KIMI_VL_BASE_URL",
          "KIMI_VL_API_KEY", "KIMI_VL_MODEL", "DOCKET_OPENAI_API"})
        if (!qEnvironmentVariable(name).trimmed().isEmpty())
            set.append(QLatin1String(name));
    return set;
}

} // namespace

SettingsEnginesPage::SettingsEnginesPage(std::shared_ptr<KeyStore> keys, QWidget *parent)
    : SettingsPage(tr("Engines"), parent)
{
    setObjectName(QStringLiteral("enginesPage"));
    QFormLayout *general = addForm();
    m_engine = new QComboBox(body());
    m_engine->setObjectName(QStringLiteral("defaultEngine"));
    m_engine->addItem(tr("Local (offline, no network)"), QStringLiteral("local"));
    m_engine->addItem(tr("Automatic (local first, AI where unsure)"), QStringLiteral("auto"));
    m_engine->addItem(tr("OpenAI"), QStringLiteral("openai"));
    m_engine->addItem(tr("Kimi-VL"), QStringLiteral("kimi"));
    general->addRow(tr("Default engine:"), m_engine);
    m_offlineFallback = new QCheckBox(
        tr("When a provider keeps failing or the budget is spent, read the document offline"),
        body());
    m_offlineFallback->setObjectName(QStringLiteral("offlineFallback"));
    general->addRow(QString(), m_offlineFallback);

    m_openai = new SettingsProviderBox(tr("OpenAI"), ProviderConfig::openAi(), keys, body());
    bodyLayout()->addWidget(m_openai);
    m_apiStyle = new QComboBox(m_openai);
    m_apiStyle->setObjectName(QStringLiteral("openaiApiStyle"));
    m_apiStyle->addItem(tr("Automatic (Responses API for api.openai.com)"), QStringLiteral("auto"));
    m_apiStyle->addItem(tr("Responses API"), QStringLiteral("responses"));
    m_apiStyle->addItem(tr("Chat Completions"), QStringLiteral("chat"));
    m_openai->form()->insertRow(1, tr("API style:"), m_apiStyle);
    m_classify = stepCombo(QStringLiteral("openaiClassifyModel"), m_openai);
    m_extract = stepCombo(QStringLiteral("openaiExtractModel"), m_openai);
    m_fallback = stepCombo(QStringLiteral("openaiFallbackModel"), m_openai);
    m_openai->form()->insertRow(3, tr("Classify with:"), m_classify);
    m_openai->form()->insertRow(4, tr("Extract with:"), m_extract);
    m_openai->form()->insertRow(5, tr("Fallback model:"), m_fallback);
    for (QComboBox *combo : {m_classify, m_extract, m_fallback}) {
        combo->lineEdit()->setPlaceholderText(tr("the model above"));
        m_openai->addModelCombo(combo);
    }

    m_kimi = new SettingsProviderBox(tr("Kimi-VL (OpenAI-compatible server)"),
                                     ProviderConfig::kimiVl(), keys, body());
    bodyLayout()->addWidget(m_kimi);
    m_kimi->form()->insertRow(1, QString(),
                              addHint(tr("Leave the base URL empty when no Kimi-VL server is "
                                         "used (vLLM, Moonshot)."),
                                      m_kimi));

    // The models priced in pricing.json seed the lists; "Test connection" adds the provider's.
    if (const auto pricing = PricingTable::loadDefault()) {
        QStringList models = pricing.value().models();
        models.sort();
        m_openai->addModels(models);
    }
    m_kimi->addModels({ProviderConfig::kimiVl().model, QStringLiteral("kimi-latest")});

    const QStringList overrides = environmentOverrides();
    if (!overrides.isEmpty())
        addHint(tr("Set in the environment, and taking precedence over this page: %1.")
                    .arg(overrides.join(QStringLiteral(", "))))
            ->setObjectName(QStringLiteral("environmentNote"));
    addHint(tr("API keys are kept in the system keychain, never in the settings file, the "
               "database or the logs."));
}

void SettingsEnginesPage::load()
{
    const LlmSettings s = LlmSettings::fromSettings(QSettings());
    selectData(m_engine, s.engine);
    m_offlineFallback->setChecked(s.offlineFallback);
    selectData(m_apiStyle, s.openaiApiStyle);
    m_openai->setValues(s.openai.baseUrl, s.openai.model);
    m_classify->setCurrentText(s.openaiSteps.classify);
    m_extract->setCurrentText(s.openaiSteps.extract);
    m_fallback->setCurrentText(s.openaiSteps.fallback);
    m_kimi->setValues(s.kimiConfigured ? s.kimi.baseUrl : QUrl(), s.kimi.model);
    m_openai->refreshKeyState();
    m_kimi->refreshKeyState();
}

QString SettingsEnginesPage::warning() const
{
    const QString engine = m_engine->currentData().toString();
    if (engine == QLatin1String("openai") && !m_openai->hasKey() &&
        qEnvironmentVariable("OPENAI_API_KEY").isEmpty())
        return tr("OpenAI is the default engine but no OpenAI API key is stored: documents fail "
                  "until one is.");
    if (engine == QLatin1String("kimi") && m_kimi->baseUrlText().isEmpty() &&
        qEnvironmentVariable("KIMI_VL_BASE_URL").isEmpty())
        return tr("Kimi-VL is the default engine but no Kimi-VL server is set: documents fail "
                  "until one is.");
    return {};
}

void SettingsEnginesPage::apply()
{
    QSettings settings;
    LlmSettings s = LlmSettings::fromSettings(settings);
    s.engine = m_engine->currentData().toString();
    s.offlineFallback = m_offlineFallback->isChecked();
    s.openaiApiStyle = m_apiStyle->currentData().toString();
    const QUrl openaiUrl(m_openai->baseUrlText());
    s.openai.baseUrl =
        openaiUrl.isValid() && !openaiUrl.isEmpty() ? openaiUrl : ProviderConfig::openAi().baseUrl;
    if (!m_openai->model().isEmpty())
        s.openai.model = m_openai->model();
    s.openaiSteps = {m_classify->currentText().trimmed(), m_extract->currentText().trimmed(),
                     m_fallback->currentText().trimmed()};
    const QUrl kimiUrl(m_kimi->baseUrlText());
    s.kimiConfigured = kimiUrl.isValid() && !kimiUrl.isEmpty();
    if (s.kimiConfigured)
        s.kimi.baseUrl = kimiUrl;
    if (!m_kimi->model().isEmpty())
        s.kimi.model = m_kimi->model();
    // Only the provider settings: the budgets have their own page.
    const BudgetLimits budgets = BudgetLimits::fromSettings(settings);
    s.budgets = budgets;
    s.save(settings);
    m_openai->applyKey();
    m_kimi->applyKey();
}

} // namespace docket
