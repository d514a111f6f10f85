import FluentKit
import FluentSQL

package struct CreateEssentialActivity: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("essential_activities")
            .id()
            .field("name", .string, .required)
            .field("rto_seconds", .int64, .required)
            .unique(on: "name")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("essential_activities").delete()
    }
}

package struct CreateImpactedActivity: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("impacted_activities")
            .id()
            .field("incident_id", .uuid, .required, .references("incidents", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .required, .references("essential_activities", "id"))
            .unique(on: "incident_id", "activity_id")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("impacted_activities").delete()
    }
}
