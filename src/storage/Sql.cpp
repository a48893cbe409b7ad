#include "Sql.h"

#include "Database.h"
#include "StorageLog.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlError>
#include <QTimeZone>

namespace docket::sql {

Error error(const QSqlError &sqlError, const QString &context)
{
    const QString native = sqlError.nativeErrorCode();
    const QString text = sqlError.text();
    const bool busy = native == QLatin1String("5") || native == QLatin1String("6") ||
                      native == QLatin1String("40001") || native == QLatin1String("40P01") ||
                      text.contains(QLatin1String("database is locked"), Qt::CaseInsensitive);
    qCWarning(lcStorage).noquote() << context << "failed:" << native << text;
    if (busy)
        return {QStringLiteral("db_busy"),
                Messages::tr("The database is busy. Please try again in a moment.")};
    return {QStringLiteral("db_error"), Messages::tr("A database operation failed: %1").arg(text)};
}

Status exec(QSqlQuery &query, const QString &statement, const QVariantList &values)
{
    if (values.isEmpty()) { // PostgreSQL cannot PREPARE DDL: run statements without values
        if (!query.exec(statement))
            return error(query.lastError(), statement);
        return {};
    }
    if (!query.prepare(statement))
        return error(query.lastError(), statement);
    return execPrepared(query, values);
}

Status execPrepared(QSqlQuery &query, const QVariantList &values)
{
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &v = values.at(i);
        // A null QString is text to us (the columns are NOT NULL DEFAULT ''); only an
        // explicitly null variant is SQL NULL.
        if (!v.isNull() && v.typeId() == QMetaType::QString && v.toString().isNull())
            query.bindValue(i, QStringLiteral(""));
        else
            query.bindValue(i, v);
    }
    if (!query.exec())
        return error(query.lastError(), query.lastQuery());
    return {};
}

QString timestamp(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

QString now()
{
    return timestamp(QDateTime::currentDateTimeUtc());
}

QDateTime parseTimestamp(const QVariant &value)
{
    if (value.isNull())
        return {};
    QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (t.isValid())
        t = t.toUTC();
    return t;
}

QVariant nullableTimestamp(const QDateTime &time)
{
    return time.isValid() ? QVariant(timestamp(time)) : QVariant(QMetaType(QMetaType::QString));
}

void appendBox(QVariantList &values, const QRectF &box)
{
    const QVariant null(QMetaType(QMetaType::Double));
    const bool none = box.isNull();
    values << (none ? null : QVariant(box.x())) << (none ? null : QVariant(box.y()))
           << (none ? null : QVariant(box.width())) << (none ? null : QVariant(box.height()));
}

QRectF box(const QSqlQuery &query, int firstColumn)
{
    if (query.isNull(firstColumn))
        return {};
    return {query.value(firstColumn).toDouble(), query.value(firstColumn + 1).toDouble(),
            query.value(firstColumn + 2).toDouble(), query.value(firstColumn + 3).toDouble()};
}

QString likePattern(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('%');
    for (const QChar c : text) {
        if (c == QLatin1Char('%') || c == QLatin1Char('_') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        out += c;
    }
    out += QLatin1Char('%');
    return out;
}

Status audit(Database &db, qint64 documentId, const QString &action, const QString &actor,
             const QString &detail)
{
    QSqlQuery q(db.sql());
    return exec(q,
                QStringLiteral("INSERT INTO audit_log (document_id, action, actor, detail, at) "
                               "VALUES (?, ?, ?, ?, ?)"),
                {documentId > 0 ? QVariant(documentId) : QVariant(QMetaType(QMetaType::LongLong)),
                 action, actor.isEmpty() ? currentActor() : actor, detail, now()});
}

Status versionConflict(Database &db, qint64 documentId, int expectedVersion)
{
    auto version =
        scalar(db, QStringLiteral("SELECT version FROM documents WHERE id = ?"), {documentId});
    if (!version)
        return version.error();
    if (!version.value().isValid())
        return Status::failure(QStringLiteral("not_found"),
                               Messages::tr("Document %1 does not exist.").arg(documentId));
    return Status::failure(
        QStringLiteral("stale_version"),
        Messages::tr("Someone else changed this document meanwhile (it is at version "
                     "%1, you opened version %2). Reload it and review it again.")
            .arg(version.value().toInt())
            .arg(expectedVersion));
}

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString currentActor()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    return user.isEmpty() ? QStringLiteral("docket") : user;
}

Result<QVariant> scalar(Database &db, const QString &statement, const QVariantList &values)
{
    QSqlQuery q(db.sql());
    if (Status s = exec(q, statement, values); !s)
        return s.error();
    return q.next() ? q.value(0) : QVariant();
}

} // namespace docket::sql
