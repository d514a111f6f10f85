import Foundation
import NIOConcurrencyHelpers
import RiposteCore
import Vapor

/// The public pages' limits (#18 point 1): reports per link and per address, additions per
/// follow-up link, each a `RateWindow` kept in this process. A refused visitor is told how long
/// to wait (429 with `Retry-After`); windows that ended are forgotten, so a flood of addresses
/// cannot grow the table for long.
final class PublicLimiter: Sendable {
    private let windows = NIOLockedValueBox<[String: RateWindow]>([:])
    /// Past this many keys, the ended windows are swept before counting.
    static let sweepAt = 10_000

    /// Counts one at `now` under every key: nil when all allow it, else the longest wait.
    /// A refusal by one key is counted by none, so a refused flood does not lengthen the wait.
    func admit(_ keys: [(key: String, window: RateWindow)], at now: Date) -> TimeInterval? {
        windows.withLockedValue { windows in
            if windows.count > Self.sweepAt { windows = windows.filter { !$0.value.isOver(at: now) } }
            var trial: [String: RateWindow] = [:]
            var wait: TimeInterval?
            for (key, fresh) in keys {
                var window = windows[key] ?? fresh
                if let refused = window.admit(at: now) { wait = max(wait ?? 0, refused) }
                trial[key] = window
            }
            if wait == nil { windows.merge(trial) { _, new in new } }
            return wait
        }
    }
}

extension Application {
    private struct PublicLimiterKey: StorageKey {
        typealias Value = PublicLimiter
    }

    /// Made once at boot (see `configure`), shared by every request of this process.
    var publicLimiter: PublicLimiter {
        get { storage[PublicLimiterKey.self] ?? PublicLimiter() }
        set { storage[PublicLimiterKey.self] = newValue }
    }
}
