import Foundation

/// What a drill showed (#20 point 1): each step of the lifecycle with the time it took against
/// the SLA targets, who answered the alerts and how fast, and — beside it, from the review
/// form — its lessons. Read from the journal, so it says what happened, not what was planned.
public struct ExerciseReport: Sendable, Equatable {
    /// A step of the lifecycle as the journal recorded it.
    public struct Step: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable {
            case reported, qualified, requalified
            case escalatedToManager = "escalated_to_manager"
            case escalated
            case planActivated = "plan_activated"
            case planDeactivated = "plan_deactivated"
            case statusReport = "status_report"
            case inTreatment = "in_treatment"
            case eradication, resolved, closed, reviewed, rejected
        }

        public let kind: Kind
        public let at: Date
        public let author: UUID?
        /// The severity a qualification gave, the plan activated, the escalation's rule.
        public let detail: String?
        /// Since the report, on the wall clock.
        public let sinceReport: TimeInterval
        /// For the steps the SLA times (qualifying, resolving): the time the SLA clock ran, its
        /// target, and whether it was met. Qualifying is held to the severity's own time to
        /// qualify (the plan's table), as the metrics hold it.
        public let slaTime: TimeInterval?
        public let target: TimeInterval?

        public var met: Bool? {
            guard let slaTime, let target else { return nil }
            return slaTime <= target
        }
    }

    /// An alert that had to be answered (#15 point 7), and its answer.
    public struct Answer: Sendable, Equatable {
        public let role: Role
        public let severity: Severity
        public let askedAt: Date
        public let answeredAt: Date?
        public let answeredBy: UUID?
        /// The severity's acknowledgement target.
        public let target: TimeInterval

        public var took: TimeInterval? { answeredAt.map { $0.timeIntervalSince(askedAt) } }
        /// Unanswered is missed.
        public var met: Bool { took.map { $0 <= target } ?? false }
    }

    /// An alert as it is kept: to whom, about what severity, when, and its answer.
    public struct Alert: Sendable, Equatable {
        public let role: Role
        public let severity: Severity
        public let askedAt: Date
        public let answeredAt: Date?
        public let answeredBy: UUID?

        public init(role: Role, severity: Severity, askedAt: Date, answeredAt: Date?, answeredBy: UUID?) {
            self.role = role
            self.severity = severity
            self.askedAt = askedAt
            self.answeredAt = answeredAt
            self.answeredBy = answeredBy
        }
    }

    public let steps: [Step]
    public let answers: [Answer]

    /// How the SLA targets were met: those timed, and those met.
    public var targetsMet: (met: Int, timed: Int) {
        let timed = steps.compactMap(\.met) + answers.map(\.met)
        return (timed.count { $0 }, timed.count)
    }

    /// The report of the drill whose journal is `journal` (oldest first), under `settings`.
    public static func of(
        journal: [JournalEntryContent], alerts: [Alert], settings: SLASettings
    ) -> ExerciseReport {
        guard let reported = journal.first(where: { $0.kind == .reported }) else {
            return ExerciseReport(steps: [], answers: [])
        }
        let clock = PauseHistory(journal)
        var steps: [Step] = []
        var severity: Severity?
        var severitySince = reported.at
        var qualifiedOnce = false
        for entry in journal {
            func step(
                _ kind: Step.Kind, detail: String? = nil, slaTime: TimeInterval? = nil, target: ISODuration? = nil
            ) {
                steps.append(
                    Step(
                        kind: kind, at: entry.at, author: entry.authorID, detail: detail,
                        sinceReport: entry.at.timeIntervalSince(reported.at), slaTime: slaTime,
                        target: target.map { TimeInterval($0.seconds) }))
            }
            switch entry.kind {
            case .reported: step(.reported)
            case .qualified, .requalified:
                let given = entry.details["severity"].flatMap(Severity.init(rawValue:))
                if given != severity, given == .major { severitySince = entry.at }
                severity = given
                if qualifiedOnce {
                    step(.requalified, detail: given?.rawValue)
                } else {
                    qualifiedOnce = true
                    step(
                        .qualified, detail: given?.rawValue, slaTime: clock.ran(from: reported.at, to: entry.at),
                        target: given.map { settings.targets(for: $0).qualify } ?? settings.qualifyUnknownSeverity)
                }
            case .escalatedToManager: step(.escalatedToManager)
            case .escalated: step(.escalated, detail: entry.details["kind"])
            case .planActivated: step(.planActivated, detail: entry.details["plan"])
            case .planDeactivated: step(.planDeactivated, detail: entry.details["plan"])
            case .statusReport: step(.statusReport)
            case .statusChanged:
                guard let to = entry.details["to"].flatMap(IncidentStatus.init(rawValue:)) else { continue }
                switch to {
                case .inTreatment: step(.inTreatment)
                case .eradication: step(.eradication)
                case .resolved:
                    // As the escalation policy counts it: a major incident's time from when it
                    // became major, any other's from the report; paused time left out.
                    let from = severity == .major ? severitySince : reported.at
                    step(
                        .resolved, slaTime: clock.ran(from: from, to: entry.at),
                        target: severity.map { settings.targets(for: $0).resolve })
                case .closed: step(.closed)
                case .reviewed: step(.reviewed)
                case .rejected: step(.rejected)
                case .reported, .qualified: continue
                }
            default: continue
            }
        }
        let answers = alerts.map {
            Answer(
                role: $0.role, severity: $0.severity, askedAt: $0.askedAt, answeredAt: $0.answeredAt,
                answeredBy: $0.answeredBy, target: TimeInterval(settings.acknowledgeDelay(for: $0.severity).seconds))
        }
        return ExerciseReport(steps: steps, answers: answers)
    }
}

/// When the SLA clock stood still, as the journal's pauses and resumptions say.
struct PauseHistory {
    private var pauses: [(from: Date, to: Date?)] = []

    init(_ journal: [JournalEntryContent]) {
        for entry in journal {
            if entry.kind == .clockPaused, pauses.last.map({ $0.to != nil }) ?? true {
                pauses.append((entry.at, nil))
            } else if entry.kind == .clockResumed, let last = pauses.indices.last, pauses[last].to == nil {
                pauses[last].to = entry.at
            }
        }
    }

    /// The time the clock ran between two moments: the wall time less the pauses within it.
    func ran(from start: Date, to end: Date) -> TimeInterval {
        let paused = pauses.reduce(0.0) { total, pause in
            let from = max(pause.from, start)
            let to = min(pause.to ?? end, end)
            return total + max(0, to.timeIntervalSince(from))
        }
        return max(0, end.timeIntervalSince(start) - paused)
    }
}
