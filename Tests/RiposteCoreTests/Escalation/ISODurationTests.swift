import Testing

@testable import RiposteCore

@Suite("ISO 8601 durations")
struct ISODurationTests {
    @Test(
        "fixed-length forms parse",
        arguments: [
            ("PT4H", 14_400), ("PT30S", 30), ("P1D", 86_400), ("P1DT2H30M", 95_400), ("P2W", 1_209_600),
            ("PT0S", 0), ("P1DT1S", 86_401),
        ])
    func valid(text: String, seconds: Int) {
        #expect(ISODuration(text)?.seconds == seconds)
    }

    @Test(
        "everything else is refused",
        arguments: [
            "", "P", "PT", "4H", "P1M", "P1Y", "PT1D", "P1H", "PT1H1H", "PT1M1H", "P1.5D", "PT-1S", "P1DT", "PTS",
            "P9999999999D", "pt1m",
        ])
    func invalid(text: String) {
        #expect(ISODuration(text) == nil)
    }

    @Test("the canonical form round-trips") func canonical() {
        for seconds in [0, 1, 59, 60, 3_600, 86_400, 95_400, 1_209_600, 90_061] {
            let duration = ISODuration(seconds: seconds)
            #expect(ISODuration(duration.description) == duration, "\(duration)")
        }
        #expect(ISODuration(seconds: 95_400).description == "P1DT2H30M")
    }
}

@Suite("Duration rule")
struct DurationRuleTests {
    @Test("positive durations pass, zero and garbage are refused") func rule() throws {
        #expect(try DurationRule.positive("PT30S", field: "rto").seconds == 30)
        #expect(throws: FieldError(field: "rto", problem: .outOfRange, limit: DurationRule.longestSeconds)) {
            try DurationRule.positive("PT0S", field: "rto")
        }
        #expect(throws: FieldError(field: "rto", problem: .invalid)) {
            try DurationRule.positive("4 hours", field: "rto")
        }
    }
}
