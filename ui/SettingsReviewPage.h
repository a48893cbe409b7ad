#pragma once

#include "SettingsPage.h"

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace docket {

// The reviewer's own preferences: name, Tab behaviour and the confidence colour thresholds.
class SettingsReviewPage : public SettingsPage
{
    Q_OBJECT
public:
    explicit SettingsReviewPage(QWidget *parent = nullptr);

    void load();
    void apply();

private:
    void updatePreview();

    QLineEdit *m_reviewer = nullptr;
    QCheckBox *m_tabLowOnly = nullptr;
    QDoubleSpinBox *m_high = nullptr;
    QDoubleSpinBox *m_medium = nullptr;
    QLabel *m_preview = nullptr;
};

} // namespace docket
