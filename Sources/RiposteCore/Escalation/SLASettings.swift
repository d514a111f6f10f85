/// The targets of one severity (§4.2.3: "niveaux de service convenus").
public struct SeverityTargets: Sendable, Equatable {
    /// Time from the report to the qualification.
    public var qualify: ISODuration
    /// Time to the resolution, paused time excluded: from the report, or for a major incident
    /// from when it became major (#15 point 5).
    public var resolve: ISODuration
    /// Cadence of status reports to the crisis manager (§4.2.3 table); nil: none required.
    public var statusReport: ISODuration?
    /// A minor incident past its resolution time becomes major by itself, instead of being put
    /// to the managers' judgement (§4.2.3 step 2 says it *may* be extended). Off by default;
    /// only the minor severity has a level to be promoted to by the sweep.
    public var promoteAtDeadline: Bool
    /// Time for one holder of a role to acknowledge an alert (#15 point 7) before it goes to
    /// the role's backup, then to the administrators; nil: the default of the severity.
    public var acknowledge: ISODuration?

    public init(
        qualify: ISODuration, resolve: ISODuration, statusReport: ISODuration? = nil, promoteAtDeadline: Bool = false,
        acknowledge: ISODuration? = nil
    ) {
        self.qualify = qualify
        self.resolve = resolve
        self.statusReport = statusReport
        self.promoteAtDeadline = promoteAtDeadline
        self.acknowledge = acknowledge
    }
}

/// The organisation's service levels, one entry per severity.
public struct SLASettings: Sendable, Equatable {
    public var targets: [Severity: SeverityTargets]
    /// Working days after closing before the incident manager is reminded of a review not
    /// done yet (§4.6, #16 point 5).
    public var reviewReminderWorkingDays: Int

    /// What an organisation may choose: a day to three months of working days.
    public static let reviewReminderRange = 1...60

    public init(targets: [Severity: SeverityTargets], reviewReminderWorkingDays: Int = 10) {
        self.targets = targets
        self.reviewReminderWorkingDays = reviewReminderWorkingDays
    }

    /// A starting point an administrator is expected to adjust.
    public static let defaults = SLASettings(targets: [
        .low: SeverityTargets(qualify: ISODuration(seconds: 86_400), resolve: ISODuration(seconds: 30 * 86_400)),
        .minor: SeverityTargets(qualify: ISODuration(seconds: 4 * 3_600), resolve: ISODuration(seconds: 3 * 86_400)),
        .major: SeverityTargets(
            qualify: ISODuration(seconds: 3_600), resolve: ISODuration(seconds: 8 * 3_600),
            statusReport: ISODuration(seconds: 2 * 3_600), acknowledge: ISODuration(seconds: 30 * 60)),
        .crisis: SeverityTargets(
            qualify: ISODuration(seconds: 900), resolve: ISODuration(seconds: 4 * 3_600),
            statusReport: ISODuration(seconds: 3_600), acknowledge: ISODuration(seconds: 15 * 60)),
    ])

    /// How long an alert of this severity waits for an answer at each stage.
    public func acknowledgeDelay(for severity: Severity) -> ISODuration {
        targets(for: severity).acknowledge ?? Self.defaults.targets[severity]?.acknowledge
            ?? ISODuration(seconds: 30 * 60)
    }

    public func targets(for severity: Severity) -> SeverityTargets {
        targets[severity] ?? Self.defaults.targets[severity]!
    }

    /// An unqualified incident might be a crisis: it gets the shortest time to qualify.
    public var qualifyUnknownSeverity: ISODuration {
        Severity.allCases.map { targets(for: $0).qualify }.min { $0.seconds < $1.seconds }!
    }
}

extension SLASettings {
    /// What new targets do (§4.2.3 "niveaux de service convenus"): every running incident is
    /// due at once, and the next sweep settles its deadlines under the new targets; paused time
    /// and the escalations already made stay as they are. The statuses it applies to, and its
    /// effects on each incident.
    public static var changed: (statuses: Set<IncidentStatus>, effects: IncidentEffects) {
        (EscalationPolicy.running, IncidentEffects(dueAtOnce: true))
    }
}
