import Foundation

/// How far a deadline is from now, as people read it on a page: days, hours and minutes left,
/// or since it passed. Whole minutes, rounded towards the deadline's side (a deadline 30 s
/// away has 0 min left and has not passed).
public struct Countdown: Sendable, Equatable {
    public let passed: Bool
    public let days: Int
    public let hours: Int
    public let minutes: Int

    public init(to deadline: Date, from now: Date) {
        let seconds = deadline.timeIntervalSince(now)
        passed = seconds < 0
        let total = Int(abs(seconds) / 60)
        (days, hours, minutes) = (total / 1_440, total % 1_440 / 60, total % 60)
    }

    public init(passed: Bool, days: Int, hours: Int, minutes: Int) {
        (self.passed, self.days, self.hours, self.minutes) = (passed, days, hours, minutes)
    }
}
