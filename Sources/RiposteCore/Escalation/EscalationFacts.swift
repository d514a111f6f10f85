import Foundation

/// An essential activity an incident impacts, with its Recovery Time Objective.
public struct ImpactedActivity: Sendable, Equatable {
    public let id: UUID
    public let rto: ISODuration

    public init(id: UUID, rto: ISODuration) {
        self.id = id
        self.rto = rto
    }
}

/// What the escalation policy needs to know about an incident.
public struct EscalationFacts: Sendable, Equatable {
    public var status: IncidentStatus
    public var severity: Severity?
    /// Since when the current severity applies (its qualification or last re-qualification).
    public var severitySince: Date?
    /// SLA time paused before the current severity applied: a deadline counted from
    /// `severitySince` does not count it (#15 point 5).
    public var pausedBeforeSeverity: TimeInterval
    public var clock: SLAClock
    /// When the disruption began: detection if known, else the report.
    public var disruptedSince: Date
    public var impactedActivities: [ImpactedActivity]
    public var expectedRecoveryAt: Date?
    public var lastStatusReportAt: Date?
    /// Escalations already made, by key: each happens once per incident and level.
    public var escalated: Set<String>
    /// When the ticket was closed: its post-incident review is then due (§4.6).
    public var closedAt: Date?
    /// Whether that review answers every required question already.
    public var reviewComplete: Bool

    public init(
        status: IncidentStatus, severity: Severity?, severitySince: Date?, clock: SLAClock, disruptedSince: Date,
        impactedActivities: [ImpactedActivity] = [], expectedRecoveryAt: Date? = nil, lastStatusReportAt: Date? = nil,
        escalated: Set<String> = [], pausedBeforeSeverity: TimeInterval = 0, closedAt: Date? = nil,
        reviewComplete: Bool = false
    ) {
        self.status = status
        self.severity = severity
        self.severitySince = severitySince
        self.pausedBeforeSeverity = pausedBeforeSeverity
        self.clock = clock
        self.disruptedSince = disruptedSince
        self.impactedActivities = impactedActivities
        self.expectedRecoveryAt = expectedRecoveryAt
        self.lastStatusReportAt = lastStatusReportAt
        self.escalated = escalated
        self.closedAt = closedAt
        self.reviewComplete = reviewComplete
    }
}

/// An escalation the policy calls for.
public struct Escalation: Sendable, Equatable, Hashable {
    public enum Kind: String, CaseIterable, Sendable, Equatable, Hashable {
        /// §4.2.3 step 2, "un incident mineur *peut être* étendu": a minor incident past its
        /// resolution SLA is put to the helpdesk and incident managers, who judge whether it is
        /// now major.
        case minorOverdue = "minor_overdue"
        /// The same deadline when the organisation chose automatic promotion (`promoteAtDeadline`):
        /// the incident becomes major without waiting for a person.
        case minorBecomesMajor = "minor_becomes_major"
        /// §4.2.3 step 9: a major incident past its planned time; the crisis and continuity
        /// managers decide whether to invoke the crisis plan.
        case majorOverdue = "major_overdue"
        /// §4.2.3 table: expected recovery beyond an impacted activity's RTO goes to the
        /// Business Continuity team.
        case recoveryBeyondRTO = "recovery_beyond_rto"
        /// §4.2.3 table: the periodic report to the crisis manager is due and not made;
        /// the incident manager is reminded.
        case statusReportMissed = "status_report_missed"
        /// §4.2: the report is still not qualified in time.
        case qualificationOverdue = "qualification_overdue"
        /// §4.6: a closed incident's post-incident review is still not done after the
        /// organisation's delay (#16 point 5); the incident manager is reminded.
        case reviewOverdue = "review_overdue"
    }

    public let kind: Kind

    /// The minor resolution deadline is handled once, whichever the setting was then
    /// (`minorOverdue` or `minorBecomesMajor`).
    public static let minorDeadlineKey = "minor_deadline"
    /// Idempotency key: the kind, plus what makes a repeat distinct (the activity, the
    /// missed report's due time).
    public let key: String
    /// When it became due.
    public let dueAt: Date
    /// Who is told, by role.
    public let notify: Set<Role>

    /// `notify` as the journal and the command line write it: role names, sorted, comma-separated.
    public var notifyList: String { notify.map(\.rawValue).sorted().joined(separator: ",") }
}
