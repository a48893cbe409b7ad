#pragma once

#include <QFrame>

class QAction;
class QLabel;
class QPushButton;

namespace docket {

// The bar under the field panel (objectName "reviewBar"): the decision buttons
// ("approveButton", "rejectButton") for the review actions and a line that says how the
// open document stands or which keys decide it.
class ReviewBar : public QFrame
{
    Q_OBJECT
public:
    ReviewBar(QAction *approve, QAction *reject, QWidget *parent = nullptr);

    void setStatusText(const QString &text);
    QString statusText() const;

private:
    static void bind(QPushButton *button, QAction *action);

    QLabel *m_status = nullptr;
    QPushButton *m_approve = nullptr;
    QPushButton *m_reject = nullptr;
};

} // namespace docket
