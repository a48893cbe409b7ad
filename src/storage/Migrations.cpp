#include "Migrations.h"

#include "Database.h"
#include "Sql.h"
#include "StorageLog.h"

#include <QSqlQuery>
#include <QStringList>

namespace docket {

namespace {

struct Migration
{
    int version;
    QStringList statements;
};

// A provenance-carrying value: fields and line item cells share these columns.
QString valueColumns()
{
    return QStringLiteral("name TEXT NOT NULL, value TEXT NOT NULL DEFAULT '', "
                          "raw TEXT NOT NULL DEFAULT '', "
                          "confidence DOUBLE PRECISION NOT NULL DEFAULT 0, "
                          "page INTEGER NOT NULL DEFAULT 0, bbox_x DOUBLE PRECISION, "
                          "bbox_y DOUBLE PRECISION, bbox_w DOUBLE PRECISION, "
                          "bbox_h DOUBLE PRECISION, source TEXT NOT NULL DEFAULT '', "
                          "engine TEXT NOT NULL DEFAULT '', model TEXT NOT NULL DEFAULT '', "
                          "prompt_version TEXT NOT NULL DEFAULT ''");
}

QList<Migration> migrations()
{
    QList<Migration> list;
    list.append(
        {1,
         {QStringLiteral(
              "CREATE TABLE documents ("
              "id %PK%, sha256 TEXT NOT NULL UNIQUE, file_name TEXT NOT NULL DEFAULT '', "
              "original_path TEXT NOT NULL DEFAULT '', stored_path TEXT NOT NULL DEFAULT '', "
              "mime_type TEXT NOT NULL DEFAULT '', size_bytes BIGINT NOT NULL DEFAULT 0, "
              "pages INTEGER NOT NULL DEFAULT 0, page_sizes TEXT NOT NULL DEFAULT '[]', "
              "document_type TEXT NOT NULL DEFAULT '', "
              "type_confidence DOUBLE PRECISION NOT NULL DEFAULT 0, "
              "status TEXT NOT NULL DEFAULT 'pending', priority TEXT NOT NULL DEFAULT '', "
              "queue_rank INTEGER NOT NULL DEFAULT 4, seller_name TEXT NOT NULL DEFAULT '', "
              "document_number TEXT NOT NULL DEFAULT '', total_amount TEXT NOT NULL DEFAULT '', "
              "error_code TEXT NOT NULL DEFAULT '', error_message TEXT NOT NULL DEFAULT '', "
              "version INTEGER NOT NULL DEFAULT 1, claimed_by TEXT NOT NULL DEFAULT '', "
              "claimed_until TEXT, imported_at TEXT NOT NULL, updated_at TEXT NOT NULL)"),
          QStringLiteral("CREATE INDEX documents_queue ON documents (status, queue_rank, "
                         "imported_at, id)"),
          QStringLiteral("CREATE INDEX documents_order ON documents (queue_rank, imported_at, id)"),
          QStringLiteral("CREATE INDEX documents_number_seller ON documents (document_number, "
                         "seller_name)"),
          QStringLiteral("CREATE INDEX documents_seller ON documents (seller_name)"),
          QStringLiteral("CREATE INDEX documents_imported ON documents (imported_at)"),
          QStringLiteral(
              "CREATE TABLE extractions (id %PK%, "
              "document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE, "
              "engine TEXT NOT NULL DEFAULT '', model TEXT NOT NULL DEFAULT '', "
              "prompt_version TEXT NOT NULL DEFAULT '', document_type TEXT NOT NULL DEFAULT '', "
              "type_confidence DOUBLE PRECISION NOT NULL DEFAULT 0, "
              "table_name TEXT NOT NULL DEFAULT 'line_items', created TEXT NOT NULL)"),
          QStringLiteral("CREATE INDEX extractions_document ON extractions (document_id, id)"),
          QStringLiteral("CREATE TABLE fields (id %PK%, "
                         "extraction_id BIGINT NOT NULL REFERENCES extractions (id) "
                         "ON DELETE CASCADE, ") +
              valueColumns() + QStringLiteral(", UNIQUE (extraction_id, name))"),
          QStringLiteral("CREATE TABLE line_items (id %PK%, "
                         "extraction_id BIGINT NOT NULL REFERENCES extractions (id) "
                         "ON DELETE CASCADE, row_index INTEGER NOT NULL, "
                         "page INTEGER NOT NULL DEFAULT 0, bbox_x DOUBLE PRECISION, "
                         "bbox_y DOUBLE PRECISION, bbox_w DOUBLE PRECISION, "
                         "bbox_h DOUBLE PRECISION, UNIQUE (extraction_id, row_index))"),
          QStringLiteral("CREATE TABLE line_item_cells (id %PK%, "
                         "line_item_id BIGINT NOT NULL REFERENCES line_items (id) "
                         "ON DELETE CASCADE, ") +
              valueColumns() + QStringLiteral(", UNIQUE (line_item_id, name))"),
          QStringLiteral("CREATE TABLE issues (id %PK%, "
                         "extraction_id BIGINT NOT NULL REFERENCES extractions (id) "
                         "ON DELETE CASCADE, severity TEXT NOT NULL, code TEXT NOT NULL, "
                         "field TEXT NOT NULL DEFAULT '', message TEXT NOT NULL DEFAULT '', "
                         "source TEXT NOT NULL DEFAULT '')"),
          QStringLiteral("CREATE INDEX issues_extraction ON issues (extraction_id)"),
          QStringLiteral("CREATE TABLE reviews (id %PK%, "
                         "document_id BIGINT NOT NULL REFERENCES documents (id) "
                         "ON DELETE CASCADE, decision TEXT NOT NULL, "
                         "reason TEXT NOT NULL DEFAULT '', reviewer TEXT NOT NULL DEFAULT '', "
                         "version INTEGER NOT NULL, at TEXT NOT NULL)"),
          QStringLiteral("CREATE INDEX reviews_document ON reviews (document_id, id)"),
          QStringLiteral("CREATE TABLE corrections (id %PK%, "
                         "document_id BIGINT NOT NULL REFERENCES documents (id) "
                         "ON DELETE CASCADE, extraction_id BIGINT, field TEXT NOT NULL, "
                         "before_value TEXT NOT NULL DEFAULT '', "
                         "after_value TEXT NOT NULL DEFAULT '', "
                         "reviewer TEXT NOT NULL DEFAULT '', at TEXT NOT NULL)"),
          QStringLiteral("CREATE INDEX corrections_document ON corrections (document_id, id)"),
          QStringLiteral("CREATE TABLE usage (id %PK%, "
                         "document_id BIGINT REFERENCES documents (id) ON DELETE SET NULL, "
                         "provider TEXT NOT NULL DEFAULT '', model TEXT NOT NULL DEFAULT '', "
                         "step TEXT NOT NULL DEFAULT '', requests INTEGER NOT NULL DEFAULT 1, "
                         "input_tokens BIGINT NOT NULL DEFAULT 0, "
                         "cached_tokens BIGINT NOT NULL DEFAULT 0, "
                         "output_tokens BIGINT NOT NULL DEFAULT 0, "
                         "cost_usd DOUBLE PRECISION NOT NULL DEFAULT 0, at TEXT NOT NULL)"),
          QStringLiteral("CREATE INDEX usage_at ON usage (at)"),
          QStringLiteral("CREATE INDEX usage_document ON usage (document_id)"),
          QStringLiteral("CREATE TABLE audit_log (id %PK%, "
                         "document_id BIGINT REFERENCES documents (id) ON DELETE SET NULL, "
                         "action TEXT NOT NULL, actor TEXT NOT NULL DEFAULT '', "
                         "detail TEXT NOT NULL DEFAULT '', at TEXT NOT NULL)"),
          QStringLiteral("CREATE INDEX audit_log_document ON audit_log (document_id, id)"),
          QStringLiteral("CREATE TABLE vendor_memory (vendor_key TEXT NOT NULL, "
                         "document_type TEXT NOT NULL, data TEXT NOT NULL DEFAULT '{}', "
                         "updated_at TEXT NOT NULL, PRIMARY KEY (vendor_key, document_type))"),
          QStringLiteral("CREATE TABLE settings_kv (key TEXT PRIMARY KEY, "
                         "value TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL)")}});
    // Review leases (who is reviewing a document) and, on PostgreSQL, NOTIFY docket_queue in
    // the transaction of every change of the queue (documents, leases), from whichever
    // program makes it: workstations LISTEN and refresh their queues.
    list.append(
        {2,
         {QStringLiteral("CREATE TABLE review_leases (document_id BIGINT PRIMARY KEY "
                         "REFERENCES documents (id) ON DELETE CASCADE, reviewer TEXT NOT NULL, "
                         "acquired_at TEXT NOT NULL, expires_at TEXT NOT NULL)"),
          QStringLiteral("%PG%CREATE OR REPLACE FUNCTION docket_queue_notify() RETURNS trigger "
                         "LANGUAGE plpgsql AS $fn$ BEGIN PERFORM pg_notify('docket_queue', ''); "
                         "RETURN NULL; END $fn$"),
          QStringLiteral("%PG%CREATE TRIGGER documents_queue_notify AFTER INSERT OR DELETE OR "
                         "UPDATE OF status, document_type, priority, queue_rank, seller_name, "
                         "document_number, total_amount, version, claimed_by, file_name, "
                         "updated_at "
                         "ON documents FOR EACH STATEMENT EXECUTE FUNCTION "
                         "docket_queue_notify()"),
          QStringLiteral("%PG%CREATE TRIGGER review_leases_queue_notify AFTER INSERT OR DELETE OR "
                         "UPDATE OF reviewer ON review_leases FOR EACH STATEMENT EXECUTE "
                         "FUNCTION docket_queue_notify()")}});
    // The dashboard reads usage by time range only: a covering index turns its scans into
    // index-only range scans (no table lookups on 100,000 rows).
    list.append({3,
                 {QStringLiteral("CREATE INDEX usage_period ON usage (at, provider, model, step, "
                                 "document_id, requests, input_tokens, cached_tokens, "
                                 "output_tokens, cost_usd)")}});
    return list;
}

// %PK%: the driver's auto-increment primary key; a leading %PG%: PostgreSQL only (empty
// on SQLite).
QString substitute(QString statement, Database::Kind kind)
{
    const QString postgresOnly = QStringLiteral("%PG%");
    if (statement.startsWith(postgresOnly)) {
        if (kind != Database::Kind::Postgres)
            return {};
        statement.remove(0, postgresOnly.size());
    }
    statement.replace(QStringLiteral("%PK%"),
                      kind == Database::Kind::Postgres
                          ? QStringLiteral("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY")
                          : QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT"));
    return statement;
}

} // namespace

int Migrations::latestVersion()
{
    return migrations().constLast().version;
}

int Migrations::currentVersion(Database &db)
{
    QSqlQuery q(db.sql());
    if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_migrations")) || !q.next())
        return 0;
    return q.value(0).toInt();
}

Status Migrations::run(Database &db)
{
    return db.transaction([&db]() -> Status {
        QSqlQuery q(db.sql());
        if (db.kind() == Database::Kind::Postgres) {
            // Any fixed key: the lock is released when this transaction ends.
            if (Status s = sql::exec(q, QStringLiteral("SELECT pg_advisory_xact_lock(4242170)"));
                !s)
                return s;
        }
        if (Status s = sql::exec(q, QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations "
                                                   "(version INTEGER PRIMARY KEY, "
                                                   "applied_at TEXT NOT NULL)"));
            !s)
            return s;
        const int current = currentVersion(db);
        if (current > latestVersion())
            return Status::failure(
                QStringLiteral("db_too_new"),
                sql::Messages::tr("This database was created by a newer version of "
                                  "Docket (schema %1, this one knows %2).")
                    .arg(current)
                    .arg(latestVersion()));
        for (const Migration &m : migrations()) {
            if (m.version <= current)
                continue;
            qCInfo(lcStorage) << "applying migration" << m.version;
            for (const QString &statement : m.statements) {
                const QString text = substitute(statement, db.kind());
                if (text.isEmpty())
                    continue; // for the other driver
                if (Status s = sql::exec(q, text); !s)
                    return s;
            }
            if (Status s = sql::exec(q,
                                     QStringLiteral("INSERT INTO schema_migrations (version, "
                                                    "applied_at) VALUES (?, ?)"),
                                     {m.version, sql::now()});
                !s)
                return s;
        }
        return Status();
    });
}

} // namespace docket
