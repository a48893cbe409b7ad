#include "SettingsProviderBox.h"

#include "SettingsPage.h"
#include "llm/ConnectionTester.h"
#include "llm/KeyStore.h"

#include <QComboBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QtConcurrent>

namespace docket {

namespace {

struct TestOutcome
{
    bool ok = false;
    QString message;
    QStringList models;
};

QComboBox *modelCombo(QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(24);
    return combo;
}

} // namespace

SettingsProviderBox::SettingsProviderBox(const QString &title, ProviderConfig defaults,
                                         std::shared_ptr<KeyStore> keys, QWidget *parent)
    : QGroupBox(title, parent), m_config(std::move(defaults)), m_keys(std::move(keys))
{
    const QString p = m_config.name;
    setObjectName(p + QStringLiteral("Box"));
    m_form = new QFormLayout(this);
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_baseUrl = new QLineEdit(this);
    m_baseUrl->setObjectName(p + QStringLiteral("BaseUrl"));
    m_baseUrl->setPlaceholderText(m_config.baseUrl.toString());
    m_form->addRow(tr("Base URL:"), m_baseUrl);

    m_model = modelCombo(this);
    m_model->setObjectName(p + QStringLiteral("Model"));
    m_modelCombos.append(m_model);
    m_form->addRow(tr("Model:"), m_model);

    m_key = new QLineEdit(this);
    m_key->setObjectName(p + QStringLiteral("Key"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setClearButtonEnabled(true);
    m_key->setAttribute(Qt::WA_InputMethodEnabled, false);
    m_removeKey = new QPushButton(tr("Remove"), this);
    m_removeKey->setObjectName(p + QStringLiteral("RemoveKey"));
    m_removeKey->setEnabled(false);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_removeKey);
    m_form->addRow(tr("API key:"), keyRow);
    m_keyState = new QLabel(tr("Looking in the keychain…"), this);
    m_keyState->setObjectName(p + QStringLiteral("KeyState"));
    m_keyState->setWordWrap(true);
    m_form->addRow(QString(), m_keyState);

    m_test = new QPushButton(tr("Test connection"), this);
    m_test->setObjectName(p + QStringLiteral("Test"));
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(p + QStringLiteral("TestResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);
    m_form->addRow(QString(), testRow);

    connect(m_test, &QPushButton::clicked, this, &SettingsProviderBox::runTest);
    connect(m_removeKey, &QPushButton::clicked, this, [this] {
        m_removeRequested = true;
        m_key->clear();
        showKeyState(tr("The stored key will be removed when you apply."), false);
    });
    connect(m_key, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (!text.isEmpty())
            m_removeRequested = false;
    });
}

void SettingsProviderBox::setValues(const QUrl &baseUrl, const QString &model)
{
    m_baseUrl->setText(baseUrl.toString());
    m_model->setCurrentText(model);
}

QString SettingsProviderBox::baseUrlText() const
{
    return m_baseUrl->text().trimmed();
}

QString SettingsProviderBox::model() const
{
    return m_model->currentText().trimmed();
}

void SettingsProviderBox::addModels(const QStringList &models)
{
    for (QComboBox *combo : std::as_const(m_modelCombos)) {
        const QString current = combo->currentText();
        for (const QString &m : models)
            if (combo->findText(m) < 0)
                combo->addItem(m);
        combo->setCurrentText(current);
    }
}

void SettingsProviderBox::addModelCombo(QComboBox *combo)
{
    m_modelCombos.append(combo);
    const QString current = combo->currentText();
    for (int i = 0; i < m_model->count(); ++i)
        if (combo->findText(m_model->itemText(i)) < 0)
            combo->addItem(m_model->itemText(i));
    combo->setCurrentText(current);
}

void SettingsProviderBox::showKeyState(const QString &text, bool stored)
{
    m_keyState->setText(text);
    m_removeKey->setEnabled(stored);
    m_key->setPlaceholderText(stored ? tr("Stored in the keychain; type a new key to replace it")
                                     : tr("Paste the API key"));
}

void SettingsProviderBox::refreshKeyState()
{
    if (!m_keys) {
        showKeyState(tr("No keychain is available."), false);
        return;
    }
    QPointer<SettingsProviderBox> self(this);
    m_keys->readKey(m_config.name, [self](Result<QString> key) {
        if (!self)
            return;
        self->m_keyStored = key.ok() && !key.value().isEmpty();
        self->m_storedKey = key.ok() ? key.value() : QString();
        if (self->m_keyStored)
            self->showKeyState(tr("A key is stored in the keychain."), true);
        else if (key.ok() || key.error().code == QLatin1String("key_not_found"))
            self->showKeyState(tr("No key is stored."), false);
        else
            self->showKeyState(key.error().message, false);
    });
}

void SettingsProviderBox::applyKey()
{
    const QString typed = m_key->text().trimmed();
    if (!m_keys || (typed.isEmpty() && !m_removeRequested))
        return;
    QPointer<SettingsProviderBox> self(this);
    auto done = [self, typed](Status s) {
        if (!self)
            return;
        if (!s.ok()) {
            self->showKeyState(s.error().message, self->m_keyStored);
            Q_EMIT self->keyApplied(false, s.error().message);
            return;
        }
        self->m_keyStored = !typed.isEmpty();
        self->m_storedKey = typed;
        self->m_removeRequested = false;
        self->m_key->clear();
        self->showKeyState(self->m_keyStored ? tr("A key is stored in the keychain.")
                                             : tr("No key is stored."),
                           self->m_keyStored);
        Q_EMIT self->keyApplied(true, QString());
    };
    if (!typed.isEmpty())
        m_keys->writeKey(m_config.name, typed, done);
    else
        m_keys->removeKey(m_config.name, done);
}

bool SettingsProviderBox::hasKey() const
{
    return !m_key->text().trimmed().isEmpty() || (m_keyStored && !m_removeRequested);
}

ProviderConfig SettingsProviderBox::testConfig() const
{
    ProviderConfig c = m_config;
    const QString url = baseUrlText();
    if (!url.isEmpty())
        c.baseUrl = QUrl(url);
    if (!model().isEmpty())
        c.model = model();
    const QString typed = m_key->text().trimmed();
    c.apiKey = !typed.isEmpty() ? typed : (m_removeRequested ? QString() : m_storedKey);
    return c;
}

void SettingsProviderBox::runTest()
{
    m_test->setEnabled(false);
    SettingsPage::showOutcome(m_testResult, tr("Testing…"), SettingsPage::Outcome::Neutral);
    auto *watcher = new QFutureWatcher<TestOutcome>(this);
    connect(watcher, &QFutureWatcher<TestOutcome>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const TestOutcome out = watcher->result();
        m_test->setEnabled(true);
        SettingsPage::showOutcome(m_testResult, out.message,
                                  out.ok ? SettingsPage::Outcome::Success
                                         : SettingsPage::Outcome::Failure);
        if (out.ok)
            addModels(out.models);
        Q_EMIT testFinished(out.ok, out.message);
    });
    watcher->setFuture(QtConcurrent::run([config = testConfig()] {
        TestOutcome out;
        const auto models = ConnectionTester::testProvider(config);
        out.ok = models.ok();
        if (out.ok) {
            for (const LlmModelInfo &m : models.value())
                if (!m.isRetiredOn(QDate::currentDate()))
                    out.models.append(m.id);
            out.message = QCoreApplication::translate("SettingsProviderBox",
                                                      "OK: the provider answered and lists %n "
                                                      "model(s).",
                                                      nullptr, int(models.value().size()));
        } else {
            out.message = models.error().message;
        }
        return out;
    }));
}

} // namespace docket
