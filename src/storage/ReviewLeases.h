#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QString>

namespace docket {

class Database;

// Who is reviewing a document right now. A workstation takes a lease when it opens a
// document for review and renews it while the reviewer works; another workstation opening
// the same document sees who holds it. Leases expire after idle time (default 15 minutes),
// so a crashed workstation never blocks a document for long. A lease is a row of
// review_leases (document_id primary key); acquire is one atomic upsert (INSERT ... ON
// CONFLICT DO UPDATE ... WHERE the lease expired or is the caller's, RETURNING) in one
// transaction, so two reviewers racing for a document never both hold it. The queue reads
// the holders with its rows (DocumentRepository::entries).
struct ReviewLease
{
    bool held = false; // true: the caller holds it now
    QString holder;    // who holds it (the caller when held)
    QDateTime expires;
};

class ReviewLeases
{
public:
    static constexpr int kDefaultSeconds = 15 * 60;

    explicit ReviewLeases(Database &db);

    // Takes or renews the lease for reviewer; when another reviewer holds an unexpired
    // lease, returns held=false with that reviewer's name.
    Result<ReviewLease> acquire(qint64 documentId, const QString &reviewer,
                                int seconds = kDefaultSeconds);
    // Gives the lease up (no-op when reviewer does not hold it).
    Status release(qint64 documentId, const QString &reviewer);
    // The unexpired lease of a document (held: whether `reviewer` holds it); holder empty
    // when nobody holds one.
    Result<ReviewLease> current(qint64 documentId, const QString &reviewer = {});

private:
    Database &m_db;
};

} // namespace docket
