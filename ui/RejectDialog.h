#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QListWidget;

namespace docket {

// Asks why a document is rejected (objectName "rejectDialog"): a list of common reasons
// ("rejectReasons") and a free text ("rejectComment"); OK needs a reason or a text.
class RejectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RejectDialog(const QString &documentName, QWidget *parent = nullptr);

    // The chosen reason, with the comment after it ("Illegible: page 2 is cut off").
    QString reason() const;
    QListWidget *reasonList() const { return m_reasons; }
    QLineEdit *commentEdit() const { return m_comment; }

private:
    void updateButtons();

    QListWidget *m_reasons = nullptr;
    QLineEdit *m_comment = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace docket
