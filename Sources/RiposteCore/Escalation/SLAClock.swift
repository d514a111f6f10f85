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
    /// reaches a deadline. Every pause counts, even one before `from`: the clock keeps their
    /// sum only, so a deadline counted from later can be late by them, never early.
    public func deadline(after target: ISODuration, from: Date? = nil) -> Date? {
        guard pausedSince == nil else { return nil }
        let start = max(startedAt, from ?? startedAt)
        return start.addingTimeInterval(TimeInterval(target.seconds) + pausedSeconds)
    }
}
