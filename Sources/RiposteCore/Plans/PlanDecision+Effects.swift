import Foundation

extension PlanDecision {
    /// The decision taken at `at` on an incident whose plans were `plans` and whose severity is
    /// `severity`: the plans as they now stand, its journal entry (the note or reason as its
    /// text, who is told as `role:flow` pairs) and the message to them.
    public func effects(on plans: PlanState, severity: Severity?, note: String?, at: Date) -> IncidentEffects {
        var after = plans
        let kind: (journal: JournalKind, event: NotificationEventKind)
        switch change {
        case .activated:
            after.activeSince[plan] = at
            after.marks[plan] = nil
            kind = (.planActivated, .planActivated)
        case .deactivated:
            after.activeSince[plan] = nil
            after.marks[plan] = PlanMark(.stoodDown, at: at)
            kind = (.planDeactivated, .planDeactivated)
        case .declined:
            after.marks[plan] = PlanMark(.declined, at: at)
            kind = (.planDeclined, .planDeclined)
        case .closeAgreed:
            after.closeAgreedAt[plan] = at
            kind = (.planCloseAgreed, .planCloseAgreed)
        }
        return IncidentEffects(
            plans: after,
            journal: [
                .init(
                    kind.journal, text: note ?? "",
                    details: ["plan": plan.rawValue, "notify": RecipientList.encode(notices)])
            ],
            events: [.init(kind.event, severity: severity, plan: plan, note: note, to: notices)])
    }
}
