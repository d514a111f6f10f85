import FluentKit
import FluentSQL

/// The law's side of an incident (#17): its assessment (personal data, NIS2, DORA, the awareness
/// time), with where its clocks stand — the next reminder for the sweep's index, the soonest
/// deadline for the dashboard and the register's filter, the alerts made — and what was sent to
/// the authorities or decided, one immutable row each. The organisation's regimes are a
/// `plan_settings` key.
package struct CreateRegulatoryClocks: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("incident_assessments")
            .field("incident_id", .uuid, .identifier(auto: false), .references("incidents", "id", onDelete: .cascade))
            .field("assessment", .string, .required)
            .field("personal_data", .bool, .required)
            // Once a breach, always in the register (art. 33(5)), whatever the assessment says later.
            .field("was_breach", .bool, .required)
            .field("aware_at", .datetime, .required)
            .field("open_obligations", .bool, .required)
            .field("next_due_at", .datetime)
            .field("next_alert_at", .datetime)
            .field("alerts_made", .string, .required)
            .field("assessed_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid, .references("users", "id", onDelete: .setNull))
            .create()
        try await IndexBuilder.create(
            "incident_assessments_alert", on: "incident_assessments", columns: ["next_alert_at"], in: database)
        try await IndexBuilder.create(
            "incident_assessments_due", on: "incident_assessments", columns: ["open_obligations", "next_due_at"],
            in: database)
        try await database.schema("obligation_records")
            .id()
            .field("incident_id", .uuid, .required, .references("incidents", "id", onDelete: .cascade))
            .field("step", .string, .required)
            .field("kind", .string, .required)
            .field("at", .datetime, .required)
            .field("recipient", .string, .required)
            .field("reference", .string, .required)
            .field("document", .string, .required)
            .field("reason", .string, .required)
            .field("recorded_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("recorded_at", .datetime, .required)
            .create()
        try await IndexBuilder.create(
            "obligation_records_incident", on: "obligation_records", columns: ["incident_id", "at"], in: database)
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("obligation_records").delete()
        try await database.schema("incident_assessments").delete()
    }
}
