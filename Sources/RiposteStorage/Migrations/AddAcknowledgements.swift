import FluentKit
import FluentSQL

/// "Someone must answer" (#15 point 7): an alert about a major incident or a crisis is a row
/// of `alerts` per role told, with the stage it reached (holders, backup, administrators),
/// when it moves on unless answered, and who answered; each notification of it points at it.
/// People may declare themselves away and turn e-mail off per kind of event; each severity
/// has its time to answer. New columns may be empty: rows made before read as they did.
package struct AddAcknowledgements: AsyncMigration {
    package static let columns: [(table: String, column: String, type: DatabaseSchema.DataType)] = [
        ("sla_targets", "acknowledge_seconds", .int), ("users", "away_until", .datetime),
        ("users", "email_off", .string), ("notifications", "alert_id", .uuid),
    ]

    package func prepare(on database: any Database) async throws {
        try await database.schema("alerts")
            .id()
            .field("incident_id", .uuid, .references("incidents", "id", onDelete: .cascade))
            .field("event", .string, .required)
            .field("role", .string, .required)
            .field("severity", .string, .required)
            .field("payload", .string, .required)
            .field("stage", .int, .required)
            .field("stage_at", .datetime, .required)
            .field("due_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("acknowledged_at", .datetime)
            .field("acknowledged_by", .uuid, .references("users", "id", onDelete: .setNull))
            .create()
        try await IndexBuilder.create("alerts_due", on: "alerts", columns: ["due_at"], in: database)
        try await IndexBuilder.create(
            "alerts_incident", on: "alerts", columns: ["incident_id", "created_at"], in: database)
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for (table, column, type) in Self.columns {
            try await database.schema(table).field(FieldKey(stringLiteral: column), type).update()
        }
    }

    package func revert(on database: any Database) async throws {
        for (table, column, _) in Self.columns.reversed() {
            try await database.schema(table).deleteField(FieldKey(stringLiteral: column)).update()
        }
        try await database.schema("alerts").delete()
    }
}
