import FluentKit
import FluentSQL

/// Settings of the plan that are the organisation's, not a severity's (#16 point 5: after how
/// many working days the incident manager is reminded of a review not done), by key. Absent
/// keys take the core's defaults.
package struct CreatePlanSettings: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("plan_settings")
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("plan_settings").delete()
    }
}
