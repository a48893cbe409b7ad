#pragma once

#include "core/Field.h"
#include "core/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace docket {

class Database;

struct Correction
{
    qint64 id = 0;
    qint64 documentId = 0;
    QString field;  // canonical name, or "line_items[2].amount" (0-based row)
    QString before; // empty: taken from the stored value
    QString after;
    QString reviewer;
    QDateTime at; // null: now
};

struct AuditEntry
{
    qint64 id = 0;
    qint64 documentId = 0;
    QString action; // "imported", "processed", "corrected", "approved", "rejected", ...
    QString actor;
    QString detail; // JSON text
    QDateTime at;
};

// A stored approve or reject.
struct ReviewEntry
{
    qint64 id = 0;
    qint64 documentId = 0;
    QString decision; // "approved" or "rejected"
    QString reason;
    QString reviewer;
    int version = 0; // the document's version after the decision
    QDateTime at;
};

class ReviewRepository
{
public:
    explicit ReviewRepository(Database &db);

    // Stores one edit immediately (so closing the app loses nothing) and updates the
    // field's current value in the latest extraction; audit row in the same transaction.
    // The stored field gets newField's value, raw, confidence, box and source ("reviewer"
    // when empty). A document without an extraction gets one (engine "reviewer").
    Result<qint64> saveCorrection(const Correction &correction, const Field &newField);
    Result<QList<Correction>> corrections(qint64 documentId);

    // The reviewer adds or deletes a row of the newest extraction's table (line items or
    // packages): insertLineItem puts item at row (0-based, clamped to the end; the rows
    // from there move down), removeLineItem deletes row (the rows below move up). The
    // audit row ("line_item_added" / "line_item_removed", with the row's values) is
    // written in the same transaction. A document without an extraction gets one.
    Status insertLineItem(qint64 documentId, int row, const LineItem &item,
                          const QString &reviewer);
    Status removeLineItem(qint64 documentId, int row, const QString &reviewer);

    // Approve or reject: review row, document status and audit row in one transaction.
    // A stale expectedVersion fails with code "stale_version" and changes nothing.
    Status approve(qint64 documentId, int expectedVersion, const QString &reviewer);
    Status reject(qint64 documentId, int expectedVersion, const QString &reviewer,
                  const QString &reason);
    Result<QList<ReviewEntry>> reviews(qint64 documentId);

    Result<QList<AuditEntry>> audit(qint64 documentId);
    Status addAudit(qint64 documentId, const QString &action, const QString &actor,
                    const QString &detail = {});

private:
    Status decide(qint64 documentId, int expectedVersion, const QString &reviewer, bool approved,
                  const QString &reason);

    Database &m_db;
};

} // namespace docket
