import Foundation

/// The internal register of personal data breaches (GDPR art. 33(5), #17 point 5): every
/// incident assessed as involving personal data, notified or not, with its facts, its effects,
/// the remedial action, the decision and the dates; kept whatever became of the incident.
public enum BreachRegister {
    /// What became of a step: sent (when), decided against (why), not called for, or open.
    public enum Outcome: Sendable, Equatable {
        case sent(Date)
        case notNotified(reason: String)
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
        public let status: IncidentStatus
        public let awareAt: Date
        public let data: RegulatoryAssessment.PersonalData
        public let authority: Outcome
        public let dataSubjects: Outcome
    }

    /// The line of an incident assessed as a breach (nil for one that is not).
    public static func entry(
        number: String, title: String, status: IncidentStatus, assessment: RegulatoryAssessment,
        clocks: [ObligationClock], records: [ObligationRecord]
    ) -> Entry? {
        guard let data = assessment.personalData else { return nil }
        func outcome(_ step: ObligationStep) -> Outcome {
            guard let clock = clocks.first(where: { $0.step == step }) else { return .notRequired }
            switch clock.status {
            case .submitted: return .sent(clock.settledAt ?? clock.startsAt)
            case .notNotified:
                let reason = records.first { $0.step == step && $0.kind == .decision }?.reason ?? ""
                return .notNotified(reason: reason)
            case .open: return .open(dueAt: clock.dueAt)
            }
        }
        return Entry(
            number: number, title: title, status: status, awareAt: assessment.awareAt, data: data,
            authority: outcome(.gdprAuthority), dataSubjects: outcome(.gdprDataSubjects))
    }

    /// The columns of its CSV and print view, as `breach.column.…` keys.
    public static let columns = [
        "number", "title", "status", "awareAt", "dataCategories", "subjectCategories", "approximateSubjects",
        "approximateRecords", "consequences", "measures", "risk", "encrypted", "authority", "dataSubjects",
    ]
}
