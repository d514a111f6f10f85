import FluentKit
import FluentSQL

/// The continuity, crisis and recovery plans on each incident (chapter II): when each was
/// activated (null while it is not), and when the BCP and CMP managers agreed to close (§4.5).
/// Columns rather than a table: the lifecycle judges every change with them.
package struct AddPlansToIncident: AsyncMigration {
    package static let columns = [
        "bcp_active_since", "cmp_active_since", "drp_active_since", "bcp_close_agreed_at", "cmp_close_agreed_at",
    ]

    package func prepare(on database: any Database) async throws {
        for column in Self.columns {
            try await database.schema("incidents").field(FieldKey(stringLiteral: column), .datetime).update()
        }
    }

    package func revert(on database: any Database) async throws {
        for column in Self.columns {
            try await database.schema("incidents").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
