import FluentKit
import FluentSQL
import SQLKit

/// The metrics (#20 point 4): the SLA time each incident took to be qualified and resolved
/// (from the report, and as the SLA counts it: a major's from when it became major), kept when
/// it happens (`IncidentRow.apply`), so that a year of incidents is measured from a few small
/// columns rather than from every journal. Incidents filed before are given the same from what
/// their row kept: the pauses are known as a total (and the part before a major became major),
/// not when they fell, so a qualification is given its wall time.
package struct AddServiceTimes: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("incidents").field("qualify_seconds", .int64).update()
        try await database.schema("incidents").field("resolve_seconds", .int64).update()
        try await database.schema("incidents").field("resolve_sla_seconds", .int64).update()
        let sql = try database.sql()
        let qualify = sql.engine.seconds(from: "reported_at", to: "qualified_at")
        let resolve = sql.engine.seconds(from: "reported_at", to: "resolved_at")
        let asMajor = sql.engine.seconds(from: "severity_since", to: "resolved_at")
        try await sql.raw("UPDATE incidents SET qualify_seconds = \(qualify) WHERE qualified_at IS NOT NULL").run()
        try await sql.raw(
            """
            UPDATE incidents SET resolve_seconds = \(resolve) - sla_paused_seconds, resolve_sla_seconds = CASE \
            WHEN severity = 'major' AND severity_since > reported_at \
            THEN \(asMajor) - (sla_paused_seconds - COALESCE(sla_paused_before_severity, 0)) \
            ELSE \(resolve) - sla_paused_seconds END WHERE resolved_at IS NOT NULL
            """
        ).run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("incidents").deleteField("resolve_sla_seconds").update()
        try await database.schema("incidents").deleteField("resolve_seconds").update()
        try await database.schema("incidents").deleteField("qualify_seconds").update()
    }
}
