import FluentKit
import FluentSQL

/// Each person's private calendar feed (#20 point 5): one per person, its address's secret kept
/// as a SHA-256 only, replaced when renewed, gone when revoked.
package struct CreateCalendarFeeds: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("calendar_feeds")
            .field("user_id", .uuid, .identifier(auto: false), .references("users", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("calendar_feeds").delete()
    }
}
