import SQLKit

/// What the engines need from Riposte before and while it serves.
package enum DatabaseUpkeep {
    /// One round trip: whether this instance reaches its database now.
    package static func ping(_ sql: any SQLDatabase) async throws {
        _ = try await sql.raw("SELECT 1").all()
    }

    /// WAL lets readers run beside the writer; `synchronous=FULL` (SQLite's default, kept)
    /// syncs the log at every commit, so an acknowledged write survives a power cut too.
    /// Nothing to do on PostgreSQL.
    package static func prepare(_ sql: any SQLDatabase) async throws {
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA journal_mode = WAL").run()
    }

    /// Whether the engine is PostgreSQL, whose register reads go to a pool of their own.
    package static func isPostgres(_ sql: any SQLDatabase) -> Bool {
        sql.dialect.name == "postgresql"
    }
}
