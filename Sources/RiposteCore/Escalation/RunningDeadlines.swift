import Foundation

/// A deadline an incident runs against now (§3.1 "Suivi des SLA", #16 point 3), as the page
/// shows it: to qualify, to resolve, the next status report, each impacted activity's RTO.
public struct RunningDeadline: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case qualify, resolve
        case statusReport = "status_report"
        case rto
    }

    public let kind: Kind
    /// For an RTO: the essential activity.
    public let activity: UUID?
    /// When it falls due; while the SLA clock is paused, when it would if the clock ran again now.
    public let dueAt: Date
    /// The SLA clock is paused: this deadline waits with it (an RTO never waits).
    public let paused: Bool

    public init(kind: Kind, activity: UUID? = nil, dueAt: Date, paused: Bool = false) {
        self.kind = kind
        self.activity = activity
        self.dueAt = dueAt
        self.paused = paused
    }
}

extension EscalationPolicy {
    /// The deadlines the incident runs against at `now`, by the same rules as its escalations:
    /// none once it is resolved. A paused clock's deadlines are those it would have if it ran
    /// again now; the RTOs count in wall time from the disruption, pauses or not.
    public static func deadlines(_ facts: EscalationFacts, settings: SLASettings, at now: Date) -> [RunningDeadline] {
        guard running.contains(facts.status) else { return [] }
        let paused = facts.clock.isPaused
        var clock = facts.clock
        if paused { try? clock.resume(at: now) }
        var result: [RunningDeadline] = []
        if let severity = facts.severity {
            let targets = settings.targets(for: severity)
            let from = severity == .major ? facts.severitySince : nil
            if let due = clock.deadline(
                after: targets.resolve, from: from, pausedBefore: from == nil ? 0 : facts.pausedBeforeSeverity)
            {
                result.append(RunningDeadline(kind: .resolve, dueAt: due, paused: paused))
            }
            if severity >= .major, let cadence = targets.statusReport,
                let since = facts.lastStatusReportAt ?? facts.severitySince
            {
                result.append(
                    RunningDeadline(kind: .statusReport, dueAt: since.addingTimeInterval(TimeInterval(cadence.seconds)))
                )
            }
        } else if let due = clock.deadline(after: settings.qualifyUnknownSeverity) {
            result.append(RunningDeadline(kind: .qualify, dueAt: due, paused: paused))
        }
        for activity in facts.impactedActivities {
            result.append(
                RunningDeadline(
                    kind: .rto, activity: activity.id,
                    dueAt: facts.disruptedSince.addingTimeInterval(TimeInterval(activity.rto.seconds))))
        }
        return result
    }
}
