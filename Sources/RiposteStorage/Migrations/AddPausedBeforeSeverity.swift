import FluentKit
import FluentSQL

/// A major incident's resolution time runs from when it became major (#15 point 5); the time
/// its clock was paused before then is kept here so that it does not push that deadline back.
/// Empty for incidents qualified before: nothing to take away.
package struct AddPausedBeforeSeverity: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("incidents").field("sla_paused_before_severity", .int).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("incidents").deleteField("sla_paused_before_severity").update()
    }
}
