#pragma once

#include "core/Document.h"
#include "storage/DocumentRepository.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QMap>

#include <functional>

class QPainter;

namespace docket {

class Database;
class QueueWatcher;

// The review queue as a table, read from DocumentRepository in pages (fetchMore), sorted
// by priority as the repository sorts it. refresh() re-reads the loaded rows and applies
// the difference (rows inserted, removed, moved, changed) so views keep their selection
// and scroll position.
//
// Live: the model refreshes by itself when others change the queue (QueueWatcher: LISTEN
// docket_queue on PostgreSQL, PRAGMA data_version every 2 s on SQLite); queueChanged()
// follows each such refresh.
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
        StatusRole,   // DocumentStatus as int
        PriorityRole, // priority name
        ReviewerRole  // who holds the review lease; empty when nobody (or the current reviewer)
    };
    static constexpr int kPageSize = 200;

    explicit QueueModel(QObject *parent = nullptr);

    ~QueueModel() override;

    // The database to read (owned by the caller, opened in this thread); null empties.
    // Starts watching it for changes by others (see above).
    void setDatabase(Database *db);
    // Whether external changes refresh the model (default on).
    void setLiveRefresh(bool on);
    bool liveRefresh() const;
    // The reviewer of this workstation: their own review leases are not shown as "being
    // reviewed". Default: ReviewSettings::reviewerName().
    void setCurrentReviewer(const QString &name);
    void setQuery(const QueueQuery &query);
    QueueQuery query() const { return m_query; }

    // Re-reads the loaded rows (at least one page) and applies the changes in place.
    void refresh();
    // Loads further pages until the document is among the rows or all are loaded
    // (at most maxPages more pages); its row, or -1.
    int ensureLoaded(qint64 documentId, int maxPages = 10);

    int rowForId(qint64 documentId) const;
    Document document(int row) const;
    QString reviewer(int row) const; // holder of the row's review lease (others only)
    int totalCount() const { return m_total; }
    // Documents per status under the query's other filters (type, priority, search, dates),
    // read with the count; every status has an entry.
    QMap<DocumentStatus, int> statusCounts() const { return m_statusCounts; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void errorOccurred(const QString &message);
    void refreshed();
    // The queue changed in the database (another workstation, a worker, this program's
    // pipeline threads) and the rows were refreshed; the main window may reload the shown
    // document.
    void queueChanged();
    // A loaded document whose version changed in a refresh (status, fields, a claim).
    void documentChanged(qint64 documentId);

private:
    bool readCount();
    QString otherReviewer(const QueueEntry &entry) const;
    QIcon reviewerIcon() const;
    static QIcon paintedIcon(const std::function<void(QPainter &, double)> &paint);
    QVariant display(const Document &doc, int column) const;
    QIcon statusIcon(DocumentStatus status) const;

    Database *m_db = nullptr;
    QueueQuery m_query;
    QList<QueueEntry> m_rows;
    int m_total = 0;
    QMap<DocumentStatus, int> m_statusCounts;
    QString m_me;
    QueueWatcher *m_watcher = nullptr;
    mutable QHash<int, QIcon> m_icons;
    mutable QIcon m_reviewerIcon;
};

} // namespace docket
