#pragma once

#include "core/Field.h"

#include <QUndoCommand>

namespace docket {

class ReviewController;

// A table row the reviewer added or deleted, on the review undo stack. Undo and redo store
// the change at once. alreadyApplied: the panel shows the change when it is pushed.
class UndoRowCommand : public QUndoCommand
{
public:
    UndoRowCommand(ReviewController *controller, qint64 documentId, int row, const LineItem &item,
                   bool inserted, bool alreadyApplied);

    void undo() override;
    void redo() override;

private:
    ReviewController *m_controller;
    qint64 m_documentId;
    int m_row;
    LineItem m_item;
    bool m_inserted;
    bool m_skipApply;
};

} // namespace docket
