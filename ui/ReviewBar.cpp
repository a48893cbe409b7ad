#include "ReviewBar.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace docket {

ReviewBar::ReviewBar(QAction *approve, QAction *reject, QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("reviewBar"));
    setFrameShape(QFrame::NoFrame);
    setStyleSheet(QStringLiteral(
        "QFrame#reviewBar { border-top: 1px solid palette(mid); }"
        "QPushButton#approveButton { background: #2e7d32; color: white; border: 1px solid "
        "#256628; border-radius: 4px; padding: 5px 16px; font-weight: bold; }"
        "QPushButton#approveButton:hover { background: #338a38; }"
        "QPushButton#approveButton:pressed { background: #23602a; }"
        "QPushButton#approveButton:disabled { background: #a5c8a7; border-color: #a5c8a7; }"
        "QPushButton#rejectButton { padding: 5px 12px; }"));

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("reviewStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    m_reject = new QPushButton(this);
    m_reject->setObjectName(QStringLiteral("rejectButton"));
    m_reject->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
    bind(m_reject, reject);
    m_approve = new QPushButton(this);
    m_approve->setObjectName(QStringLiteral("approveButton"));
    bind(m_approve, approve);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(m_status, 1);
    layout->addWidget(m_reject);
    layout->addWidget(m_approve);
}

void ReviewBar::bind(QPushButton *button, QAction *action)
{
    auto sync = [button, action] {
        QString text = action->text();
        text.remove(QLatin1Char('&'));
        button->setText(text);
        button->setEnabled(action->isEnabled());
        button->setToolTip(QStringLiteral("%1 (%2)").arg(
            action->statusTip(), action->shortcut().toString(QKeySequence::NativeText)));
    };
    sync();
    button->setFocusPolicy(Qt::TabFocus);
    QObject::connect(action, &QAction::changed, button, sync);
    QObject::connect(button, &QPushButton::clicked, action, &QAction::trigger);
}

void ReviewBar::setStatusText(const QString &text)
{
    m_status->setText(text);
}

QString ReviewBar::statusText() const
{
    return m_status->text();
}

} // namespace docket
