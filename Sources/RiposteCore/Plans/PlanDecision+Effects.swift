import Foundation

extension PlanDecision {
    /// The decision taken at `at` on an incident whose plans were `plans` and whose severity is
    /// `severity`: the plans as they now stand, its journal entry (the note as its text, who is
    /// told as `role:flow` pairs) and the messages along chapter II's flows.
    public func effects(on plans: PlanState, severity: Severity?, note: String?, at: Date) -> IncidentEffects {
        var after = plans
        let kind: (journal: JournalKind, event: NotificationEventKind)
        switch change {
        case .activated:
            after.activeSince[plan] = at
            kind = (.planActivated, .planActivated)
        case .deactivated:
            after.activeSince[plan] = nil
            kind = (.planDeactivated, .planDeactivated)
        case .closeAgreed:
            after.closeAgreedAt[plan] = at
            kind = (.planCloseAgreed, .planCloseAgreed)
        }
        let told = notices.map { "\($0.role.rawValue)\($0.flow.map { ":\($0)" } ?? "")" }
        return IncidentEffects(
            plans: after,
            journal: [
                .init(
                    kind.journal, text: note ?? "",
                    details: [
                        "plan": plan.rawValue, "actingFor": actingFor.rawValue,
                        "notify": told.joined(separator: ","),
                    ])
            ],
            events: [.init(kind.event, severity: severity, plan: plan, to: notices)])
    }
}
