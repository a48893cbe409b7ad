#include "SettingsReviewPage.h"

#include "ConfidenceStyle.h"
#include "ReviewSettings.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace docket {

namespace {

QDoubleSpinBox *thresholdBox(const QString &name, QWidget *parent)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(0.0, 1.0);
    box->setDecimals(2);
    box->setSingleStep(0.01);
    return box;
}

} // namespace

SettingsReviewPage::SettingsReviewPage(QWidget *parent) : SettingsPage(tr("Review"), parent)
{
    setObjectName(QStringLiteral("reviewPage"));
    QFormLayout *you = addForm(tr("You"));
    m_reviewer = new QLineEdit(body());
    m_reviewer->setObjectName(QStringLiteral("reviewerName"));
    m_reviewer->setPlaceholderText(qEnvironmentVariable("USER"));
    you->addRow(tr("Reviewer name:"), m_reviewer);
    you->addRow(QString(), addHint(tr("Your corrections, approvals and rejections are recorded "
                                      "under this name; roles are given to it."),
                                   m_reviewer->parentWidget()));

    QFormLayout *keys = addForm(tr("Keyboard"));
    m_tabLowOnly = new QCheckBox(tr("Tab visits only low-confidence and invalid fields"), body());
    m_tabLowOnly->setObjectName(QStringLiteral("tabLowConfidenceOnly"));
    keys->addRow(m_tabLowOnly);

    QFormLayout *colours = addForm(tr("Confidence colours"));
    m_high = thresholdBox(QStringLiteral("confidenceHigh"), body());
    m_medium = thresholdBox(QStringLiteral("confidenceMedium"), body());
    colours->addRow(tr("Green at or above:"), m_high);
    colours->addRow(tr("Amber at or above:"), m_medium);
    m_preview = new QLabel(body());
    m_preview->setObjectName(QStringLiteral("confidencePreview"));
    m_preview->setTextFormat(Qt::RichText);
    colours->addRow(QString(), m_preview);
    connect(m_high, &QDoubleSpinBox::valueChanged, this, [this] {
        if (m_medium->value() > m_high->value())
            m_medium->setValue(m_high->value());
        updatePreview();
    });
    connect(m_medium, &QDoubleSpinBox::valueChanged, this, [this] {
        if (m_high->value() < m_medium->value())
            m_high->setValue(m_medium->value());
        updatePreview();
    });
}

void SettingsReviewPage::load()
{
    m_reviewer->setText(ReviewSettings::reviewerName());
    m_tabLowOnly->setChecked(ReviewSettings::tabLowConfidenceOnly());
    m_high->setValue(ConfidenceStyle::highThreshold());
    m_medium->setValue(ConfidenceStyle::mediumThreshold());
    updatePreview();
}

void SettingsReviewPage::apply()
{
    if (!m_reviewer->text().trimmed().isEmpty())
        ReviewSettings::setReviewerName(m_reviewer->text());
    ReviewSettings::setTabLowConfidenceOnly(m_tabLowOnly->isChecked());
    ConfidenceStyle::setThresholds(m_high->value(), m_medium->value());
}

void SettingsReviewPage::updatePreview()
{
    auto swatch = [](ConfidenceStyle::Level level, const QString &text) {
        return QStringLiteral("<span style=\"color:%1\">&#9632;</span> %2")
            .arg(ConfidenceStyle::color(level).name(), text.toHtmlEscaped());
    };
    const QLocale locale;
    m_preview->setText(swatch(ConfidenceStyle::Level::High,
                              tr("from %1").arg(locale.toString(m_high->value(), 'f', 2))) +
                       QStringLiteral("&nbsp;&nbsp; ") +
                       swatch(ConfidenceStyle::Level::Medium,
                              tr("from %1").arg(locale.toString(m_medium->value(), 'f', 2))) +
                       QStringLiteral("&nbsp;&nbsp; ") +
                       swatch(ConfidenceStyle::Level::Low,
                              tr("below %1").arg(locale.toString(m_medium->value(), 'f', 2))));
}

} // namespace docket
