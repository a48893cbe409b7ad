#include "Banner.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace docket {

Banner::Banner(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("banner"));
    setFrameShape(QFrame::NoFrame);
    setAutoFillBackground(true);

    m_icon = new QLabel(this);
    m_icon->setObjectName(QStringLiteral("bannerIcon"));
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("bannerText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_more = new QLabel(this);
    m_more->setObjectName(QStringLiteral("bannerMore"));
    m_action = new QPushButton(this);
    m_action->setObjectName(QStringLiteral("bannerAction"));
    m_action->setVisible(false);
    m_close = new QToolButton(this);
    m_close->setObjectName(QStringLiteral("bannerClose"));
    m_close->setAutoRaise(true);
    m_close->setIcon(QIcon(QStringLiteral(":/icons/close.svg")));
    m_close->setToolTip(tr("Close"));
    m_close->setAccessibleName(tr("Close notice"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 6, 6);
    layout->setSpacing(8);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_more);
    layout->addWidget(m_action);
    layout->addWidget(m_close);

    connect(m_close, &QToolButton::clicked, this, &Banner::dismiss);
    connect(m_action, &QPushButton::clicked, this, [this] {
        auto callback = m_callback;
        dismiss();
        if (callback)
            callback();
    });
    setVisible(false);
}

void Banner::showMessage(Kind kind, const QString &text, const QString &actionText,
                         std::function<void()> action)
{
    m_kind = kind;
    m_text->setText(text);
    m_callback = std::move(action);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty() && m_callback);
    ++m_count;
    m_more->setText(m_count > 1 ? tr("(%n more)", nullptr, m_count - 1) : QString());
    m_more->setVisible(m_count > 1);
    applyKind();
    setVisible(true);
}

void Banner::dismiss()
{
    m_count = 0;
    m_callback = {};
    setVisible(false);
    Q_EMIT dismissed();
}

QString Banner::text() const
{
    return m_text->text();
}

void Banner::applyKind()
{
    QColor background, border;
    QString icon;
    switch (m_kind) {
    case Kind::Info:
        background = QColor(0xe8, 0xf1, 0xfb);
        border = QColor(0x9c, 0xc0, 0xe8);
        icon = QStringLiteral(":/icons/info.svg");
        break;
    case Kind::Warning:
        background = QColor(0xfd, 0xf4, 0xe0);
        border = QColor(0xe8, 0xc7, 0x7a);
        icon = QStringLiteral(":/icons/warning.svg");
        break;
    case Kind::Error:
        background = QColor(0xfb, 0xe9, 0xe9);
        border = QColor(0xe3, 0xa0, 0xa0);
        icon = QStringLiteral(":/icons/error.svg");
        break;
    }
    setStyleSheet(QStringLiteral("QFrame#banner { background: %1; border-bottom: 1px solid %2; }"
                                 "QFrame#banner QLabel { color: #202124; }")
                      .arg(background.name(), border.name()));
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_icon->setPixmap(QIcon(icon).pixmap(size, size));
}

} // namespace docket
