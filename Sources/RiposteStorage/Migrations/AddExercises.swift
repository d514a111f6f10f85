import FluentKit
import FluentSQL

/// Exercises (#20 point 1): an incident filed as a drill holds, in `exercise`, the outside
/// channels it may use ("" for none); a real one holds NULL. Drills are numbered in their own
/// series (`EX-YYYY-NNNN`): SQLite counts them in `exercise_counters`, PostgreSQL in a
/// sequence per year (see `StorageEngine.nextSequences`).
package struct AddExercises: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("incidents").field("exercise", .string).update()
        try await database.schema("exercise_counters")
            .field("year", .int, .identifier(auto: false))
            .field("last_sequence", .int, .required)
            .create()
        // The drills alone, newest first: the register's filter and the yearly reminder.
        try await database.sql().raw(
            "CREATE INDEX incidents_exercises ON incidents (reported_at) WHERE exercise IS NOT NULL"
        ).run()
    }

    package func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP INDEX incidents_exercises").run()
        try await database.schema("exercise_counters").delete()
        try await database.schema("incidents").deleteField("exercise").update()
    }
}
