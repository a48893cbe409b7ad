#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringList>

namespace docket {

class Database;

// Per-vendor layout memory learnt from approved corrections: one JSON text per vendor key
// and document type (the agents decide its content).
class VendorMemoryRepository
{
public:
    explicit VendorMemoryRepository(Database &db);

    // The stored JSON text; empty when nothing is known of this vendor yet.
    Result<QString> get(const QString &vendorKey, const QString &documentType);
    // Inserts or replaces.
    Status put(const QString &vendorKey, const QString &documentType, const QString &json);
    Status remove(const QString &vendorKey, const QString &documentType);
    Result<QStringList> vendors(const QString &documentType);

private:
    Database &m_db;
};

} // namespace docket
