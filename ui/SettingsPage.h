#pragma once

#include <QWidget>

class QFormLayout;
class QLabel;
class QVBoxLayout;

namespace docket {

// One page of the settings dialog: a title, a note (why the page is read-only, what takes
// effect when) and a body holding the page's controls. A locked page shows its values but
// its body is disabled.
class SettingsPage : public QWidget
{
    Q_OBJECT
public:
    SettingsPage(const QString &title, QWidget *parent = nullptr);

    QString title() const { return m_title; }
    // Disables the body and shows why; unlock with locked = false.
    void setLocked(bool locked, const QString &why = {});
    bool isLocked() const { return m_locked; }
    QWidget *body() const { return m_body; }

    enum class Outcome
    {
        Neutral,
        Success,
        Failure
    };
    // Shows a status or a test's outcome in label, green for success and red for failure.
    static void showOutcome(QLabel *label, const QString &text, Outcome outcome);

protected:
    QVBoxLayout *bodyLayout() const { return m_bodyLayout; }
    // A form inside the body, titled when title is not empty.
    QFormLayout *addForm(const QString &title = {});
    // A wrapped explanatory line under the controls.
    QLabel *addHint(const QString &text, QWidget *into = nullptr);

private:
    QString m_title;
    bool m_locked = false;
    QLabel *m_lockNote = nullptr;
    QWidget *m_body = nullptr;
    QVBoxLayout *m_bodyLayout = nullptr;
};

} // namespace docket
