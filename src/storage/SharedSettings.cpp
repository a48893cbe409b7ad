#include "SharedSettings.h"

#include "Database.h"
#include "Sql.h"

#include <QJsonObject>
#include <QSqlQuery>

namespace docket {

SharedSettings::SharedSettings(Database &db) : m_db(db) {}

Result<std::optional<QString>> SharedSettings::value(const QString &key)
{
    auto v =
        sql::scalar(m_db, QStringLiteral("SELECT value FROM settings_kv WHERE key = ?"), {key});
    if (!v)
        return v.error();
    if (!v.value().isValid() || v.value().isNull())
        return std::optional<QString>();
    return std::optional<QString>(v.value().toString());
}

Result<QHash<QString, QString>> SharedSettings::values(const QString &prefix)
{
    QSqlQuery q(m_db.sql());
    const Status s = prefix.isEmpty()
                         ? sql::exec(q, QStringLiteral("SELECT key, value FROM settings_kv"))
                         : sql::exec(q,
                                     QStringLiteral("SELECT key, value FROM settings_kv "
                                                    "WHERE substr(key, 1, ?) = ?"),
                                     {int(prefix.size()), prefix});
    if (!s)
        return s.error();
    QHash<QString, QString> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toString());
    return out;
}

Status SharedSettings::setValue(const QString &key, const QString &value, const QString &actor)
{
    return m_db.transaction([&]() -> Status {
        QSqlQuery q(m_db.sql());
        Status s = sql::exec(q,
                             QStringLiteral("INSERT INTO settings_kv (key, value, updated_at) "
                                            "VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                                            "value = excluded.value, "
                                            "updated_at = excluded.updated_at"),
                             {key, value, sql::now()});
        if (!s)
            return s;
        return sql::audit(
            m_db, 0, QStringLiteral("setting_changed"), actor,
            sql::jsonText({{QStringLiteral("key"), key}, {QStringLiteral("value"), value}}));
    });
}

Status SharedSettings::remove(const QString &key, const QString &actor)
{
    return m_db.transaction([&]() -> Status {
        QSqlQuery q(m_db.sql());
        Status s = sql::exec(q, QStringLiteral("DELETE FROM settings_kv WHERE key = ?"), {key});
        if (!s || q.numRowsAffected() <= 0)
            return s;
        return sql::audit(m_db, 0, QStringLiteral("setting_removed"), actor,
                          sql::jsonText({{QStringLiteral("key"), key}}));
    });
}

} // namespace docket
