import FluentKit
import FluentSQL
import SQLKit

/// What escalation needs on each incident: the SLA clock's pauses, when the current severity
/// began, the expected recovery and the last status report (see `EscalationFacts`).
package struct AddEscalationFieldsToIncident: AsyncMigration {
    package static let columns = [
        "sla_paused_since", "severity_since", "expected_recovery_at", "last_status_report_at",
    ]

    package func prepare(on database: any Database) async throws {
        // One column per statement: SQLite alters a table one column at a time.
        try await database.schema("incidents")
            .field("sla_paused_seconds", .int64, .required, .sql(.default(0)))
            .update()
        for column in Self.columns {
            try await database.schema("incidents").field(FieldKey(stringLiteral: column), .datetime).update()
        }
        // Severity and its start are known for incidents qualified before this migration.
        try await database.sql().raw("UPDATE incidents SET severity_since = qualified_at WHERE severity IS NOT NULL")
            .run()
    }

    package func revert(on database: any Database) async throws {
        for column in Self.columns + ["sla_paused_seconds"] {
            try await database.schema("incidents").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
