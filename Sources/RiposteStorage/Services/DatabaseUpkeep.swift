import SQLKit

/// What the engines need from Riposte before and while it serves.
package enum DatabaseUpkeep {
    /// One round trip: whether this instance reaches its database now.
    package static func ping(_ sql: any SQLDatabase) async throws {
        _ = try await sql.raw("SELECT 1").all()
    }

    /// How many migrations the database has run: fewer than Riposte knows means another
    /// instance has not migrated it yet.
    package static func migrationsRun(_ sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first()?.decode(column: "n", as: Int.self)
            ?? 0
    }

    /// What the engine needs before Riposte serves (`StorageEngine.prepare`).
    package static func prepare(_ sql: any SQLDatabase) async throws {
        try await sql.engine.prepare(sql)
    }
}
