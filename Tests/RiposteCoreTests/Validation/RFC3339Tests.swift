import Foundation
import Testing

@testable import RiposteCore

@Suite("RFC 3339 dates")
struct RFC3339Tests {
    @Test(
        "valid forms parse to the right instant",
        arguments: [
            ("2026-11-29T08:30:00Z", 1_795_941_000.0),
            ("2026-11-29T08:30:00.250Z", 1_795_941_000.25),
            ("2026-11-29T09:30:00+01:00", 1_795_941_000.0),
            ("2026-11-29T03:00:00-05:30", 1_795_941_000.0),
            ("2024-02-29T00:00:00z", 1_709_164_800.0),
        ])
    func valid(text: String, seconds: Double) throws {
        let date = try #require(RFC3339.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.0001)
    }

    @Test(
        "invalid forms are refused",
        arguments: [
            "2024-01-01T12:99:00Z", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-01-01T24:00:00Z",
            "2024-01-01 12:00:00Z", "2024-01-01T12:00:00", "2024-01-01T12:00:00.Z", "2024-01-01T12:00:00+0100",
            "yesterday", "", "2024-01-01T12:00:00Zjunk", "2024-04-31T00:00:00Z",
        ])
    func invalid(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }
}
