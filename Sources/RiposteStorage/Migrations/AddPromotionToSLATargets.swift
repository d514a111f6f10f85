import FluentKit
import FluentSQL

/// Whether a minor incident past its resolution time becomes major by itself (#15 point 5):
/// an organisation's choice, off unless set, so rows made before read as "put it to the
/// managers".
package struct AddPromotionToSLATargets: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("sla_targets").field("promote_at_deadline", .bool).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("sla_targets").deleteField("promote_at_deadline").update()
    }
}
