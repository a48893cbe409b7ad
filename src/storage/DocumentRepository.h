#pragma once

#include "core/Document.h"
#include "core/Result.h"

#include <QDate>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

class QSqlQuery;

namespace docket {

class Database;

// Filters of the review queue.
struct QueueQuery
{
    QList<DocumentStatus> statuses; // empty: all
    QString documentType;           // empty: all
    QString priority;               // empty: all; "none" matches documents without one
    QString search;                 // matches file name, seller, document number
    QDate from, to;                 // imported between, inclusive (local days); null: open
};

// A row of the review queue: the document and who is reviewing it now (an unexpired
// review lease, see ReviewLeases; empty when nobody is).
struct QueueEntry
{
    Document document;
    QString reviewer;
};

class DocumentRepository
{
public:
    explicit DocumentRepository(Database &db);

    // Inserts a new document (status pending) or returns the existing one with the same
    // sha256; `created` tells which.
    Result<Document> insertOrFind(const Document &doc, bool *created = nullptr);
    Result<Document> get(qint64 id);
    Result<Document> findBySha(const QString &sha256);

    // Queue, sorted by priority (urgent first), then import time; paged.
    Result<QList<Document>> list(const QueueQuery &query, int offset, int limit);
    // The same rows with their current reviewers, read in one query.
    Result<QList<QueueEntry>> entries(const QueueQuery &query, int offset, int limit);
    Result<int> count(const QueueQuery &query);
    Result<QMap<DocumentStatus, int>> countsByStatus();
    // Counts per status of the documents the query's other filters (type, priority, search,
    // dates) let through; query.statuses is ignored. Every status has an entry.
    Result<QMap<DocumentStatus, int>> countsByStatus(const QueueQuery &query);

    // Documents with the same seller and document number as doc (not doc itself).
    Result<QList<Document>> sameSellerAndNumber(const Document &doc);

    // Status changes bump version. expectedVersion < 0 skips the check; a stale version
    // fails with code "stale_version". Any status but processing releases the claim.
    Status setStatus(qint64 id, DocumentStatus status, int expectedVersion = -1,
                     const QString &errorCode = {}, const QString &errorMessage = {});

    // Shared mode: claims the next pending document (or one whose claim expired) for
    // `worker` for leaseSeconds, marking it processing; nullopt when there is none.
    // PostgreSQL uses SELECT ... FOR UPDATE SKIP LOCKED so workers never wait on each other.
    Result<std::optional<Document>> claimNext(const QString &worker, int leaseSeconds = 600);

    // Updates what ingest learned about the file (page count and sizes, stored path).
    Status updateFile(qint64 id, int pageCount, const QList<QSizeF> &pageSizes,
                      const QString &storedPath = {});

    // Removes a document with its extractions, reviews and corrections.
    Status remove(qint64 id);

    // Queue order of a priority name: urgent 0, high 1, normal 2, low 3, none 4.
    static int queueRank(const QString &priority);
    // The columns Document reads, in the order of fromQuery (prefix: a table alias).
    static QString columns(const QString &prefix = {});
    static Document fromQuery(const QSqlQuery &query);

private:
    Database &m_db;
};

} // namespace docket
