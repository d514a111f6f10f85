import Foundation
import NIOConcurrencyHelpers

@testable import RiposteApp

/// A clock the test moves by hand.
final class TestClock: WallClock, Sendable {
    private let current: NIOLockedValueBox<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) {  // 2026-11-18T...
        current = NIOLockedValueBox(start)
    }

    func now() -> Date { current.withLockedValue { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLockedValue { $0 = $0.addingTimeInterval(seconds) }
    }

    func set(_ date: Date) { current.withLockedValue { $0 = date } }
}
