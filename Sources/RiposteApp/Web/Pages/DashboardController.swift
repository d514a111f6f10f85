import Foundation
import RiposteCore
import RiposteStorage
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
        /// Open incidents the person owns or works on as a member of the response team (#16).
        let mine: [Line]
        /// Closed incidents whose post-incident review is not done (#16 point 5).
        let awaitingReview: [Line]
        let recent: [Line]
        /// Roles and parties of the directory short of a principal and a backup (annex 1).
        let gaps: [String]
        /// The latest plan version, when the person has not acknowledged it yet.
        let planToAcknowledge: Int?
        /// Why the plan should be reviewed (administrator).
        let planReminders: [String]
        /// The getting-ready checklist while something is left (administrator, #19 point 3);
        /// `readyDone` once all is done, for the link that shows it again.
        let lines: [GettingReadyPageController.Line]
        let readyDone: Bool
        /// The law's deadlines still open, soonest first (#17).
        let deadlines: [Deadline]
    }

    /// A deadline of the law as the dashboard and the incident page show it: when, and the
    /// time left or how long past.
    struct Deadline: Encodable {
        let number: String
        let title: String
        let step: String
        let due: String
        let left: String
        let overdue: Bool

        init(_ clock: ObligationClock, number: String, title: String, _ req: Request) {
            let now = req.now
            (self.number, self.title, step, due) = (number, title, clock.step.rawValue, req.display(clock.dueAt))
            left =
                clock.dueAt.map {
                    $0 >= now
                        ? req.t("assessment.left", req.duration(Countdown(to: $0, from: now)))
                        : req.t("assessment.pastBy", req.duration(Countdown(to: now, from: $0)))
                } ?? req.t("assessment.withoutDelay")
            overdue = clock.isOverdue(at: now)
        }
    }

    func show(_ req: Request) async throws -> View {
        let user = try req.actingPerson
        let sql = try req.db.sql()
        let plan = try req.plan
        let reporter = user.can(.viewRegister) ? nil : user.id
        let counts = try await DashboardReads.openBySeverity(reporter: reporter, on: sql)
        let now = req.now
        // Past a deadline the sweep has not handled yet, then those it has, until resolved.
        let due = try await IncidentRow.fetch(
            DueIncidents.query(at: now, reporter: reporter, limit: 10, lock: false, on: sql), on: sql
        ).filter { EscalationPolicy.running.contains($0.state.status) }.map(RegisterLine.init)
        let breached = try await DashboardReads.breached(reporter: reporter, limit: 10, on: sql)
        let dueIDs = Set(due.map(\.id))
        let late = Array((due + breached.filter { !dueIDs.contains($0.id) }).prefix(10))
        let recent = try await IncidentQuery.page(
            IncidentFilter(reporterOnly: user.can(.viewRegister) ? nil : user.id, limit: 10), on: sql
        ).0
        var own = IncidentFilter(involving: user.id, openOnly: true, limit: 10)
        // A drill one takes part in is one's work too.
        own.exercises = .included
        let mine = user.can(.viewRegister) ? try await IncidentQuery.page(own, on: sql).0 : []
        let awaitingReview =
            user.can(.viewRegister) ? try await LessonsReads.awaitingReview(limit: 10, on: sql) : []
        var tasks: [Page.Task] = []
        // Open steps of the incidents the person may work on (§4.2.1–§4.2.4).
        if user.can(.completeChecklistStep, severity: .low) {
            for open in try await DashboardReads.openSteps(limit: 50, on: sql) {
                guard user.can(.completeChecklistStep, severity: open.severity) else { continue }
                tasks.append(
                    Page.Task(
                        number: open.number,
                        text: open.step.words(in: req.pageLanguage, wording: req.application.catalogue)))
                if tasks.count == 10 { break }
            }
        }
        let line = { (row: RegisterLine) in
            Page.Line(
                number: row.number, title: row.title, status: row.status, reportedAt: req.display(row.reportedAt),
                // A breach already handled has its next deadline ahead: no "late since" a future time.
                dueAt: row.nextDueAt.flatMap { $0 <= now ? req.display($0) : nil } ?? "")
        }
        let ready = user.can(.manageSettings) ? try await GettingReadyPageController.lines(req) : []
        let readyDone = !ready.isEmpty && ready.allSatisfy(\.done)
        let deadlines = try await req.regulationActions.openDeadlines(limit: 10).map {
            Deadline($0.clock, number: $0.number, title: $0.title, req)
        }
        return try await req.view.render(
            "dashboard",
            Page(
                page: try await req.frame("dashboard.title"),
                bySeverity: (Severity.allCases.reversed().map(\.rawValue) + ["none"]).compactMap { key in
                    counts[key].map { Page.SeverityCount(severity: key, count: $0) }
                },
                late: late.map(line), tasks: tasks, mine: mine.map(line),
                awaitingReview: awaitingReview.map {
                    Page.Line(
                        number: $0.number, title: $0.title, status: IncidentStatus.closed.rawValue,
                        reportedAt: "", dueAt: req.display($0.closedAt))
                },
                recent: recent.map(line),
                gaps: user.can(.viewRegister)
                    ? try await req.preparation.gaps().map { $0.kind == .role ? req.t("role.\($0.name)") : $0.name }
                    : [],
                planToAcknowledge: try await plan.hasAcknowledgedLatest().done ? nil : try await plan.latestNumber(),
                planReminders: user.can(.manageSettings) ? try await plan.reminders().map(\.rawValue) : [],
                lines: readyDone ? [] : ready, readyDone: readyDone, deadlines: deadlines))
    }
}
