import Foundation

/// An incident's SLA clock: it runs from the report, and stops while paused (waiting on a
/// supplier, say). Paused time is kept on the incident, not derived from the settings, so
/// changing the SLA targets never loses or recounts it.
public struct SLAClock: Sendable, Equatable {
    public let startedAt: Date
    /// Paused time of the pauses already ended.
    public private(set) var pausedSeconds: TimeInterval
    public private(set) var pausedSince: Date?

    public init(startedAt: Date, pausedSeconds: TimeInterval = 0, pausedSince: Date? = nil) {
        self.startedAt = startedAt
        self.pausedSeconds = pausedSeconds
        self.pausedSince = pausedSince
    }

    public var isPaused: Bool { pausedSince != nil }

    public enum Refusal: Error, Equatable, Sendable {
        case alreadyPaused
        case notPaused
    }

    public mutating func pause(at now: Date) throws(Refusal) {
        guard pausedSince == nil else { throw .alreadyPaused }
        pausedSince = now
    }

    public mutating func resume(at now: Date) throws(Refusal) {
        guard let since = pausedSince else { throw .notPaused }
        pausedSeconds += max(0, now.timeIntervalSince(since))
        pausedSince = nil
    }

    /// SLA time used so far: wall time since the start, less every pause.
    public func elapsed(at now: Date) -> TimeInterval {
        let running = pausedSince.map { max(0, now.timeIntervalSince($0)) } ?? 0
        return max(0, now.timeIntervalSince(startedAt) - pausedSeconds - running)
    }

    /// When `target` of SLA time will have been used, counted from the start or from `from`
    /// when later, if the clock keeps running; nil while paused, since a paused clock never
    /// reaches a deadline. Counted from `from`, the time paused before it (`pausedBefore`)
    /// does not push the deadline back.
    public func deadline(after target: ISODuration, from: Date? = nil, pausedBefore: TimeInterval = 0) -> Date? {
        guard pausedSince == nil else { return nil }
        guard let from, from > startedAt else {
            return startedAt.addingTimeInterval(TimeInterval(target.seconds) + pausedSeconds)
        }
        return from.addingTimeInterval(TimeInterval(target.seconds) + max(0, pausedSeconds - pausedBefore))
    }

    /// Time paused until `now`, the pause under way included.
    public func paused(at now: Date) -> TimeInterval {
        pausedSeconds + (pausedSince.map { max(0, now.timeIntervalSince($0)) } ?? 0)
    }
}

extension SLAClock {
    /// The SLA time an incident took to be resolved at `now`, as the escalation policy counts
    /// its deadline (`EscalationPolicy.deadlines`): a major incident's from when it became major,
    /// the time paused before that left out; any other's from the report.
    public func timeToResolve(
        severity: Severity?, severitySince: Date?, pausedBeforeSeverity: TimeInterval, at now: Date
    ) -> TimeInterval {
        guard severity == .major, let since = severitySince, since > startedAt else { return elapsed(at: now) }
        return max(0, now.timeIntervalSince(since) - max(0, paused(at: now) - pausedBeforeSeverity))
    }
}
