import Foundation

/// Slows down password guessing (#3): after `limit` failed sign-ins within `window`, for one
/// account or from one address, further attempts are refused until `lockout` has passed.
/// The record is kept in the database, so several instances count together.
public struct SignInThrottle: Sendable, Equatable {
    public let limit: Int
    public let window: TimeInterval
    public let lockout: TimeInterval

    public static let perAccount = SignInThrottle(limit: 5, window: 15 * 60, lockout: 15 * 60)
    /// An office behind one address has many people: a looser limit there.
    public static let perAddress = SignInThrottle(limit: 20, window: 15 * 60, lockout: 15 * 60)

    public init(limit: Int, window: TimeInterval, lockout: TimeInterval) {
        self.limit = limit
        self.window = window
        self.lockout = lockout
    }

    /// Failures counted for one key (an account or an address).
    public struct Record: Sendable, Equatable {
        public var failures: Int
        public var windowStartedAt: Date
        public var lockedUntil: Date?

        public init(failures: Int, windowStartedAt: Date, lockedUntil: Date? = nil) {
            self.failures = failures
            self.windowStartedAt = windowStartedAt
            self.lockedUntil = lockedUntil
        }
    }

    /// Until when attempts are refused, or nil when one may try.
    public func lockedUntil(_ record: Record?, at now: Date) -> Date? {
        guard let until = record?.lockedUntil, until > now else { return nil }
        return until
    }

    /// The record after one more failure at `now`.
    public func afterFailure(_ record: Record?, at now: Date) -> Record {
        var record = record ?? Record(failures: 0, windowStartedAt: now)
        if now.timeIntervalSince(record.windowStartedAt) >= window || (record.lockedUntil.map { $0 <= now } ?? false) {
            record = Record(failures: 0, windowStartedAt: now)
        }
        record.failures += 1
        if record.failures >= limit { record.lockedUntil = now.addingTimeInterval(lockout) }
        return record
    }
}
