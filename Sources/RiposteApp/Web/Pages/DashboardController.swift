import Foundation
import RiposteCore
import SQLKit
import Vapor

/// `/`: open incidents by severity, what is past a deadline, the person's checklist tasks,
/// the last reports.
struct DashboardController {
    struct Page: Encodable {
        struct SeverityCount: Encodable {
            let severity: String
            let count: Int
        }

        struct Line: Encodable {
            let number: String
            let title: String
            let status: String
            let reportedAt: String
            let dueAt: String
        }

        struct Task: Encodable {
            let number: String
            let text: String
        }

        let page: PageFrame
        let bySeverity: [SeverityCount]
        let late: [Line]
        let tasks: [Task]
        let recent: [Line]
        /// Roles and parties of the directory short of a principal and a backup (annex 1).
        let gaps: [String]
        /// The latest plan version, when the person has not acknowledged it yet.
        let planToAcknowledge: Int?
        /// Why the plan should be reviewed (administrator).
        let planReminders: [String]
    }

    func show(_ req: Request) async throws -> View {
        let user = try req.actingPerson
        let sql = try req.db.sql()
        let plan = try req.plan
        let open = IncidentStatus.allCases.filter(\.isOpen).map(\.rawValue)
        let mine: SQLQueryString = user.can(.viewRegister) ? "" : " AND reporter_id = \(bind: user.id)"
        var counts: [String: Int] = [:]
        for row in try await sql.raw(
            """
            SELECT severity, COUNT(*) AS n FROM incidents WHERE status IN (\(binds: open))\(mine) GROUP BY severity
            """
        ).all() {
            counts[try row.decode(column: "severity", as: String?.self) ?? "none"] = try row.decode(
                column: "n", as: Int.self)
        }
        let now = req.now
        let late = try await IncidentRow.fetch(
            DueIncidents.query(at: now, extra: mine, limit: 10, lock: false, on: sql), on: sql)
        let recent = try await IncidentQuery.page(
            IncidentFilter(reporterOnly: user.can(.viewRegister) ? nil : user.id, limit: 10), on: sql
        ).0
        var tasks: [Page.Task] = []
        // Open steps of the incidents the person may work on (§4.2.1–§4.2.4).
        if user.can(.completeChecklistStep, severity: .low) {
            let rows = try await sql.raw(
                """
                SELECT incidents.number AS number, incidents.severity AS severity, checklist_items.step_key AS step_key
                FROM checklist_items JOIN incidents ON incidents.id = checklist_items.incident_id
                WHERE checklist_items.done_at IS NULL AND incidents.status IN (\(binds: open))
                ORDER BY incidents.reported_at DESC, checklist_items.position LIMIT 50
                """
            ).all()
            for row in rows {
                let severity = try row.decode(column: "severity", as: String?.self).flatMap(Severity.init)
                guard user.can(.completeChecklistStep, severity: severity),
                    let step = Checklists.step(forKey: try row.decode(column: "step_key", as: String.self))
                else { continue }
                tasks.append(
                    Page.Task(
                        number: try row.decode(column: "number", as: String.self),
                        text: req.t(step.textKey)))
                if tasks.count == 10 { break }
            }
        }
        let line = { (row: IncidentRow) in
            Page.Line(
                number: row.number, title: row.title, status: row.status, reportedAt: req.display(row.reportedAt),
                dueAt: req.display(row.nextDueAt))
        }
        return try await req.view.render(
            "dashboard",
            Page(
                page: try await req.frame("dashboard.title"),
                bySeverity: (Severity.allCases.reversed().map(\.rawValue) + ["none"]).compactMap { key in
                    counts[key].map { Page.SeverityCount(severity: key, count: $0) }
                },
                late: late.map(line), tasks: tasks, recent: recent.map(line),
                gaps: user.can(.viewRegister)
                    ? try await req.preparation.gaps().map { $0.kind == .role ? req.t("role.\($0.name)") : $0.name }
                    : [],
                planToAcknowledge: try await plan.hasAcknowledgedLatest().done ? nil : try await plan.latestNumber(),
                planReminders: user.can(.manageSettings) ? try await plan.reminders().map(\.rawValue) : []))
    }
}
