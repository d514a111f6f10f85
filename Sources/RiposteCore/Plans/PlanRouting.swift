/// Who hears of a plan's activation or deactivation, following chapter II.
enum PlanRouting {
    static func activation(
        of plan: ResponsePlan, from side: ResponsePlan, alsoActive: PlanState
    ) -> [NotificationRecipient] {
        var notices: [NotificationRecipient] = []
        // The alarm that brings the plan in: flow 1 (IRP→CMP), 2 (CMP→BCP), 4 (CMP→DRP),
        // 7 (IRP→BCP). The manager activating their own plan needs no alarm.
        if side != plan {
            notices.append(
                NotificationRecipient(role: plan.manager, flow: NotificationFlow.between(side, plan)?.number))
        }
        for flow in NotificationFlow.all where flow.from == plan {
            switch flow.kind {
            // The CMP, once active, alerts the BCP (2) and the DRP (4) managers.
            case .alerts: notices.append(NotificationRecipient(role: flow.to.manager, flow: flow.number))
            // Consulting and informing (3, 5, 6) is between plans already in action.
            case .informs where alsoActive.isActive(flow.to):
                notices.append(NotificationRecipient(role: flow.to.manager, flow: flow.number))
            case .informs: break
            }
        }
        // The IRP is kept informed (flow 1: "maintient les gestionnaires de l'IRP informés";
        // flow 7: the BCP manager relies on the incident response team).
        if side != .irp, let back = NotificationFlow.between(.irp, plan) {
            notices.append(NotificationRecipient(role: .incidentManager, flow: back.number))
        }
        return unique(notices, besides: side)
    }

    static func deactivation(
        of plan: ResponsePlan, from side: ResponsePlan, alsoActive: PlanState
    ) -> [NotificationRecipient] {
        var notices: [NotificationRecipient] = []
        if side != plan { notices.append(NotificationRecipient(role: plan.manager, flow: nil)) }
        for flow in NotificationFlow.all where flow.from == plan && alsoActive.isActive(flow.to) {
            notices.append(NotificationRecipient(role: flow.to.manager, flow: flow.number))
        }
        if side != .irp {
            notices.append(
                NotificationRecipient(role: .incidentManager, flow: NotificationFlow.between(.irp, plan)?.number))
        }
        return unique(notices, besides: side)
    }

    /// One notice per role, keeping the first flow found for it; the side that acted is
    /// not told what it did itself.
    private static func unique(
        _ notices: [NotificationRecipient], besides side: ResponsePlan
    ) -> [NotificationRecipient] {
        var seen: Set<Role> = [side.manager]
        return notices.filter { seen.insert($0.role).inserted }
    }
}
