import Foundation

/// How long a page session lives: it ends after `idle` without a request and, whatever the
/// activity, `lifetime` after sign-in. Its last-seen time is written at most once per
/// `touchInterval`, so browsing does not turn every page view into a write; the idle limit is
/// therefore kept to within that interval.
public struct SessionPolicy: Sendable, Equatable {
    public let idle: TimeInterval
    public let lifetime: TimeInterval
    public let touchInterval: TimeInterval

    public static let standard = SessionPolicy(idle: 30 * 60, lifetime: 12 * 3600)

    public init(idle: TimeInterval, lifetime: TimeInterval, touchInterval: TimeInterval = 60) {
        self.idle = idle
        self.lifetime = lifetime
        self.touchInterval = min(touchInterval, idle / 2)
    }

    public enum Verdict: Sendable, Equatable {
        /// Still valid; `touch` says whether its last-seen time is due to be written.
        case valid(touch: Bool)
        case expired
    }

    public func verdict(createdAt: Date, lastSeenAt: Date, at now: Date) -> Verdict {
        if now.timeIntervalSince(createdAt) >= lifetime || now.timeIntervalSince(lastSeenAt) >= idle {
            return .expired
        }
        return .valid(touch: now.timeIntervalSince(lastSeenAt) >= touchInterval)
    }

    /// Sessions whose last request is older than this, or made before `createdBefore`, are over
    /// and may be deleted.
    public func purgeBounds(at now: Date) -> (lastSeenBefore: Date, createdBefore: Date) {
        (now.addingTimeInterval(-idle), now.addingTimeInterval(-lifetime))
    }
}
