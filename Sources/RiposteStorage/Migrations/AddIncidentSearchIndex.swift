import FluentKit
import FluentSQL
import SQLKit

/// A trigram index on the folded search text, so that a search reads the incidents that
/// match instead of every row: FTS5's `trigram` tokenizer on SQLite (an index kept by
/// triggers), `pg_trgm` on PostgreSQL. `StorageEngine.contains` uses either.
package struct AddIncidentSearchIndex: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        if sql.dialect.name == "sqlite" {
            try await Self.createSQLiteIndex(keyedBy: "rowid", on: sql)
        } else {
            // pg_trgm is a trusted extension: the database's owner may create it.
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            try await sql.raw("CREATE INDEX incidents_search_trgm ON incidents USING gin (search_text gin_trgm_ops)")
                .run()
        }
    }

    package func revert(on database: any Database) async throws {
        let sql = try database.sql()
        if sql.dialect.name == "sqlite" {
            try await Self.dropSQLiteIndex(on: sql)
        } else {
            try await sql.raw("DROP INDEX IF EXISTS incidents_search_trgm").run()
        }
    }

    /// The FTS5 table over `incidents.search_text`, its rows numbered by `key` (an integer
    /// column of `incidents`, unique), kept by triggers, and filled from the register.
    package static func createSQLiteIndex(keyedBy key: String, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            CREATE VIRTUAL TABLE incident_search USING fts5(search_text, content='incidents', \
            content_rowid='\(unsafeRaw: key)', tokenize='trigram')
            """
        ).run()
        try await sql.raw(
            """
            CREATE TRIGGER incident_search_insert AFTER INSERT ON incidents BEGIN
            INSERT INTO incident_search(rowid, search_text) VALUES (new.\(unsafeRaw: key), new.search_text); END
            """
        ).run()
        try await sql.raw(
            """
            CREATE TRIGGER incident_search_update AFTER UPDATE OF search_text ON incidents BEGIN
            INSERT INTO incident_search(incident_search, rowid, search_text) \
            VALUES ('delete', old.\(unsafeRaw: key), old.search_text);
            INSERT INTO incident_search(rowid, search_text) VALUES (new.\(unsafeRaw: key), new.search_text); END
            """
        ).run()
        try await sql.raw(
            """
            CREATE TRIGGER incident_search_delete AFTER DELETE ON incidents BEGIN
            INSERT INTO incident_search(incident_search, rowid, search_text) \
            VALUES ('delete', old.\(unsafeRaw: key), old.search_text); END
            """
        ).run()
        try await sql.raw("INSERT INTO incident_search(incident_search) VALUES ('rebuild')").run()
    }

    package static func dropSQLiteIndex(on sql: any SQLDatabase) async throws {
        for trigger in ["incident_search_insert", "incident_search_update", "incident_search_delete"] {
            try await sql.raw("DROP TRIGGER IF EXISTS \(ident: trigger)").run()
        }
        try await sql.raw("DROP TABLE IF EXISTS incident_search").run()
    }
}
