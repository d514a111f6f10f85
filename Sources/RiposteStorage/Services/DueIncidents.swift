import Foundation
import SQLKit

/// The incidents whose next deadline has passed, soonest first, read through an index so
/// that the cost follows what is due, not the register: `incident_deadlines` on PostgreSQL
/// (see `AddDeadlineQueue`), the `next_due_at` index on SQLite.
package enum DueIncidents {
    /// `reporter`: only the incidents this person reported. `lock`: on PostgreSQL, lock the
    /// incidents read, skipping those another transaction holds.
    package static func query(
        at now: Date, reporter: UUID? = nil, limit: Int?, lock: Bool, on sql: any SQLDatabase
    ) -> SQLQueryString {
        let extra: SQLQueryString = reporter.map { " AND incidents.reporter_id = \(bind: $0)" } ?? ""
        var query: SQLQueryString
        if sql.dialect.name == "postgresql" {
            query = """
                SELECT \(IncidentRow.columns) FROM incident_deadlines \
                JOIN incidents ON incidents.id = incident_deadlines.incident_id \
                WHERE incident_deadlines.due_at <= \(bind: now) AND incidents.next_due_at <= \(bind: now)
                """
            query += extra + " ORDER BY incident_deadlines.due_at"
        } else {
            query = "SELECT \(IncidentRow.columns) FROM incidents WHERE next_due_at <= \(bind: now)"
            query += extra + " ORDER BY next_due_at"
        }
        if let limit { query += " LIMIT \(literal: limit)" }
        if lock && sql.dialect.name == "postgresql" { query += " FOR UPDATE OF incidents SKIP LOCKED" }
        return query
    }
}
