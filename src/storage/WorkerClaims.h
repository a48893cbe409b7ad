#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>

namespace docket {

class Database;

// Leases of `docket worker` claims (DocumentRepository::claimNext takes them): a worker
// extends the lease of the documents it is still working on, so a long document is never
// handed to a second worker while the first is alive; a worker that dies stops renewing and
// its claims expire.
class WorkerClaims
{
public:
    explicit WorkerClaims(Database &db);

    // Extends the lease of each document still claimed by `worker` to now + leaseSeconds.
    // Returns the ids whose claim `worker` no longer holds (expired and taken by another,
    // or already released).
    Result<QList<qint64>> renew(const QList<qint64> &ids, const QString &worker, int leaseSeconds);

    // Puts a document `worker` still claims back to pending (a worker giving up a claim
    // without processing it). Returns whether the claim was held.
    Result<bool> release(qint64 id, const QString &worker);

    // Whether `worker` still holds the claim it took at `version` (claimNext's document):
    // fails with "claim_lost" when not. Call inside a transaction: on PostgreSQL it locks
    // the row (FOR UPDATE) until the transaction ends, so no other worker can take the
    // document over between the check and the commit (SQLite's BEGIN IMMEDIATE already
    // excludes other writers). A worker's Database::setTransactionGuard runs it.
    Status check(qint64 id, const QString &worker, int version);

    // Documents claimed (status processing) with a lease that has not expired.
    Result<int> activeClaims();

    // Documents a worker may still have to process: pending, or claimed with a lease
    // (expired or not). A queue with none left is drained; one whose rows claimNext skipped
    // (locked by another worker's claim in flight, or by a dead worker's connection not yet
    // closed by the server) is not.
    Result<int> outstanding();

private:
    Database &m_db;
};

} // namespace docket
