#include "RejectDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace docket {

RejectDialog::RejectDialog(const QString &documentName, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("rejectDialog"));
    setWindowTitle(tr("Reject Document"));

    auto *intro =
        new QLabel(tr("Why is <b>%1</b> rejected?").arg(documentName.toHtmlEscaped()), this);
    intro->setWordWrap(true);

    m_reasons = new QListWidget(this);
    m_reasons->setObjectName(QStringLiteral("rejectReasons"));
    m_reasons->setAccessibleName(tr("Reason"));
    m_reasons->addItems({tr("Not a business document"), tr("Duplicate of another document"),
                         tr("Illegible or incomplete scan"), tr("Pages missing"),
                         tr("Wrong recipient or company"),
                         tr("Needs clarification with the sender"), tr("Other")});
    m_reasons->setSpacing(1);
    m_reasons->setFixedHeight((m_reasons->sizeHintForRow(0) + 2) * m_reasons->count() +
                              2 * m_reasons->frameWidth() + 4);

    auto *commentLabel = new QLabel(tr("&Comment:"), this);
    m_comment = new QLineEdit(this);
    m_comment->setObjectName(QStringLiteral("rejectComment"));
    m_comment->setPlaceholderText(tr("Optional details for whoever reads the rejection"));
    commentLabel->setBuddy(m_comment);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Reject"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("rejectOk"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_reasons);
    layout->addWidget(commentLabel);
    layout->addWidget(m_comment);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reasons, &QListWidget::currentRowChanged, this, &RejectDialog::updateButtons);
    connect(m_reasons, &QListWidget::itemDoubleClicked, this, [this] {
        if (m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
            accept();
    });
    connect(m_comment, &QLineEdit::textChanged, this, &RejectDialog::updateButtons);
    updateButtons();
    resize(420, sizeHint().height());
}

QString RejectDialog::reason() const
{
    const QString comment = m_comment->text().trimmed();
    const QListWidgetItem *item = m_reasons->currentItem();
    const bool other = m_reasons->currentRow() == m_reasons->count() - 1;
    if (!item || other)
        return comment;
    return comment.isEmpty() ? item->text() : tr("%1: %2").arg(item->text(), comment);
}

void RejectDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!reason().isEmpty());
}

} // namespace docket
