import FluentKit
import FluentSQL

/// Incidents that missed a deadline (#16 point 3): the escalations made, kept on the incident
/// for good (`escalated_keys`), read by the register's filter and the dashboard's overdue panel.
/// A partial index holds only those, newest first, so neither reads the whole register.
package struct IndexBreachedIncidents: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.sql().raw(
            "CREATE INDEX incidents_breached ON incidents (reported_at, id) WHERE escalated_keys <> ''"
        ).run()
    }

    package func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP INDEX incidents_breached").run()
    }
}
