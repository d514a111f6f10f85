import FluentKit
import FluentSQL
import SQLKit

/// The escalations an incident has had, as a comma-separated set of keys on its own row,
/// instead of a table. The sweep already holds the incident's row lock when it decides, and
/// reads the row to decide: the keys come with it, and an escalation is recorded by the same
/// UPDATE that moves the next deadline, so "once per incident and level" still holds with two
/// sweeps racing (the second waits for the lock, then sees the key). The journal keeps each
/// escalation's entry, as before.
package struct MoveEscalationKeysToIncident: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("incidents")
            .field("escalated_keys", .string, .required, .sql(.default(""))).update()
        let sql = try database.sql()
        let aggregate: SQLQueryString =
            sql.dialect.name == "postgresql" ? "string_agg(key, ',')" : "group_concat(key, ',')"
        try await sql.raw(
            """
            UPDATE incidents SET escalated_keys = (SELECT \(aggregate) FROM escalations \
            WHERE escalations.incident_id = incidents.id) \
            WHERE id IN (SELECT incident_id FROM escalations)
            """
        ).run()
        try await database.schema("escalations").delete()
    }

    package func revert(on database: any Database) async throws {
        try await CreateEscalationTable().prepare(on: database)
        try await database.schema("incidents").deleteField("escalated_keys").update()
    }
}

/// The table as `CreateEscalation` made it, for reverting.
private struct CreateEscalationTable {
    func prepare(on database: any Database) async throws {
        try await database.schema("escalations")
            .id()
            .field("incident_id", .uuid, .required, .references("incidents", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("kind", .string, .required)
            .field("due_at", .datetime, .required)
            .field("made_at", .datetime, .required)
            .unique(on: "incident_id", "key")
            .create()
    }
}
