#include "VendorMemoryRepository.h"

#include "Database.h"
#include "Sql.h"

#include <QSqlQuery>

namespace docket {

VendorMemoryRepository::VendorMemoryRepository(Database &db) : m_db(db) {}

Result<QString> VendorMemoryRepository::get(const QString &vendorKey, const QString &documentType)
{
    auto v = sql::scalar(m_db,
                         QStringLiteral("SELECT data FROM vendor_memory WHERE vendor_key = ? AND "
                                        "document_type = ?"),
                         {vendorKey, documentType});
    if (!v)
        return v.error();
    return v.value().toString();
}

Status VendorMemoryRepository::put(const QString &vendorKey, const QString &documentType,
                                   const QString &json)
{
    if (vendorKey.isEmpty())
        return Status::failure(QStringLiteral("invalid_vendor"),
                               sql::Messages::tr("No vendor was given."));
    return m_db.transaction([&]() -> Status {
        QSqlQuery q(m_db.sql());
        return sql::exec(q,
                         QStringLiteral("INSERT INTO vendor_memory (vendor_key, document_type, "
                                        "data, updated_at) VALUES (?, ?, ?, ?) "
                                        "ON CONFLICT (vendor_key, document_type) DO UPDATE SET "
                                        "data = excluded.data, updated_at = excluded.updated_at"),
                         {vendorKey, documentType, json, sql::now()});
    });
}

Status VendorMemoryRepository::remove(const QString &vendorKey, const QString &documentType)
{
    return m_db.transaction([&]() -> Status {
        QSqlQuery q(m_db.sql());
        return sql::exec(q,
                         QStringLiteral("DELETE FROM vendor_memory WHERE vendor_key = ? AND "
                                        "document_type = ?"),
                         {vendorKey, documentType});
    });
}

Result<QStringList> VendorMemoryRepository::vendors(const QString &documentType)
{
    QSqlQuery q(m_db.sql());
    if (Status s = sql::exec(q,
                             QStringLiteral("SELECT vendor_key FROM vendor_memory WHERE "
                                            "document_type = ? ORDER BY vendor_key"),
                             {documentType});
        !s)
        return s.error();
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

} // namespace docket
