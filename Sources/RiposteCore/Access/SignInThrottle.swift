import Foundation

/// Slows down password guessing without handing anyone a way to lock the rightful owner out:
/// every attempt is counted (before the password is checked, so concurrent attempts cannot slip
/// past the count), the first `freeAttempts` of a window go through at once, and each one after
/// must wait a delay that doubles from `firstDelay` up to `maxDelay`. An attempt made while
/// waiting is refused without counting, so hammering does not make the wait longer.
///
/// Three keys are counted: the account from this address (strict: a guesser's own address),
/// the account from anywhere (looser, short waits; a browser that signed in to the account
/// before is not held by it, so guessers elsewhere cannot keep the owner out) and the address
/// for every account (loose: an office behind one address has many people). The records live
/// in the database, so instances count together.
public struct SignInThrottle: Sendable, Equatable {
    public let freeAttempts: Int
    public let window: TimeInterval
    public let firstDelay: TimeInterval
    public let maxDelay: TimeInterval

    public static let perAccountFromAddress = SignInThrottle(
        freeAttempts: 5, window: 15 * 60, firstDelay: 2, maxDelay: 15 * 60)
    public static let perAccount = SignInThrottle(freeAttempts: 10, window: 15 * 60, firstDelay: 2, maxDelay: 60)
    /// Attempts are counted before their password is checked, so an office of fifty signing in
    /// at nine counts fifty at once: the free attempts of an address cover that.
    public static let perAddress = SignInThrottle(freeAttempts: 100, window: 15 * 60, firstDelay: 1, maxDelay: 60)

    public init(freeAttempts: Int, window: TimeInterval, firstDelay: TimeInterval, maxDelay: TimeInterval) {
        self.freeAttempts = freeAttempts
        self.window = window
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
    }

    /// Attempts counted for one key.
    public struct Record: Sendable, Equatable {
        public var attempts: Int
        public var windowStartedAt: Date
        /// When the next attempt may be made, once past the free ones.
        public var notBefore: Date?

        public init(attempts: Int, windowStartedAt: Date, notBefore: Date? = nil) {
            self.attempts = attempts
            self.windowStartedAt = windowStartedAt
            self.notBefore = notBefore
        }
    }

    public enum Verdict: Sendable, Equatable {
        /// The attempt may check its password; `record` is what to store.
        case allowed(Record)
        /// Refused without looking at the password; the record is unchanged.
        case wait(until: Date)
    }

    /// The verdict on one more attempt at `now`.
    public func attempt(_ record: Record?, at now: Date) -> Verdict {
        if let until = record?.notBefore, until > now { return .wait(until: until) }
        var next = record ?? Record(attempts: 0, windowStartedAt: now)
        if now.timeIntervalSince(next.windowStartedAt) >= window, next.notBefore.map({ $0 <= now }) ?? true {
            next = Record(attempts: 0, windowStartedAt: now)
        }
        next.attempts += 1
        let beyond = next.attempts - freeAttempts
        next.notBefore = beyond >= 0 ? now.addingTimeInterval(delay(after: beyond + 1)) : nil
        return .allowed(next)
    }

    /// The record once an attempt it counted proved to be the rightful owner's: that attempt is
    /// given back, so that an office signing in behind one address is not slowed down by its own
    /// successes, and a delay it alone caused is lifted.
    public func afterSuccess(_ record: Record) -> Record {
        var record = record
        record.attempts = max(0, record.attempts - 1)
        if record.attempts < freeAttempts { record.notBefore = nil }
        return record
    }

    /// The wait before the `n`-th attempt past the free ones (n ≥ 1).
    public func delay(after n: Int) -> TimeInterval {
        let doublings = min(max(n - 1, 0), 30)
        return min(firstDelay * Double(1 << doublings), maxDelay)
    }
}
