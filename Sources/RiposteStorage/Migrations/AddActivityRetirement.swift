import FluentKit
import FluentSQL

/// Essential activities retired from the BCP (#16 point 6): no longer offered, still named on
/// the incidents that impacted them, their RTO kept for those incidents' escalations.
package struct AddActivityRetirement: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("essential_activities").field("retired_at", .datetime).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("essential_activities").deleteField("retired_at").update()
    }
}
