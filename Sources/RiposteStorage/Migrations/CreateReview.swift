import FluentKit
import FluentSQL
import SQLKit

/// The post-incident review (§4.6, #5): one per incident, its answers as JSON; whether it is
/// complete is kept on the incident, since the lifecycle needs it to allow `reviewed`.
/// Follow-up actions, from the review or its feedback flags, with an owner, a due date and
/// a status.
package struct CreateReview: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("incidents").field("review_complete", .bool, .required, .sql(.default(false)))
            .update()
        try await database.schema("reviews")
            .field("incident_id", .uuid, .identifier(auto: false), .references("incidents", "id", onDelete: .cascade))
            .field("answers", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid, .references("users", "id", onDelete: .setNull))
            .create()
        try await database.schema("follow_ups")
            .id()
            .field("incident_id", .uuid, .references("incidents", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("owner_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("owner_role", .string)
            .field("due_on", .string)
            .field("status", .string, .required)
            .field("source", .string)
            .field("created_at", .datetime, .required)
            .field("done_at", .datetime)
            .create()
        try await IndexBuilder.create(
            "follow_ups_status", on: "follow_ups", columns: ["status", "due_on"], in: database)
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("follow_ups").delete()
        try await database.schema("reviews").delete()
        try await database.schema("incidents").deleteField("review_complete").update()
    }
}
