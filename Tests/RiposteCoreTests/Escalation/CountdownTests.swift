import Foundation
import Testing

@testable import RiposteCore

@Suite("Countdown to a deadline")
struct CountdownTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("time left in days, hours and whole minutes") func left() {
        let countdown = Countdown(to: now.addingTimeInterval(2 * 86_400 + 3 * 3_600 + 5 * 60 + 59), from: now)
        #expect(countdown == Countdown(passed: false, days: 2, hours: 3, minutes: 5))
    }

    @Test("at the deadline nothing has passed; a second after, it has") func boundaries() {
        #expect(Countdown(to: now, from: now) == Countdown(passed: false, days: 0, hours: 0, minutes: 0))
        #expect(Countdown(to: now.addingTimeInterval(30), from: now).passed == false)
        #expect(Countdown(to: now.addingTimeInterval(-1), from: now).passed)
        #expect(
            Countdown(to: now.addingTimeInterval(-3_661), from: now)
                == Countdown(passed: true, days: 0, hours: 1, minutes: 1))
    }
}
