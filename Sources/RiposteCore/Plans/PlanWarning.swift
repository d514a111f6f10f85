import Foundation

/// A warning along one arrow of chapter II (#15 point 3): the sender's role may send it about
/// an incident, with a message, to the holders of the receiving plan's role. Warning is not
/// activating: the receiver decides, and may decline with a reason.
public struct PlanWarning: Sendable, Equatable {
    public let flow: NotificationFlow
    public let message: String

    /// The flows whose sending side one of these roles manages: the incident manager sends 1
    /// and 7, the crisis manager 2 and 4, the continuity manager 3 and 6, the recovery manager
    /// 5 and 6 (the other way).
    public static func flows(sentBy roles: Set<Role>) -> [NotificationFlow] {
        NotificationFlow.all.filter { roles.contains($0.from.manager) }
    }

    /// The warning as effects at `at`: its journal entry (the message as text), the receiving
    /// plan marked warned unless it is already invoked or active, and the message to the
    /// receiving plan's manager.
    public func effects(on plans: PlanState, severity: Severity?, at: Date) -> IncidentEffects {
        var after = plans
        let target = flow.to
        let changesInvolvement = ![.active, .invoked].contains(plans.involvement(of: target))
        if changesInvolvement { after.marks[target] = PlanMark(.warned, at: at) }
        return IncidentEffects(
            plans: changesInvolvement ? after : nil,
            journal: [
                .init(
                    .planWarned, text: message,
                    details: ["flow": String(flow.number), "from": flow.from.rawValue, "plan": target.rawValue])
            ],
            events: [
                .init(
                    .planWarned, severity: severity, plan: target, note: message,
                    to: [NotificationRecipient(role: target.manager, flow: flow.number)])
            ])
    }
}

extension Lifecycle {
    /// Judges a warning along flow `number`: the sender must manage the flow's sending side,
    /// and the incident must still be open (a resolved incident may still need its plans).
    public static func warn(
        _ incident: IncidentState, flow number: Int, message: String, roles: Set<Role>
    ) -> Result<PlanWarning, LifecycleError> {
        guard PermissionMatrix.allows(roles, .warn, severity: incident.severity),
            let flow = PlanWarning.flows(sentBy: roles).first(where: { $0.number == number })
        else { return .failure(.forbidden(.warn)) }
        guard EscalationPolicy.running.contains(incident.status) || incident.status == .resolved else {
            return .failure(.incidentFinished(incident.status))
        }
        return .success(PlanWarning(flow: flow, message: message))
    }
}
