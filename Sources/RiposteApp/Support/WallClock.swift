import Foundation
import Vapor

/// Where the app reads the time; tests substitute a fixed clock.
protocol WallClock: Sendable {
    func now() -> Date
}

struct SystemClock: WallClock {
    func now() -> Date { Date() }
}

extension Application {
    private struct ClockKey: StorageKey {
        typealias Value = any WallClock
    }

    var clock: any WallClock {
        get { storage[ClockKey.self] ?? SystemClock() }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    var now: Date { application.clock.now() }
}
