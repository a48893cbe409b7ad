#include "ShortcutOverlay.h"

#include <QApplication>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPointer>

namespace docket {

namespace {
constexpr int kPadding = 28;
constexpr int kColumnGap = 36;
constexpr int kRowGap = 7;
constexpr int kSectionGap = 18;

struct Section
{
    QString title;
    QList<const ShortcutOverlay::Entry *> entries;
};
} // namespace

ShortcutOverlay::ShortcutOverlay(QWidget *window) : QWidget(window)
{
    setObjectName(QStringLiteral("shortcutOverlay"));
    setAccessibleName(tr("Keyboard shortcuts"));
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_NoSystemBackground);
    setVisible(false);
    window->installEventFilter(this);
}

void ShortcutOverlay::setEntries(const QList<Entry> &entries)
{
    m_entries = entries;
    update();
}

void ShortcutOverlay::popup()
{
    m_previousFocus = QApplication::focusWidget();
    setGeometry(parentWidget()->rect());
    raise();
    show();
    setFocus(Qt::PopupFocusReason);
}

void ShortcutOverlay::dismiss()
{
    if (!isVisible())
        return;
    hide();
    if (m_previousFocus && m_previousFocus->isVisible())
        m_previousFocus->setFocus(Qt::PopupFocusReason);
    m_previousFocus = nullptr;
    Q_EMIT closed();
}

bool ShortcutOverlay::event(QEvent *event)
{
    // Every key belongs to the overlay while it is open: it closes it.
    if (event->type() == QEvent::ShortcutOverride) {
        event->accept();
        return true;
    }
    return QWidget::event(event);
}

bool ShortcutOverlay::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible())
        setGeometry(parentWidget()->rect());
    return QWidget::eventFilter(watched, event);
}

void ShortcutOverlay::keyPressEvent(QKeyEvent *event)
{
    // Modifiers alone (the start of a chord) do not close it.
    if (event->key() == Qt::Key_Shift || event->key() == Qt::Key_Control ||
        event->key() == Qt::Key_Alt || event->key() == Qt::Key_Meta) {
        event->accept();
        return;
    }
    event->accept();
    dismiss();
}

void ShortcutOverlay::mousePressEvent(QMouseEvent *event)
{
    event->accept();
    dismiss();
}

void ShortcutOverlay::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), QColor(20, 24, 31, 150));

    QList<Section> sections;
    for (const Entry &e : m_entries) {
        if (sections.isEmpty() || sections.last().title != e.section)
            sections.append({e.section, {}});
        sections.last().entries.append(&e);
    }

    QFont base = font();
    QFont titleFont = base;
    titleFont.setPointSizeF(base.pointSizeF() * 1.45);
    titleFont.setBold(true);
    QFont sectionFont = base;
    sectionFont.setBold(true);
    QFont keyFont = base;
    keyFont.setPointSizeF(base.pointSizeF() * 0.92);
    const QFontMetrics fm(base), km(keyFont), tm(titleFont), sm(sectionFont);
    const int rowHeight = qMax(fm.height(), km.height() + 6) + kRowGap;

    // Two columns, balanced by rows; sections stay whole.
    int totalRows = 0;
    for (const Section &s : sections)
        totalRows += int(s.entries.size()) + 2;
    QList<Section> columns[2];
    int rows = 0;
    for (const Section &s : sections) {
        const int size = int(s.entries.size()) + 2;
        const int column = (rows + size / 2) * 2 < totalRows ? 0 : 1;
        columns[column].append(s);
        rows += size;
    }
    auto columnHeight = [&](const QList<Section> &column) {
        int h = 0;
        for (const Section &s : column)
            h += sm.height() + 6 + int(s.entries.size()) * rowHeight + kSectionGap;
        return h;
    };
    auto keysWidth = [&](const QStringList &keys) {
        int w = 0;
        for (const QString &k : keys)
            w += km.horizontalAdvance(k) + 14 + 6;
        return w;
    };
    int descWidth = 0, capsWidth = 0;
    for (const Entry &e : m_entries) {
        descWidth = qMax(descWidth, fm.horizontalAdvance(e.description));
        capsWidth = qMax(capsWidth, keysWidth(e.keys));
    }
    const int columnWidth = descWidth + 24 + capsWidth;
    const int cardWidth = qMin(width() - 40, 2 * columnWidth + kColumnGap + 2 * kPadding);
    const int cardHeight = qMin(
        height() - 40, tm.height() + 16 + qMax(columnHeight(columns[0]), columnHeight(columns[1])) +
                           2 * kPadding + fm.height());
    const QRect card((width() - cardWidth) / 2, (height() - cardHeight) / 2, cardWidth, cardHeight);

    QPainterPath path;
    path.addRoundedRect(card, 10, 10);
    p.fillPath(path, palette().color(QPalette::Window));
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.drawPath(path);

    const QColor text = palette().color(QPalette::WindowText);
    const QColor muted = palette().color(QPalette::PlaceholderText);
    p.setFont(titleFont);
    p.setPen(text);
    p.drawText(card.adjusted(kPadding, kPadding, -kPadding, 0), Qt::AlignLeft | Qt::AlignTop,
               tr("Keyboard shortcuts"));
    p.setFont(base);
    p.setPen(muted);
    p.drawText(card.adjusted(kPadding, 0, -kPadding, -kPadding / 2),
               Qt::AlignRight | Qt::AlignBottom, tr("Press any key to close"));

    const int colWidth = (card.width() - 2 * kPadding - kColumnGap) / 2;
    for (int c = 0; c < 2; ++c) {
        int x = card.left() + kPadding + c * (colWidth + kColumnGap);
        int y = card.top() + kPadding + tm.height() + 16;
        for (const Section &s : std::as_const(columns[c])) {
            p.setFont(sectionFont);
            p.setPen(palette().color(QPalette::Highlight));
            p.drawText(QRect(x, y, colWidth, sm.height()), Qt::AlignLeft, s.title);
            y += sm.height() + 6;
            for (const Entry *e : s.entries) {
                const QRect row(x, y, colWidth, rowHeight - kRowGap);
                p.setFont(base);
                p.setPen(text);
                p.drawText(row, Qt::AlignLeft | Qt::AlignVCenter, e->description);
                p.setFont(keyFont);
                int right = row.right();
                for (qsizetype k = e->keys.size() - 1; k >= 0; --k) {
                    const QString &key = e->keys.at(k);
                    const int w = km.horizontalAdvance(key) + 14;
                    const QRect cap(right - w, row.center().y() - (km.height() + 6) / 2, w,
                                    km.height() + 6);
                    p.setPen(QPen(palette().color(QPalette::Mid), 1));
                    p.setBrush(palette().color(QPalette::Base));
                    p.drawRoundedRect(QRectF(cap).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
                    p.setPen(text);
                    p.drawText(cap, Qt::AlignCenter, key);
                    right -= w + 6;
                }
                y += rowHeight;
            }
            y += kSectionGap;
        }
    }
}

} // namespace docket
