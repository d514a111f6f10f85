import FluentKit
import FluentSQL

/// Escalations made, one row per incident and key: the unique index makes "each escalation
/// happens once per incident and level" hold even if two sweeps race. Plus the incident's
/// next due time, indexed, so that a sweep reads only what is due.
package struct CreateEscalation: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("escalations")
            .id()
            .field("incident_id", .uuid, .required, .references("incidents", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("kind", .string, .required)
            .field("due_at", .datetime, .required)
            .field("made_at", .datetime, .required)
            .unique(on: "incident_id", "key")
            .create()
        try await database.schema("incidents").field("next_due_at", .datetime).update()
        try await IndexBuilder.create("incidents_next_due_at", on: "incidents", columns: ["next_due_at"], in: database)
        // Incidents filed before this migration are looked at by the first sweep.
        try await database.sql().raw(
            "UPDATE incidents SET next_due_at = reported_at WHERE status IN ('reported', 'qualified', 'in_treatment', 'eradication')"
        ).run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("incidents").deleteField("next_due_at").update()
        try await database.schema("escalations").delete()
    }
}
