import Foundation

/// How many times something may happen in a period (the public pages' limits per link and
/// per address, #18 point 1), counted in fixed windows: at most `limit` in each `period`,
/// then refused until the window ends.
public struct RateWindow: Sendable, Equatable {
    public let limit: Int
    public let period: TimeInterval
    private var start: Date?
    private var count = 0

    public init(limit: Int, period: TimeInterval) {
        self.limit = limit
        self.period = period
    }

    /// Counts one more at `now`: nil when allowed, else how long until the next is.
    public mutating func admit(at now: Date) -> TimeInterval? {
        if let start, now >= start, now < start.addingTimeInterval(period) {
            guard count < limit else { return start.addingTimeInterval(period).timeIntervalSince(now) }
            count += 1
            return nil
        }
        start = now
        count = 1
        return limit > 0 ? nil : period
    }

    /// Whether its window has ended at `now` (then it may be forgotten).
    public func isOver(at now: Date) -> Bool {
        guard let start else { return true }
        return now >= start.addingTimeInterval(period) || now < start
    }

    /// The public report page's limits: a link shared with a client serves their people, an
    /// address a person; the follow-up page's additions are one reporter's.
    public static let reportsPerLink = RateWindow(limit: 30, period: 3600)
    public static let reportsPerAddress = RateWindow(limit: 5, period: 600)
    public static let additionsPerFollowLink = RateWindow(limit: 20, period: 3600)
}
