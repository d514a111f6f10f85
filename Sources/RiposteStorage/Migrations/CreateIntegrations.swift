import FluentKit
import FluentSQL

/// Monitoring integrations (#18 point 2): each with its secret (a SHA-256 only), its settings
/// (severity label and mapping, auto-resolve) and the service account its events are reported
/// by; its counts are its alert keys'. `monitored_alerts` keeps each alert key's incident while it is open: a unique
/// index on the open keys makes two instances receiving the same alert at once file one event.
package struct CreateIntegrations: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("integrations")
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("token_hash", .string, .required)
            .field("settings", .string, .required)
            .field("service_user", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "name")
            .create()
        try await database.schema("monitored_alerts")
            .id()
            .field("integration_id", .uuid, .required, .references("integrations", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("incident_id", .uuid, .references("incidents", "id"))
            .field("open", .bool, .required)
            .field("count", .int, .required)
            .field("first_seen", .datetime, .required)
            .field("last_seen", .datetime, .required)
            .create()
        try await database.sql().raw(
            "CREATE UNIQUE INDEX monitored_alerts_open ON monitored_alerts (integration_id, key) WHERE open"
        ).run()
        // An integration's counts are its keys' (never one row every delivery updates).
        try await database.sql().raw("CREATE INDEX monitored_alerts_integration ON monitored_alerts (integration_id)")
            .run()
    }

    package func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP INDEX monitored_alerts_integration").run()
        try await database.sql().raw("DROP INDEX monitored_alerts_open").run()
        try await database.schema("monitored_alerts").delete()
        try await database.schema("integrations").delete()
    }
}
