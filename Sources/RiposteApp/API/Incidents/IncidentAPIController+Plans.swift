import RiposteCore
import Vapor

extension IncidentAPIController {
    /// `POST /incidents/{id}/plans/{bcp|cmp|drp}`: activate or stand down a plan, or agree as
    /// its manager that the incident be closed. Journalled, and told along chapter II's flows.
    func changePlan(_ req: Request) async throws -> Response {
        let user = try req.apiUser
        guard let plan = req.parameters.get("plan").flatMap(ResponsePlan.init(rawValue:)) else {
            throw APIError.notFound("Plan")
        }
        let body = try req.decodeBody(PlanBody.self)
        let note = try FieldError.check { () throws(FieldError) in
            try TextRule.optional(body.note, field: "note", max: FieldLimits.reason)
        }
        let incident = try await req.incidentReader.find(try req.incidentReference(), visibleTo: user)
        try await req.incidents.mutate(
            incident.id, expectedVersion: try ETag.expectedVersion(req), author: user.id, at: req.now
        ) { change in
            let decision: PlanDecision
            var plans = change.incident.plans
            switch body.action {
            case .activate, .deactivate:
                decision = try Lifecycle.changePlan(
                    change.incident.state, plan: plan, activate: body.action == .activate, roles: user.roles
                ).orThrow()
                plans.activeSince[plan] = body.action == .activate ? change.at : nil
            case .agreeToClose:
                decision = try Lifecycle.agreeToClose(change.incident.state, plan: plan, roles: user.roles).orThrow()
                plans.closeAgreedAt[plan] = change.at
            }
            change.incident.plans = plans
            try await change.record(
                Self.journalKind[decision.change]!, text: note ?? "",
                details: [
                    "plan": plan.rawValue, "actingFor": decision.actingFor.rawValue,
                    "notify": decision.notices.map { "\($0.role.rawValue)\($0.flow.map { ":\($0)" } ?? "")" }
                        .joined(separator: ","),
                ])
            try await change.notify(Self.eventKind[decision.change]!, plan: plan, to: decision.notices)
        }
        return try await req.incidentResponse(incident.id)
    }

    static let journalKind: [PlanDecision.Change: JournalKind] = [
        .activated: .planActivated, .deactivated: .planDeactivated, .closeAgreed: .planCloseAgreed,
    ]

    static let eventKind: [PlanDecision.Change: NotificationEventKind] = [
        .activated: .planActivated, .deactivated: .planDeactivated, .closeAgreed: .planCloseAgreed,
    ]
}
