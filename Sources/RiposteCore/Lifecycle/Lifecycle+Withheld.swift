import Foundation

/// Something a person may not do to an incident now because of their roles, though another
/// role may (#19 point 3): the page says which roles would allow it, and who holds them.
public struct WithheldAction: Sendable, Equatable {
    /// What it is, in `ActionOffer.actions`' words: `qualify`, `move.resolved`, `activate.bcp`…
    public let action: String
    /// The roles of which any one would allow it now.
    public let roles: [Role]
}

extension ActionOffer {
    /// Every action offered, by name: the same judgements as the forms, as one set to compare.
    /// Warnings are left out: each flow is its sender's by definition (chapter II).
    public var actions: [String] {
        var names: [String] = []
        if qualify { names.append("qualify") }
        if requalify { names.append("requalify") }
        names += transitions.map { "move.\($0.status.rawValue)" }
        if escalate { names.append("escalate") }
        if statusReport { names.append("statusReport") }
        if completeSteps { names.append("completeSteps") }
        if addAction { names.append("addAction") }
        if pauseClock { names.append("pauseClock") }
        if resumeClock { names.append("resumeClock") }
        names += activatePlans.map { "activate.\($0.rawValue)" }
        names += deactivatePlans.map { "deactivate.\($0.rawValue)" }
        names += agreeToClose.map { "agree.\($0.rawValue)" }
        names += declinePlans.map { "decline.\($0.rawValue)" }
        if recordCommunication { names.append("communicate") }
        if nameParties { names.append("nameParties") }
        if assignOwner { names.append("assignOwner") }
        if manageMembers { names.append("manageMembers") }
        return names
    }
}

extension Lifecycle {
    /// What someone with `roles` may not do now that a role of the plan would allow, in the
    /// order the page shows actions, each with the roles that would. Nothing when the
    /// incident is finished, or when the person may do everything anyone may.
    public static func withheld(_ incident: IncidentState, clockPaused: Bool, roles: Set<Role>) -> [WithheldAction] {
        let own = Set(offer(incident, clockPaused: clockPaused, roles: roles).actions)
        // Role by role: some actions are one role's and refused to another (the helpdesk
        // escalates to the incident manager, who does not escalate to themself).
        let byRole = Role.allCases.map { role in
            (role, Set(offer(incident, clockPaused: clockPaused, roles: [role]).actions))
        }
        return ActionOffer.everyAction.compactMap { action in
            guard !own.contains(action) else { return nil }
            let allowing = byRole.filter { $0.1.contains(action) }.map(\.0)
            return allowing.isEmpty ? nil : WithheldAction(action: action, roles: allowing)
        }
    }
}

extension ActionOffer {
    /// Every action there is, in the page's order.
    public static let everyAction: [String] = {
        var all = ActionOffer()
        (all.qualify, all.requalify, all.escalate, all.statusReport) = (true, true, true, true)
        (all.completeSteps, all.addAction, all.pauseClock, all.resumeClock) = (true, true, true, true)
        (all.recordCommunication, all.nameParties, all.assignOwner, all.manageMembers) = (true, true, true, true)
        all.transitions = IncidentStatus.allCases.map { ($0, false) }
        all.activatePlans = ResponsePlan.allCases
        all.deactivatePlans = ResponsePlan.allCases
        all.agreeToClose = ResponsePlan.allCases
        all.declinePlans = ResponsePlan.allCases
        return all.actions
    }()
}
