#pragma once

#include "core/Field.h"

#include <QUndoCommand>

namespace docket {

class ReviewController;

// One correction of a field or table cell on the review undo stack. Redo and undo store
// the value they bring back as a correction (so undo is never lost on close) and show it.
// alreadyApplied: the panel shows `after` and it is stored when the command is pushed.
class UndoFieldCommand : public QUndoCommand
{
public:
    UndoFieldCommand(ReviewController *controller, qint64 documentId, const QString &name,
                     const Field &before, const Field &after, bool alreadyApplied,
                     const QString &label = {});

    void undo() override;
    void redo() override;

private:
    ReviewController *m_controller;
    qint64 m_documentId;
    QString m_name;
    Field m_before;
    Field m_after;
    bool m_skipApply;
};

} // namespace docket
