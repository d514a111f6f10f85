import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Deliveries an integration may make in one second (`RIPOSTE_INTAKE_PER_SECOND`, 2,000 by
/// default): a monitor gone wild answers 429 with `Retry-After` rather than filling the
/// register. Alertmanager retries such an answer.
final class IntakeLimiter: Sendable {
    let perSecond: Int
    static let defaultPerSecond = 2_000
    private let windows = NIOLockedValueBox<[UUID: (second: Int, count: Int)]>([:])

    init(perSecond: Int) {
        self.perSecond = perSecond
    }

    func allows(_ integration: UUID, at now: Date) -> Bool {
        let second = Int(now.timeIntervalSince1970)
        return windows.withLockedValue { windows in
            var window = windows[integration] ?? (second, 0)
            if window.second != second { window = (second, 0) }
            window.count += 1
            windows[integration] = window
            return window.count <= perSecond
        }
    }
}

extension Application {
    private struct IntakeLimiterKey: StorageKey {
        typealias Value = IntakeLimiter
    }

    var intakeLimiter: IntakeLimiter {
        // Made once at boot (see `configure`), shared by every request of this process.
        get { storage[IntakeLimiterKey.self] ?? IntakeLimiter(perSecond: IntakeLimiter.defaultPerSecond) }
        set { storage[IntakeLimiterKey.self] = newValue }
    }
}
