/// The six stages of the Incident Response Plan (§4.1–§4.6).
public enum PlanStage: Int, CaseIterable, Codable, Sendable, Comparable {
    case preparation = 1
    case notificationAndIdentification = 2
    case activationAndTreatment = 3
    case eradication = 4
    case deactivation = 5
    case lessonsLearned = 6

    public var key: String {
        switch self {
        case .preparation: "preparation"
        case .notificationAndIdentification: "notification"
        case .activationAndTreatment: "treatment"
        case .eradication: "eradication"
        case .deactivation: "deactivation"
        case .lessonsLearned: "lessons_learned"
        }
    }

    public static func < (lhs: PlanStage, rhs: PlanStage) -> Bool { lhs.rawValue < rhs.rawValue }
}
