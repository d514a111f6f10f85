import Foundation
import RiposteCore
import Testing

@testable import RiposteApp

extension Int64 {
    fileprivate func dividedRoundingDown(by divisor: Int64) -> Int64 {
        self >= 0 ? self / divisor : (self - divisor + 1) / divisor
    }
}

@Suite("RFC 3339 output")
struct RFC3339FormatTests {
    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    @Test("known instants")
    func known() {
        #expect(RFC3339.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_795_000_000.123)) == "2026-11-18T11:06:40.123Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_795_000_000.058)) == "2026-11-18T11:06:40.058Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 4_107_542_399.999)) == "2100-02-28T23:59:59.999Z")
    }

    /// Foundation's style, to the second, is the independent witness for the calendar part;
    /// the milliseconds are the ones the time was kept to.
    @Test("calendar and clock as Foundation's style says, milliseconds exact")
    func matchesFoundation() {
        let seconds = Date.ISO8601FormatStyle()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let milliseconds = Int64.random(in: -2_208_988_800_000...4_102_444_800_000, using: &generator)
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let whole = Date(timeIntervalSince1970: Double(milliseconds.dividedRoundingDown(by: 1000)))
            let fraction = milliseconds - milliseconds.dividedRoundingDown(by: 1000) * 1000
            let expected =
                String(whole.formatted(seconds).dropLast()) + "." + String(1000 + fraction).dropFirst() + "Z"
            #expect(RFC3339.format(date) == expected, "\(milliseconds)")
        }
    }

    @Test("what it writes, the parser reads back to the same millisecond")
    func roundTrip() {
        for milliseconds in stride(from: Int64(0), to: 4_000_000_000_000, by: 7_919_999_999) {
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let parsed = RFC3339.parse(RFC3339.format(date))
            #expect(parsed.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } == milliseconds)
        }
    }
}
