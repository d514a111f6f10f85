import FluentKit
import FluentSQL
import SQLKit

/// The metrics (#20 point 4): the SLA time each incident took to be qualified and resolved,
/// kept when it happens (`IncidentRow.apply`), so that a year of incidents is measured from
/// two small columns rather than from every journal. Incidents filed before are given their
/// wall times, less the pauses the row kept; the metrics read only real incidents, newest
/// first within a period (the register's index on `reported_at`).
package struct AddServiceTimes: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("incidents").field("qualify_seconds", .int64).update()
        try await database.schema("incidents").field("resolve_seconds", .int64).update()
        let sql = try database.sql()
        let qualify = sql.engine.seconds(from: "reported_at", to: "qualified_at")
        let resolve = sql.engine.seconds(from: "reported_at", to: "resolved_at")
        try await sql.raw("UPDATE incidents SET qualify_seconds = \(qualify) WHERE qualified_at IS NOT NULL").run()
        try await sql.raw(
            """
            UPDATE incidents SET resolve_seconds = \(resolve) - sla_paused_seconds WHERE resolved_at IS NOT NULL
            """
        ).run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("incidents").deleteField("resolve_seconds").update()
        try await database.schema("incidents").deleteField("qualify_seconds").update()
    }
}
