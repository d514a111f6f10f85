import FluentKit
import FluentSQL

/// Events waiting to be fanned out (#4): a change writes one row per event in its own
/// transaction; `OutboxFanOut` turns each into the notifications and deliveries of the
/// people holding the recipient roles, then deletes it. A sweep that escalates a thousand
/// incidents writes a thousand events, not one row per person and channel.
package struct CreateOutboxEvents: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("outbox_events")
            .id()
            .field("incident_id", .uuid, .references("incidents", "id", onDelete: .cascade))
            .field("event", .string, .required)
            .field("payload", .string, .required)
            .field("recipients", .string, .required)
            .field("author_id", .uuid)
            .field("created_at", .datetime, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("outbox_events").delete()
    }
}
