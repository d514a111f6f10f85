import SQLKit

/// What the engines need from Riposte before and while it serves.
package enum DatabaseUpkeep {
    /// One round trip: whether this instance reaches its database now.
    package static func ping(_ sql: any SQLDatabase) async throws {
        _ = try await sql.raw("SELECT 1").all()
    }

    /// What the engine needs before Riposte serves (`StorageEngine.prepare`).
    package static func prepare(_ sql: any SQLDatabase) async throws {
        try await sql.engine.prepare(sql)
    }
}
