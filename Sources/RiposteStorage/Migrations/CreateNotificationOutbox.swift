import FluentKit
import FluentSQL

/// The transactional outbox (#4): in-app notifications per user, webhooks, and one
/// delivery per message to send, written in the same transaction as the change that
/// caused it. The dispatcher claims due deliveries through the (state, next_attempt_at)
/// index and records every attempt.
package struct CreateNotificationOutbox: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("notifications")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("incident_id", .uuid, .references("incidents", "id", onDelete: .cascade))
            .field("event", .string, .required)
            .field("payload", .string, .required)
            .field("role", .string, .required)
            .field("flow", .int)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        try await IndexBuilder.create(
            "notifications_user_created", on: "notifications", columns: ["user_id", "created_at"], in: database)

        try await database.schema("webhooks")
            .id()
            .field("url", .string, .required)
            .field("format", .string, .required)
            .field("events", .string, .required)
            .field("created_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()

        try await database.schema("deliveries")
            .id()
            .field("incident_id", .uuid, .references("incidents", "id", onDelete: .cascade))
            .field("event", .string, .required)
            .field("channel", .string, .required)
            .field("target", .string, .required)
            .field("webhook_id", .uuid, .references("webhooks", "id", onDelete: .setNull))
            .field("subject", .string, .required)
            .field("payload", .string, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime)
            .field("claimed_until", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("delivered_at", .datetime)
            .create()
        try await IndexBuilder.create(
            "deliveries_due", on: "deliveries", columns: ["state", "next_attempt_at"], in: database)
        try await IndexBuilder.create(
            "deliveries_incident", on: "deliveries", columns: ["incident_id", "created_at"], in: database)

        try await database.schema("delivery_attempts")
            .id()
            .field("delivery_id", .uuid, .required, .references("deliveries", "id", onDelete: .cascade))
            .field("attempt", .int, .required)
            .field("at", .datetime, .required)
            .field("outcome", .string, .required)
            .field("error", .string)
            .unique(on: "delivery_id", "attempt")
            .create()
    }

    package func revert(on database: any Database) async throws {
        for table in ["delivery_attempts", "deliveries", "webhooks", "notifications"] {
            try await database.schema(table).delete()
        }
    }
}
