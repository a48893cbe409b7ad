#pragma once

#include <QTableView>

namespace docket {

class QueueModel;

// The review queue table (objectName "queueView"): one row per document, whole-row
// selection, emits the selected document's id.
class QueueView : public QTableView
{
    Q_OBJECT
public:
    explicit QueueView(QWidget *parent = nullptr);

    void setQueueModel(QueueModel *model);
    qint64 currentDocumentId() const;
    // Selects the document's row (loading pages as needed); false when it is not listed.
    bool selectDocument(qint64 documentId);

Q_SIGNALS:
    void documentSelected(qint64 documentId); // 0 when the selection was cleared
    void documentActivated(qint64 documentId);

private:
    void onCurrentChanged(const QModelIndex &current);

    QueueModel *m_model = nullptr;
    qint64 m_current = 0;
};

} // namespace docket
