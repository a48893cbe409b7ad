#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>

namespace docket {

// The keyboard shortcuts drawn over the whole main window (objectName "shortcutOverlay"):
// grouped in sections on a card above the dimmed window. Any key or click closes it; while
// it is open no shortcut of the window fires.
class ShortcutOverlay : public QWidget
{
    Q_OBJECT
public:
    struct Entry
    {
        QString section;
        QString description;
        QStringList keys; // alternatives, as shown ("Ctrl+Return")
    };

    explicit ShortcutOverlay(QWidget *window);

    void setEntries(const QList<Entry> &entries);
    QList<Entry> entries() const { return m_entries; }
    // Covers the window, shows the card and takes the keyboard.
    void popup();

Q_SIGNALS:
    void closed();

protected:
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    void dismiss();

    QList<Entry> m_entries;
    QWidget *m_previousFocus = nullptr;
};

} // namespace docket
