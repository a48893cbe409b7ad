#include "UndoFieldCommand.h"

#include "ReviewController.h"

#include <QCoreApplication>

namespace docket {

UndoFieldCommand::UndoFieldCommand(ReviewController *controller, qint64 documentId,
                                   const QString &name, const Field &before, const Field &after,
                                   bool alreadyApplied, const QString &label)
    : m_controller(controller), m_documentId(documentId), m_name(name), m_before(before),
      m_after(after), m_skipApply(alreadyApplied)
{
    setText(QCoreApplication::translate("UndoFieldCommand", "Correction of %1")
                .arg(label.isEmpty() ? name : label));
}

void UndoFieldCommand::redo()
{
    m_controller->storeField(m_documentId, m_name, m_before, m_after, !m_skipApply);
    m_skipApply = false;
}

void UndoFieldCommand::undo()
{
    m_controller->storeField(m_documentId, m_name, m_after, m_before, true);
}

} // namespace docket
