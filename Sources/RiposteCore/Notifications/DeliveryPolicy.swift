import Foundation

/// When to try a failed delivery again: exponential backoff from `base`, at most `cap`
/// between tries, and a give-up after `maxAttempts` tries so a dead endpoint does not
/// keep the dispatcher busy for ever.
public struct DeliveryPolicy: Sendable, Equatable {
    public let base: TimeInterval
    public let cap: TimeInterval
    public let maxAttempts: Int

    public init(base: TimeInterval = 30, cap: TimeInterval = 3600, maxAttempts: Int = 8) {
        self.base = base
        self.cap = cap
        self.maxAttempts = maxAttempts
    }

    public enum Next: Sendable, Equatable {
        case retry(at: Date)
        case giveUp
    }

    /// What follows the failure of try number `attempt` (1 for the first).
    public func afterFailure(attempt: Int, at now: Date) -> Next {
        guard attempt < maxAttempts else { return .giveUp }
        let exponent = Double(min(attempt - 1, 30))
        return .retry(at: now.addingTimeInterval(min(cap, base * pow(2, exponent))))
    }
}
