import Foundation

/// The internal register of personal data breaches (GDPR art. 33(5), #17 point 5): every
/// incident assessed as involving personal data, notified or not, with its facts, its effects,
/// the remedial action, the decision and the dates; kept whatever became of the incident.
public enum BreachRegister {
    /// What became of a step: sent (when), decided against (why), not called for, or open.
    public enum Outcome: Sendable, Equatable {
        case sent(Date)
        case notNotified(at: Date, reason: String)
        case notRequired
        case open(dueAt: Date?)

        /// Its name in the catalogues (`breach.outcome.…`).
        public var key: String {
            switch self {
            case .sent: "sent"
            case .notNotified: "not_notified"
            case .notRequired: "not_required"
            case .open: "open"
            }
        }
    }

    public struct Entry: Sendable, Equatable {
        public let number: String
        public let title: String
        /// The facts, as the incident describes them.
        public let description: String
        public let status: IncidentStatus
        public let awareAt: Date
        public let data: RegulatoryAssessment.PersonalData
        /// Assessed as a breach once, no longer: the line stays, and says so.
        public let withdrawn: Bool
        public let authority: Outcome
        public let dataSubjects: Outcome
    }

    /// The line of an incident assessed as a breach at some point: what was sent stays sent
    /// even when the assessment changed since.
    public static func entry(
        number: String, title: String, description: String, status: IncidentStatus,
        assessment: RegulatoryAssessment, clocks: [ObligationClock], records: [ObligationRecord]
    ) -> Entry {
        func outcome(_ step: ObligationStep) -> Outcome {
            let own = records.filter { $0.step == step }
            if let sent = own.filter({ $0.kind == .submission }).map(\.at).min() { return .sent(sent) }
            if let decision = own.first(where: { $0.kind == .decision }) {
                return .notNotified(at: decision.at, reason: decision.reason)
            }
            guard let clock = clocks.first(where: { $0.step == step }) else { return .notRequired }
            return .open(dueAt: clock.dueAt)
        }
        return Entry(
            number: number, title: title, description: description, status: status, awareAt: assessment.awareAt,
            data: assessment.personalData ?? RegulatoryAssessment.PersonalData(risk: .none),
            withdrawn: assessment.personalData == nil, authority: outcome(.gdprAuthority),
            dataSubjects: outcome(.gdprDataSubjects))
    }

    /// The columns of its CSV and print view, as `breach.column.…` keys.
    public static let columns = [
        "number", "title", "description", "status", "awareAt", "dataCategories", "subjectCategories",
        "approximateSubjects",
        "approximateRecords", "consequences", "measures", "risk", "encrypted", "authority", "dataSubjects",
    ]
}
