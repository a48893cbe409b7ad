#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;
class QToolButton;

namespace docket {

// An inline, closable notice shown at the top of the main window (objectName "banner"):
// errors and notices that must not interrupt with a modal dialog.
class Banner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind
    {
        Info,
        Warning,
        Error
    };

    explicit Banner(QWidget *parent = nullptr);

    // Shows text (plain); with actionText, a button that runs action. Replaces the message
    // shown; counts how many more arrived since the banner was last closed.
    void showMessage(Kind kind, const QString &text, const QString &actionText = {},
                     std::function<void()> action = {});
    void dismiss();

    Kind kind() const { return m_kind; }
    QString text() const;
    int pendingCount() const { return m_count; }

Q_SIGNALS:
    void dismissed();

private:
    void applyKind();

    Kind m_kind = Kind::Info;
    int m_count = 0;
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    QLabel *m_more = nullptr;
    QPushButton *m_action = nullptr;
    QToolButton *m_close = nullptr;
    std::function<void()> m_callback;
};

} // namespace docket
