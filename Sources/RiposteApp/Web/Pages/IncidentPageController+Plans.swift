import Foundation
import RiposteCore
import RiposteStorage
import Vapor

extension IncidentPageController.Page {
    /// One plan as the incident page shows it (#15 point 3): where it stands, since when, and
    /// who did the last thing to it.
    struct Plan: Encodable {
        let code: String
        let name: String
        let involvement: String
        /// "CMP invoked, awaiting the crisis manager's decision", in the reader's language.
        let state: String
        let since: String
        let by: String
        /// Shown among the incident's badges: active, or invoked and awaiting a decision.
        let badge: Bool
    }

    /// A flow of chapter II one may send a warning along.
    struct Warning: Encodable {
        let flow: String
        let label: String
    }
}

extension IncidentPageController {
    /// The journal kinds that move a plan; the last of each plan's names who moved it.
    private static let planMoves: Set<String> = Set(
        [JournalKind.planWarned, .planInvoked, .planActivated, .planDeactivated, .planDeclined].map(\.rawValue))

    /// The continuity, crisis and recovery plans, involved or not; the IRP once it is deactivated.
    static func plans(
        _ plans: PlanState, journal: [JournalRow], names: [UUID: String], _ req: Request
    ) -> [Page.Plan] {
        var lastMove: [String: JournalRow] = [:]
        for entry in journal where planMoves.contains(entry.kind) {
            if let plan = entry.stored?.content.details["plan"] { lastMove[plan] = entry }
        }
        return ResponsePlan.allCases.compactMap { plan in
            let since = plans.since(plan)
            if plan == .irp, since == nil { return nil }
            let involvement = plans.involvement(of: plan)
            let name = plan.rawValue.uppercased()
            let by = lastMove[plan.rawValue].map { $0.authorId.flatMap { names[$0] } ?? req.t("journal.system") }
            return Page.Plan(
                code: plan.rawValue, name: name, involvement: involvement.rawValue,
                state: req.t("plan.involvement.\(involvement.rawValue)", name), since: since.map(req.display) ?? "",
                by: by ?? "", badge: [.active, .invoked].contains(involvement))
        }
    }

    /// The warnings one may send now, each named by its flow and its receiver.
    static func warnings(_ flows: [NotificationFlow], _ req: Request) -> [Page.Warning] {
        flows.map { flow in
            let number = String(flow.number)
            let receiver = req.t(NotificationText.roleKey(flow.to.manager))
            return Page.Warning(flow: number, label: req.t("plan.warning.option", number, receiver))
        }
    }
}

extension IncidentPageController.Page {
    /// An alert that waits, or waited, for an answer (#15 point 7): who got it, and who answered.
    struct Alert: Encodable {
        let id: UUID
        let subject: String
        let role: String
        let at: String
        let state: String
        let answered: Bool
        /// The reader was told of it and it waits: they may acknowledge it here.
        let answerable: Bool
    }
}

extension IncidentPageController {
    static func alerts(_ rows: [AlertStore.Row], _ req: Request) -> [Page.Alert] {
        rows.map { alert in
            let event = try? JSONDecoder().decode(NotificationEvent.self, from: Data(alert.payload.utf8))
            let subject = event.map {
                NotificationText.subject($0, in: req.pageLanguage, wording: req.application.catalogue)
            }
            let state: String
            if let at = alert.acknowledgedAt {
                state = req.t("incident.alerts.answered", req.display(at), alert.acknowledgedByName ?? "")
            } else {
                state = req.t("incident.alerts.stage.\(alert.stage.key)", req.display(alert.stageAt))
            }
            return Page.Alert(
                id: alert.id, subject: subject ?? "", role: req.t("role.\(alert.role.rawValue)"),
                at: req.display(alert.createdAt), state: state, answered: alert.acknowledgedAt != nil,
                answerable: alert.acknowledgedAt == nil && alert.toldToReader)
        }
    }
}
