#pragma once

#include "core/Result.h"

namespace docket {

class Database;

// The versioned schema. Each migration is a list of portable SQL statements, applied in one
// transaction and recorded in schema_migrations (version, applied_at). The only per-driver
// text is the auto-increment primary key (%PK%). Concurrent starts are serialised: SQLite
// takes the write lock up front (BEGIN IMMEDIATE), PostgreSQL an advisory transaction lock.
class Migrations
{
public:
    static Status run(Database &db);
    static int latestVersion();
    static int currentVersion(Database &db); // 0 on a fresh database
};

} // namespace docket
