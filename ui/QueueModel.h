#pragma once

#include "core/Document.h"
#include "storage/DocumentRepository.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QList>

namespace docket {

class Database;

// The review queue as a table, read from DocumentRepository in pages (fetchMore), sorted
// by priority as the repository sorts it. refresh() re-reads the loaded rows and applies
// the difference (rows inserted, removed, moved, changed) so views keep their selection
// and scroll position.
class QueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        FileColumn,
        TypeColumn,
        StatusColumn,
        PriorityColumn,
        SellerColumn,
        NumberColumn,
        TotalColumn,
        ImportedColumn,
        ColumnCount
    };
    enum Role
    {
        DocumentIdRole = Qt::UserRole + 1,
        StatusRole,  // DocumentStatus as int
        PriorityRole // priority name
    };
    static constexpr int kPageSize = 200;

    explicit QueueModel(QObject *parent = nullptr);

    // The database to read (owned by the caller, opened in this thread); null empties.
    void setDatabase(Database *db);
    void setQuery(const QueueQuery &query);
    QueueQuery query() const { return m_query; }

    // Re-reads the loaded rows (at least one page) and applies the changes in place.
    void refresh();
    // Loads further pages until the document is among the rows or all are loaded
    // (at most maxPages more pages); its row, or -1.
    int ensureLoaded(qint64 documentId, int maxPages = 10);

    int rowForId(qint64 documentId) const;
    Document document(int row) const;
    int totalCount() const { return m_total; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void errorOccurred(const QString &message);
    void refreshed();

private:
    bool readCount();
    QVariant display(const Document &doc, int column) const;
    QIcon statusIcon(DocumentStatus status) const;

    Database *m_db = nullptr;
    QueueQuery m_query;
    QList<Document> m_rows;
    int m_total = 0;
    mutable QHash<int, QIcon> m_icons;
};

} // namespace docket
