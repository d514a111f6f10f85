import FluentKit
import FluentSQL

package struct CreateSLATarget: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("sla_targets")
            .id()
            .field("severity", .string, .required)
            .field("qualify_seconds", .int64, .required)
            .field("resolve_seconds", .int64, .required)
            .field("status_report_seconds", .int64)
            .unique(on: "severity")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("sla_targets").delete()
    }
}
