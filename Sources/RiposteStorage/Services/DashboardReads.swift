import Foundation
import RiposteCore
import SQLKit

/// What the dashboard counts and lists beside the register: open incidents by severity, and
/// the open steps of open incidents.
package enum DashboardReads {
    package static var openStatuses: [String] { IncidentStatus.allCases.filter(\.isOpen).map(\.rawValue) }

    /// Incidents still being handled that missed a deadline (the sweep made an escalation),
    /// newest first: they stay on the dashboard until resolved, not until the sweep has passed.
    package static func breached(reporter: UUID?, limit: Int, on sql: any SQLDatabase) async throws -> [RegisterLine] {
        var query: SQLQueryString = """
            SELECT \(RegisterLine.columns) FROM incidents WHERE escalated_keys <> '' \
            AND status IN (\(binds: EscalationPolicy.running.map(\.rawValue).sorted()))
            """
        if let reporter { query += " AND reporter_id = \(bind: reporter)" }
        query += " ORDER BY reported_at DESC, id DESC LIMIT \(literal: limit)"
        return try await RegisterLine.fetch(query, on: sql)
    }

    /// Open incidents per severity (`none` for those not qualified yet), a reporter's own only
    /// when `reporter` is given; drills are no figure of the organisation's.
    package static func openBySeverity(reporter: UUID?, on sql: any SQLDatabase) async throws -> [String: Int] {
        let mine: SQLQueryString = reporter.map { " AND reporter_id = \(bind: $0)" } ?? ""
        var counts: [String: Int] = [:]
        for row in try await sql.raw(
            """
            SELECT severity, COUNT(*) AS n FROM incidents WHERE status IN (\(binds: openStatuses)) AND exercise IS NULL\(mine) \
            GROUP BY severity
            """
        ).all() {
            counts[try row.decode(column: "severity", as: String?.self) ?? "none"] = try row.decode(
                column: "n", as: Int.self)
        }
        return counts
    }

    /// The steps not done of open incidents, newest incident first, in the procedure's order.
    package static func openSteps(
        limit: Int, on sql: any SQLDatabase
    ) async throws -> [(
        number: String, severity: Severity?, step: ChecklistStep
    )] {
        try await sql.raw(
            """
            SELECT incidents.number AS number, incidents.severity AS severity, checklist_items.step_key AS step_key, \
            checklist_items.text AS text, checklist_items.role AS role
            FROM checklist_items JOIN incidents ON incidents.id = checklist_items.incident_id
            WHERE checklist_items.done_at IS NULL AND incidents.status IN (\(binds: openStatuses))
            ORDER BY incidents.reported_at DESC, checklist_items.position LIMIT \(literal: limit)
            """
        ).all().map { row in
            (
                try row.decode(column: "number", as: String.self),
                try row.decode(column: "severity", as: String?.self).flatMap(Severity.init),
                ChecklistStep(
                    key: try row.decode(column: "step_key", as: String.self),
                    text: try row.decode(column: "text", as: String?.self),
                    role: try row.decode(column: "role", as: String?.self).flatMap(Role.init(rawValue:)))
            )
        }
    }
}
