import FluentKit
import FluentSQL

/// Published versions of the plan document (#5): numbered, immutable (never updated), with
/// their date and author; and who acknowledged which version.
package struct CreatePlanVersions: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("plan_versions")
            .field("number", .int, .identifier(auto: false))
            .field("content", .string, .required)
            .field("language", .string, .required)
            .field("published_at", .datetime, .required)
            .field("published_by", .uuid, .references("users", "id", onDelete: .setNull))
            .create()
        try await database.schema("plan_acknowledgements")
            .id()
            .field("version", .int, .required, .references("plan_versions", "number", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("acknowledged_at", .datetime, .required)
            .unique(on: "version", "user_id")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("plan_acknowledgements").delete()
        try await database.schema("plan_versions").delete()
    }
}
