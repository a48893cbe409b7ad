#include "SettingsPage.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

namespace docket {

SettingsPage::SettingsPage(const QString &title, QWidget *parent) : QWidget(parent), m_title(title)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *heading = new QLabel(title, this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.25);
    font.setBold(true);
    heading->setFont(font);
    layout->addWidget(heading);

    m_lockNote = new QLabel(this);
    m_lockNote->setObjectName(QStringLiteral("lockNote"));
    m_lockNote->setWordWrap(true);
    m_lockNote->setStyleSheet(QStringLiteral("QLabel { background: #fff4d6; color: #5a4300; "
                                             "border: 1px solid #e6c46a; border-radius: 4px; "
                                             "padding: 6px; }"));
    m_lockNote->hide();
    layout->addWidget(m_lockNote);

    m_body = new QWidget(this);
    m_body->setObjectName(QStringLiteral("pageBody"));
    m_bodyLayout = new QVBoxLayout(m_body);
    m_bodyLayout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_body);
    layout->addStretch(1);
}

void SettingsPage::setLocked(bool locked, const QString &why)
{
    m_locked = locked;
    m_body->setEnabled(!locked);
    m_lockNote->setText(why);
    m_lockNote->setVisible(locked && !why.isEmpty());
}

void SettingsPage::showOutcome(QLabel *label, const QString &text, Outcome outcome)
{
    label->setStyleSheet(outcome == Outcome::Success   ? QStringLiteral("color: #1e7b45;")
                         : outcome == Outcome::Failure ? QStringLiteral("color: #b3261e;")
                                                       : QString());
    label->setText(text);
}

QFormLayout *SettingsPage::addForm(const QString &title)
{
    QWidget *holder = nullptr;
    if (title.isEmpty())
        holder = new QWidget(m_body);
    else
        holder = new QGroupBox(title, m_body);
    auto *form = new QFormLayout(holder);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    if (title.isEmpty())
        form->setContentsMargins(0, 0, 0, 0);
    m_bodyLayout->addWidget(holder);
    return form;
}

QLabel *SettingsPage::addHint(const QString &text, QWidget *into)
{
    auto *hint = new QLabel(text, into ? into : m_body);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    if (into)
        hint->setMinimumWidth(360); // a wrapped label in a form row is otherwise squeezed
    else
        m_bodyLayout->addWidget(hint);
    return hint;
}

} // namespace docket
