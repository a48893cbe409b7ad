#pragma once

#include "FieldBox.h"
#include "LoadedDocument.h"
#include "core/Result.h"

namespace docket {

class Database;

// Reads what the review screen needs of one document from the GUI thread's database
// connection (a handful of small queries).
class DocumentLoader
{
public:
    explicit DocumentLoader(Database &db) : m_db(db) {}

    Result<LoadedDocument> load(qint64 documentId) const;

    // The boxes to draw: every located field, and every located table row
    // (named "<table>[row]").
    static FieldBoxes boxes(const Extraction &extraction);

private:
    Database &m_db;
};

} // namespace docket
