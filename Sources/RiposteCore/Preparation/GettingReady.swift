import Foundation

/// The preparation stage (§4.1 and the annexes) as a checklist Riposte ticks itself (#19
/// point 3): what a new organisation must have in place before its first real incident.
public enum GettingReady {
    public enum Item: String, CaseIterable, Sendable {
        /// The SLA targets were looked at and saved once (§4.2's deadlines are the organisation's).
        case deadlines
        /// Every role of chapter III is held by someone who can sign in.
        case roles
        /// Annex 1: every role and party has a principal and a backup contact.
        case directory
        /// The BCP's essential activities and their RTO (§4.1, note D).
        case activities
        /// Annex 2: the risk assessment, the risk treatment, the BCP, the CMP and the DRP.
        case documents
        /// An e-mail went out and was accepted: notifications will reach people.
        case email
        /// A backup exists.
        case backup
        /// The plan is published and everyone acknowledged it.
        case plan
    }

    /// The roles of chapter III: who reports, qualifies, handles and escalates. The administrator
    /// runs Riposte; every employee reports.
    public static let planRoles: [Role] = [
        .helpdeskOperator, .helpdeskManager, .incidentManager, .responseTeam, .continuityManager, .crisisManager,
        .recoveryManager,
    ]

    /// Annex 2's documents; "other" is the organisation's own.
    public static let planDocuments: [DocumentKind] = DocumentKind.allCases.filter { $0 != .other }

    /// What the database says, gathered by the storage.
    public struct Facts: Sendable, Equatable {
        public var deadlinesSaved = false
        /// Roles held by at least one person who is not disabled.
        public var heldRoles: Set<Role> = []
        public var directoryGaps = 0
        public var activities = 0
        /// Kinds of reference document with a file or a link.
        public var documents: Set<DocumentKind> = []
        public var emailTestedAt: Date?
        public var lastBackupAt: Date?
        /// The latest published plan version, if any.
        public var planVersion: Int?
        /// People who can sign in and have not acknowledged the latest version.
        public var notAcknowledged = 0

        public init() {}
    }

    public struct Line: Sendable, Equatable {
        public let item: Item
        public let done: Bool
        /// What is missing, for the items whose gap has parts: roles nobody holds, documents not there.
        public let missing: [String]
    }

    public static func lines(_ facts: Facts) -> [Line] {
        Item.allCases.map { item in
            switch item {
            case .deadlines: return Line(item: item, done: facts.deadlinesSaved, missing: [])
            case .roles:
                let missing = planRoles.filter { !facts.heldRoles.contains($0) }.map(\.rawValue)
                return Line(item: item, done: missing.isEmpty, missing: missing)
            case .directory: return Line(item: item, done: facts.directoryGaps == 0, missing: [])
            case .activities: return Line(item: item, done: facts.activities > 0, missing: [])
            case .documents:
                let missing = planDocuments.filter { !facts.documents.contains($0) }.map(\.rawValue)
                return Line(item: item, done: missing.isEmpty, missing: missing)
            case .email: return Line(item: item, done: facts.emailTestedAt != nil, missing: [])
            case .backup: return Line(item: item, done: facts.lastBackupAt != nil, missing: [])
            case .plan:
                return Line(item: item, done: facts.planVersion != nil && facts.notAcknowledged == 0, missing: [])
            }
        }
    }

    public static func isDone(_ facts: Facts) -> Bool {
        lines(facts).allSatisfy(\.done)
    }
}
