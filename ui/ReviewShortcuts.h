#pragma once

#include "ShortcutOverlay.h"

class QWidget;

namespace docket {

// What the shortcut overlay lists: the main window's actions (found by objectName, with
// their current shortcuts) and the keys of the field panel, the table and the page.
class ReviewShortcuts
{
public:
    static QList<ShortcutOverlay::Entry> entries(QWidget *window);
};

} // namespace docket
