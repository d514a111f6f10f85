import Foundation

/// What a review's answers must be, and when the review is complete.
public enum ReviewRules {
    public static let answerLimit = 10_000

    /// The answers as typed, checked: known questions only (the form's, or the organisation's
    /// `extra` ones, free text), never a pre-filled one, a listed answer for a choice, yes or
    /// no for a yes/no question. Empty answers are dropped.
    public static func validate(
        _ answers: [String: String], extra: [ExtraQuestion] = []
    ) throws(FieldError) -> [String: String] {
        var clean: [String: String] = [:]
        let extraKeys = Set(extra.map(\.key))
        for (key, raw) in answers.sorted(by: { $0.key < $1.key }) {
            let field = "answers.\(key)"
            if extraKeys.contains(key) {
                if let value = try TextRule.optional(raw, field: field, max: answerLimit) { clean[key] = value }
                continue
            }
            guard let question = ReviewForm.question(key), question.kind != .prefilled else {
                throw FieldError(field: field, problem: .unknown)
            }
            guard let value = try TextRule.optional(raw, field: field, max: answerLimit) else { continue }
            switch question.kind {
            case .yesNo where value != "yes" && value != "no":
                throw FieldError(field: field, problem: .invalid)
            case .choice(let options) where !options.contains(value):
                throw FieldError(field: field, problem: .invalid)
            default:
                clean[key] = value
            }
        }
        return clean
    }

    /// The required questions still without an answer, in the form's order.
    public static func missing(_ answers: [String: String]) -> [String] {
        ReviewForm.questions.filter { $0.required && $0.kind != .prefilled && (answers[$0.key] ?? "").isEmpty }
            .map(\.key)
    }

    /// The follow-ups the answers call for (chapter II feedback: risk assessment, supplier
    /// contracts, BCP), with the role whose task it is.
    public static func feedbackTasks(_ answers: [String: String]) -> [(key: String, role: Role, titleKey: String)] {
        ReviewForm.feedbackTasks.filter { answers[$0.key] == "yes" }
    }
}

/// What the review can say by itself, from the register, the journal and the communications.
public struct ReviewPrefill: Sendable, Equatable {
    public struct ActivityRecovery: Sendable, Equatable {
        public let name: String
        public let rto: ISODuration
        public let met: Bool
    }

    public var number: String
    public var detectedAt: Date
    public var resolvedAt: Date?
    public var type: String?
    public var severity: Severity?
    public var customersAffected: Bool
    public var manager: String?
    public var description: String
    public var plansActivated: [ResponsePlan]
    public var cmpActivated: Bool { plansActivated.contains(.cmp) }
    public var media: [CommunicationMedia]
    public var firstCommunicationAt: Date?
    /// The mean time between two communications, when there were at least two.
    public var updateInterval: TimeInterval?
    /// Time from the disruption (detection, else report) to resolution.
    public var recoveryTime: TimeInterval?
    public var activities: [ActivityRecovery]
    public var related: [String]

    /// The template's choice that the recovery times support: met for none, some or all.
    public var suggestedRTOAnswer: String? {
        guard !activities.isEmpty else { return nil }
        let met = activities.filter(\.met).count
        return met == 0 ? "rto.none" : met == activities.count ? "rto.all" : "rto.some"
    }

    public struct Facts: Sendable {
        public var number: String
        public var reportedAt: Date
        public var detectedAt: Date?
        public var resolvedAt: Date?
        public var type: String?
        public var severity: Severity?
        public var customersAffected: Bool
        public var manager: String?
        public var description: String
        /// Plans activated at any time (from the journal), in the order of first activation.
        public var plansActivated: [ResponsePlan]
        public var communications: [(at: Date, media: CommunicationMedia)]
        public var activities: [(name: String, rto: ISODuration)]
        public var related: [String]

        public init(
            number: String, reportedAt: Date, detectedAt: Date?, resolvedAt: Date?, type: String?, severity: Severity?,
            customersAffected: Bool, manager: String?, description: String, plansActivated: [ResponsePlan],
            communications: [(at: Date, media: CommunicationMedia)], activities: [(name: String, rto: ISODuration)],
            related: [String]
        ) {
            self.number = number
            self.reportedAt = reportedAt
            self.detectedAt = detectedAt
            self.resolvedAt = resolvedAt
            self.type = type
            self.severity = severity
            self.customersAffected = customersAffected
            self.manager = manager
            self.description = description
            self.plansActivated = plansActivated
            self.communications = communications
            self.activities = activities
            self.related = related
        }
    }

    public init(_ facts: Facts) {
        number = facts.number
        detectedAt = facts.detectedAt ?? facts.reportedAt
        resolvedAt = facts.resolvedAt
        type = facts.type
        severity = facts.severity
        customersAffected = facts.customersAffected
        manager = facts.manager
        description = facts.description
        var seen = Set<ResponsePlan>()
        plansActivated = facts.plansActivated.filter { seen.insert($0).inserted }
        let times = facts.communications.map(\.at).sorted()
        var media: [CommunicationMedia] = []
        for item in facts.communications.sorted(by: { $0.at < $1.at }) where !media.contains(item.media) {
            media.append(item.media)
        }
        self.media = media
        firstCommunicationAt = times.first
        updateInterval = times.count >= 2 ? times.last!.timeIntervalSince(times.first!) / Double(times.count - 1) : nil
        let start = facts.detectedAt ?? facts.reportedAt
        let recovery = facts.resolvedAt.map { $0.timeIntervalSince(start) }
        recoveryTime = recovery
        activities = facts.activities.map { activity in
            ActivityRecovery(
                name: activity.name, rto: activity.rto,
                met: recovery.map { $0 <= TimeInterval(activity.rto.seconds) } ?? false)
        }
        related = facts.related
    }
}

extension ReviewRules {
    /// Saving the review's answers (§4.6): whether it is now complete, and its journal entry
    /// (how many questions are answered, how many required ones are not). A review complete
    /// for the first time (`wasComplete` false) goes to the continuity manager (chapter II
    /// note F: "le gestionnaire des incidents transmet le Post incident review au gestionnaire
    /// du plan de continuité").
    public static func effects(
        of answers: [String: String], wasComplete: Bool = false, severity: Severity? = nil
    ) -> IncidentEffects {
        let missing = missing(answers)
        var effects = IncidentEffects(
            reviewComplete: missing.isEmpty,
            journal: [
                .init(.reviewUpdated, details: ["answered": String(answers.count), "missing": String(missing.count)])
            ])
        if missing.isEmpty, !wasComplete {
            effects.events.append(
                .init(
                    .reviewCompleted, severity: severity,
                    to: [
                        NotificationRecipient(
                            role: .continuityManager, flow: NotificationFlow.between(.irp, .bcp)?.number)
                    ]))
        }
        return effects
    }
}
