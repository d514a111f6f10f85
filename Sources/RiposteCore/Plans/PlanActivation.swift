import Foundation

/// The plans' state on one incident: when each active plan was activated, and when its
/// manager last agreed to close the incident.
public struct PlanState: Sendable, Equatable {
    public var activeSince: [ResponsePlan: Date]
    public var closeAgreedAt: [ResponsePlan: Date]

    public init(activeSince: [ResponsePlan: Date] = [:], closeAgreedAt: [ResponsePlan: Date] = [:]) {
        self.activeSince = activeSince
        self.closeAgreedAt = closeAgreedAt
    }

    public func isActive(_ plan: ResponsePlan) -> Bool { activeSince[plan] != nil }

    /// Active BCP or CMP whose manager has not agreed since it was (re)activated (§4.5).
    public var agreementsMissing: [ResponsePlan] {
        ResponsePlan.closingNeedsAgreement.filter { plan in
            guard let since = activeSince[plan] else { return false }
            guard let agreed = closeAgreedAt[plan] else { return true }
            return agreed < since
        }
    }
}

/// What activating, deactivating or agreeing changes, and whom to tell.
public struct PlanDecision: Sendable, Equatable {
    public enum Change: String, Sendable {
        case activated
        case deactivated
        case closeAgreed = "close_agreed"
    }

    public let plan: ResponsePlan
    public let change: Change
    /// The plan the actor acted for: the flows start from it.
    public let actingFor: ResponsePlan
    public let notices: [NotificationRecipient]
}

extension Lifecycle {
    /// Judges activating (`activate: true`) or deactivating a plan on an incident, and
    /// works out who is told, along chapter II's flows.
    public static func changePlan(
        _ incident: IncidentState, plan: ResponsePlan, activate: Bool, roles: Set<Role>
    ) -> Result<PlanDecision, LifecycleError> {
        guard let action = activate ? plan.activateAction : plan.deactivateAction else {
            return .failure(.illegalPlan(plan))
        }
        guard PermissionMatrix.allows(roles, action, severity: incident.severity) else {
            return .failure(.forbidden(action))
        }
        guard EscalationPolicy.running.contains(incident.status) || (!activate && incident.status == .resolved) else {
            return .failure(.incidentFinished(incident.status))
        }
        guard incident.plans.isActive(plan) != activate else {
            return .failure(activate ? .planAlreadyActive(plan) : .planNotActive(plan))
        }
        let side = actingSide(roles, towards: plan)
        let notices =
            activate
            ? PlanRouting.activation(of: plan, from: side, alsoActive: incident.plans)
            : PlanRouting.deactivation(of: plan, from: side, alsoActive: incident.plans)
        return .success(
            PlanDecision(plan: plan, change: activate ? .activated : .deactivated, actingFor: side, notices: notices))
    }

    /// Judges a plan manager's agreement to close the incident (§4.5).
    public static func agreeToClose(
        _ incident: IncidentState, plan: ResponsePlan, roles: Set<Role>
    ) -> Result<PlanDecision, LifecycleError> {
        guard let action = plan.agreeToCloseAction else { return .failure(.illegalPlan(plan)) }
        guard PermissionMatrix.allows(roles, action, severity: incident.severity) else {
            return .failure(.forbidden(action))
        }
        guard incident.plans.agreementsMissing.contains(plan) else {
            return .failure(incident.plans.isActive(plan) ? .alreadyAgreed(plan) : .planNotActive(plan))
        }
        guard incident.status != .closed, incident.status != .reviewed, incident.status != .rejected else {
            return .failure(.incidentFinished(incident.status))
        }
        return .success(
            PlanDecision(
                plan: plan, change: .closeAgreed, actingFor: plan,
                notices: [
                    NotificationRecipient(role: .incidentManager, flow: NotificationFlow.between(.irp, plan)?.number)
                ]))
    }

    /// The plan someone acts for: their own when they manage it, else the first plan they
    /// manage that has an arrow towards it (the crisis manager before the incident manager,
    /// since the CMP leads once involved).
    static func actingSide(_ roles: Set<Role>, towards plan: ResponsePlan) -> ResponsePlan {
        if roles.contains(plan.manager) { return plan }
        for side in [ResponsePlan.cmp, .irp, .bcp, .drp] where roles.contains(side.manager) {
            if NotificationFlow.between(side, plan) != nil { return side }
        }
        return .irp
    }
}
