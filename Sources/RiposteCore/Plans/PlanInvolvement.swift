import Foundation

/// Where one plan stands on an incident (#15 point 3): the incident page shows it per plan.
public enum PlanInvolvement: String, CaseIterable, Codable, Sendable {
    /// No one has brought the plan in.
    case notInvolved = "not_involved"
    /// A manager sent a warning along one of chapter II's flows towards it.
    case warned
    /// A crisis qualification invokes the CMP (§4.2.4); its manager decides.
    case invoked
    /// Its manager activated it.
    case active
    /// Its manager, warned or invoked, decided not to activate it, and said why.
    case declined
    /// Its manager stood it down.
    case stoodDown = "stood_down"
}

/// The last thing that happened to a plan that is not active, and when (an active plan's
/// time is `PlanState.activeSince`).
public struct PlanMark: Sendable, Equatable {
    public let involvement: PlanInvolvement
    public let at: Date

    public init(_ involvement: PlanInvolvement, at: Date) {
        self.involvement = involvement
        self.at = at
    }
}
