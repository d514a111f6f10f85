import Foundation
import Vapor

/// Where the app reads the time; tests substitute a fixed clock.
protocol Clock: Sendable {
    func now() -> Date
}

struct SystemClock: Clock {
    func now() -> Date { Date() }
}

extension Application {
    private struct ClockKey: StorageKey {
        typealias Value = any Clock
    }

    var clock: any Clock {
        get { storage[ClockKey.self] ?? SystemClock() }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    var now: Date { application.clock.now() }
}
