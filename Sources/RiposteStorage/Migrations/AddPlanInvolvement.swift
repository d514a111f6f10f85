import FluentKit
import FluentSQL

/// Where each plan stands on an incident when it is not active (#15 point 3): warned, invoked
/// by a crisis qualification, declined by its manager, stood down; and when. The IRP's columns
/// hold its deactivation by the incident manager before closing (§4.5). Empty columns read as
/// "not involved", so incidents filed before read as they always did.
package struct AddPlanInvolvement: AsyncMigration {
    /// One column per statement: SQLite's ALTER TABLE adds one at a time.
    package static let columns: [(name: String, type: DatabaseSchema.DataType)] = ["irp", "bcp", "cmp", "drp"]
        .flatMap { plan in [("\(plan)_mark", .string), ("\(plan)_mark_at", .datetime)] }

    package func prepare(on database: any Database) async throws {
        for (name, type) in Self.columns {
            try await database.schema("incidents").field(FieldKey(stringLiteral: name), type).update()
        }
    }

    package func revert(on database: any Database) async throws {
        for (name, _) in Self.columns.reversed() {
            try await database.schema("incidents").deleteField(FieldKey(stringLiteral: name)).update()
        }
    }
}
