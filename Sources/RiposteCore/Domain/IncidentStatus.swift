/// Where an incident stands. Preparation (stage 1) is the organisation's plan itself,
/// so no status belongs to it.
public enum IncidentStatus: String, CaseIterable, Codable, Sendable {
    case reported
    case qualified
    case inTreatment = "in_treatment"
    case eradication
    case resolved
    case closed
    case reviewed
    case rejected

    public var stage: PlanStage {
        switch self {
        case .reported, .qualified, .rejected: .notificationAndIdentification
        case .inTreatment: .activationAndTreatment
        case .eradication: .eradication
        case .resolved, .closed: .deactivation
        case .reviewed: .lessonsLearned
        }
    }

    /// An incident still being handled: counts on dashboards and in escalation.
    public var isOpen: Bool {
        switch self {
        case .reported, .qualified, .inTreatment, .eradication, .resolved: true
        case .closed, .reviewed, .rejected: false
        }
    }
}
