#pragma once

#include "core/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QRectF>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

namespace docket {

class Database;

// Small helpers shared by the repositories: prepared statements with positional values,
// errors as Status, and the storage formats of times and boxes.
namespace sql {

// Prepares and runs `statement` with `values` bound in order. On failure returns an Error
// with code "db_busy" (SQLite busy/locked, PostgreSQL serialization failure or deadlock:
// Database::transaction retries those) or "db_error".
Status exec(QSqlQuery &query, const QString &statement, const QVariantList &values = {});

// Binds `values` in order to an already prepared query and runs it (same errors as exec).
Status execPrepared(QSqlQuery &query, const QVariantList &values);

// The Error for a failed query or database call.
Error error(const QSqlError &sqlError, const QString &context);

// Timestamps are stored as ISO-8601 UTC text with milliseconds ("2026-11-23T22:11:07.123Z"):
// portable, readable and sortable as text in both drivers.
QString timestamp(const QDateTime &time);
QString now();
QDateTime parseTimestamp(const QVariant &value);

// A nullable text column value (SQL NULL for a null QDateTime).
QVariant nullableTimestamp(const QDateTime &time);

// Boxes are four nullable DOUBLE PRECISION columns (x, y, w, h); a null rect is NULL.
void appendBox(QVariantList &values, const QRectF &box);
QRectF box(const QSqlQuery &query, int firstColumn);

// Escapes % _ and \ for a LIKE pattern with ESCAPE '\'.
QString likePattern(const QString &text);

// Appends an audit_log row (documentId 0: none). Call inside a transaction.
Status audit(Database &db, qint64 documentId, const QString &action, const QString &actor,
             const QString &detail = {});

// Why an UPDATE ... WHERE id = ? AND version = ? touched nothing: "not_found" or
// "stale_version" (with the current version in the message).
Status versionConflict(Database &db, qint64 documentId, int expectedVersion);

// Compact JSON text of an object (audit details).
QString jsonText(const QJsonObject &object);

// Who is acting when the caller does not say: the operating system user.
QString currentActor();

// Runs a SELECT returning one row and one column; nullopt-like invalid QVariant when none.
Result<QVariant> scalar(Database &db, const QString &statement, const QVariantList &values = {});

// Storage's messages (sql::Messages::tr), under the context lupdate files them in.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

} // namespace sql
} // namespace docket
