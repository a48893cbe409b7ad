#include "ReviewShortcuts.h"

#include <QAction>
#include <QCoreApplication>
#include <QWidget>

namespace docket {

namespace {

// This file's messages, under the context lupdate files them in.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(ReviewShortcuts)
};

QString keyText(const QKeySequence &key)
{
    return key.toString(QKeySequence::NativeText);
}

} // namespace

QList<ShortcutOverlay::Entry> ReviewShortcuts::entries(QWidget *window)
{
    QList<ShortcutOverlay::Entry> out;
    auto fromAction = [&](const QString &section, const char *objectName) {
        const QList<QAction *> actions =
            window->findChildren<QAction *>(QString::fromLatin1(objectName));
        if (actions.isEmpty() || actions.first()->shortcuts().isEmpty())
            return;
        QAction *action = actions.first();
        QString text = action->text();
        text.remove(QLatin1Char('&'));
        text.remove(QStringLiteral("…"));
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            if (!keys.contains(keyText(key)))
                keys << keyText(key);
        out.append({section, text, keys});
    };
    auto fixed = [&](const QString &section, const QString &text, const QStringList &keys) {
        out.append({section, text, keys});
    };

    const QString review = Messages::tr("Review");
    fromAction(review, "actionApprove");
    fromAction(review, "actionReject");
    fromAction(review, "actionUndo");
    fromAction(review, "actionRedo");
    fromAction(review, "actionTabLowConfidence");

    const QString fields = Messages::tr("Fields");
    fixed(fields, Messages::tr("Next field"), {keyText(QKeySequence(Qt::Key_Tab))});
    fixed(fields, Messages::tr("Previous field"), {keyText(QKeySequence(Qt::SHIFT | Qt::Key_Tab))});
    fixed(fields, Messages::tr("Accept field and move on"),
          {keyText(QKeySequence(Qt::Key_Return))});
    fixed(fields, Messages::tr("Edit a table cell"), {keyText(QKeySequence(Qt::Key_F2))});
    fixed(fields, Messages::tr("Add a table row"), {keyText(QKeySequence(Qt::Key_Insert))});
    fixed(fields, Messages::tr("Delete a table row"), {keyText(QKeySequence(Qt::Key_Delete))});

    const QString page = Messages::tr("Page");
    fromAction(page, "actionZoomIn");
    fromAction(page, "actionZoomOut");
    fromAction(page, "actionFitWidth");
    fromAction(page, "actionFitPage");
    fromAction(page, "actionPreviousPage");
    fromAction(page, "actionNextPage");
    fromAction(page, "actionRotateLeft");
    fromAction(page, "actionRotateRight");

    const QString app = Messages::tr("Workstation");
    fromAction(app, "actionImport");
    fromAction(app, "actionImportFolder");
    fromAction(app, "actionExport");
    fromAction(app, "actionSettings");
    fromAction(app, "actionDashboard");
    fromAction(app, "actionShortcuts");
    fromAction(app, "actionQuit");
    return out;
}

} // namespace docket
