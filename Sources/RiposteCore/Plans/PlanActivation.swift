import Foundation

/// The plans' state on one incident: when each active plan was activated, when its manager
/// last agreed to close the incident, and what last happened to each plan that is not active.
public struct PlanState: Sendable, Equatable {
    public var activeSince: [ResponsePlan: Date]
    public var closeAgreedAt: [ResponsePlan: Date]
    /// Warned, invoked, declined or stood down, with when; the IRP's is its deactivation.
    public var marks: [ResponsePlan: PlanMark]

    public init(
        activeSince: [ResponsePlan: Date] = [:], closeAgreedAt: [ResponsePlan: Date] = [:],
        marks: [ResponsePlan: PlanMark] = [:]
    ) {
        self.activeSince = activeSince
        self.closeAgreedAt = closeAgreedAt
        self.marks = marks
    }

    /// The IRP runs with every incident until the incident manager deactivates it (§4.5); the
    /// other plans run from their activation.
    public func isActive(_ plan: ResponsePlan) -> Bool {
        plan == .irp ? marks[.irp]?.involvement != .stoodDown : activeSince[plan] != nil
    }

    /// Where the plan stands now.
    public func involvement(of plan: ResponsePlan) -> PlanInvolvement {
        isActive(plan) ? .active : marks[plan]?.involvement ?? .notInvolved
    }

    /// Since when it stands there (nil while it is not involved).
    public func since(_ plan: ResponsePlan) -> Date? {
        activeSince[plan] ?? marks[plan]?.at
    }

    /// Active BCP or CMP whose manager has not agreed since it was (re)activated (§4.5).
    public var agreementsMissing: [ResponsePlan] {
        ResponsePlan.closingNeedsAgreement.filter { plan in
            guard let since = activeSince[plan] else { return false }
            guard let agreed = closeAgreedAt[plan] else { return true }
            return agreed < since
        }
    }

    /// Whether a decision is awaited from the plan's manager: warned or invoked, not yet
    /// activated or declined.
    public func awaitsDecision(_ plan: ResponsePlan) -> Bool {
        [.warned, .invoked].contains(involvement(of: plan))
    }
}

/// What activating, standing down, declining or agreeing changes, and whom to tell.
public struct PlanDecision: Sendable, Equatable {
    public enum Change: String, Sendable {
        case activated
        case deactivated
        case closeAgreed = "close_agreed"
        /// Warned or invoked, the plan's manager decided not to activate it (§4.2.4).
        case declined
    }

    public let plan: ResponsePlan
    public let change: Change
    public let notices: [NotificationRecipient]
}

extension Lifecycle {
    /// Judges activating (`activate: true`) or standing down a plan on an incident: the act of
    /// that plan's own manager (chapter II), who tells the incident manager and the plan's own
    /// team. The other plans' managers hear of it through the warnings the manager sends.
    public static func changePlan(
        _ incident: IncidentState, plan: ResponsePlan, activate: Bool, roles: Set<Role>
    ) -> Result<PlanDecision, LifecycleError> {
        guard let action = activate ? plan.activateAction : plan.deactivateAction else {
            return .failure(.illegalPlan(plan))
        }
        guard PermissionMatrix.allows(roles, action, severity: incident.severity) else {
            return .failure(.forbidden(action))
        }
        // §4.5: the IRP is deactivated once the services are back, before the ticket is closed.
        if plan == .irp, incident.status != .resolved {
            return .failure(
                [.closed, .reviewed, .rejected].contains(incident.status)
                    ? .incidentFinished(incident.status) : .irpRunsUntilResolved)
        }
        guard EscalationPolicy.running.contains(incident.status) || (!activate && incident.status == .resolved) else {
            return .failure(.incidentFinished(incident.status))
        }
        guard incident.plans.isActive(plan) != activate else {
            return .failure(activate ? .planAlreadyActive(plan) : .planNotActive(plan))
        }
        return .success(
            PlanDecision(plan: plan, change: activate ? .activated : .deactivated, notices: toldOfDecision(on: plan)))
    }

    /// Judges a plan manager's decision not to activate the plan they were warned of or that a
    /// crisis invoked; the reason is required, and the incident manager and the team are told.
    public static func declinePlan(
        _ incident: IncidentState, plan: ResponsePlan, reason: String?, roles: Set<Role>
    ) -> Result<PlanDecision, LifecycleError> {
        guard let action = plan.activateAction else { return .failure(.illegalPlan(plan)) }
        guard PermissionMatrix.allows(roles, action, severity: incident.severity) else {
            return .failure(.forbidden(action))
        }
        guard EscalationPolicy.running.contains(incident.status) || incident.status == .resolved else {
            return .failure(.incidentFinished(incident.status))
        }
        guard incident.plans.awaitsDecision(plan) else { return .failure(.noDecisionAwaited(plan)) }
        guard let reason, !reason.isEmpty else { return .failure(.reasonRequired) }
        return .success(PlanDecision(plan: plan, change: .declined, notices: toldOfDecision(on: plan)))
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
                plan: plan, change: .closeAgreed,
                notices: [
                    NotificationRecipient(role: .incidentManager, flow: NotificationFlow.between(.irp, plan)?.number)
                ]))
    }

    /// A plan manager's decision is told to the incident manager (flow 1 keeps the IRP informed
    /// of the CMP, flow 7 of the BCP) and to the plan's own team, the other holders of the role;
    /// the incident manager's deactivation of the IRP, to the response team.
    static func toldOfDecision(on plan: ResponsePlan) -> [NotificationRecipient] {
        if plan == .irp { return [NotificationRecipient(role: .responseTeam)] }
        return [
            NotificationRecipient(role: .incidentManager, flow: NotificationFlow.between(.irp, plan)?.number),
            NotificationRecipient(role: plan.manager),
        ]
    }
}
