#include "UndoRowCommand.h"

#include "ReviewController.h"

#include <QCoreApplication>

namespace docket {

UndoRowCommand::UndoRowCommand(ReviewController *controller, qint64 documentId, int row,
                               const LineItem &item, bool inserted, bool alreadyApplied)
    : m_controller(controller), m_documentId(documentId), m_row(row), m_item(item),
      m_inserted(inserted), m_skipApply(alreadyApplied)
{
    setText(inserted ? QCoreApplication::translate("UndoRowCommand", "Add row %1").arg(row + 1)
                     : QCoreApplication::translate("UndoRowCommand", "Delete row %1").arg(row + 1));
}

void UndoRowCommand::redo()
{
    m_controller->storeRow(m_documentId, m_row, m_item, m_inserted, !m_skipApply);
    m_skipApply = false;
}

void UndoRowCommand::undo()
{
    m_controller->storeRow(m_documentId, m_row, m_item, !m_inserted, true);
}

} // namespace docket
