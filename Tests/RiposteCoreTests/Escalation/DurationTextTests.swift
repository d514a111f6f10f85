import Testing

@testable import RiposteCore

@Suite("Durations as people type them (#19 point 3)")
struct DurationTextTests {
    @Test(
        "a number and a unit in French, Dutch or English, abbreviated or not, or ISO 8601",
        arguments: [
            ("4 heures", 14_400), ("4 heure", 14_400), ("1 heure", 3_600), ("4h", 14_400), ("4 H", 14_400),
            ("30 minutes", 1_800), ("30 min", 1_800), ("30min", 1_800), ("2 jours", 172_800), ("1 j", 86_400),
            ("4 uur", 14_400), ("45 minuten", 2_700), ("1 minuut", 60), ("3 dagen", 259_200), ("1 dag", 86_400),
            ("4 hours", 14_400), ("1 hour", 3_600), ("2 days", 172_800), ("1 week", 604_800),
            ("2 semaines", 1_209_600), ("2 weken", 1_209_600), ("1 jour et 4 heures", 100_800),
            ("1 day and 4 hours", 100_800), ("1 dag en 4 uur", 100_800), ("1 j 4 h", 100_800), ("4h30", 16_200),
            ("1h30min", 5_400), ("1,5 heure", 5_400), ("1.5 hours", 5_400), ("  4 heures  ", 14_400),
            ("4\u{00A0}heures", 14_400), ("PT4H", 14_400), ("P1D", 86_400), ("pt30m", 1_800),
        ])
    func reads(text: String, seconds: Int) {
        #expect(DurationText.seconds(in: text) == seconds, "\(text)")
    }

    @Test(
        "anything else is not a duration",
        arguments: [
            "", "4", "heures", "4 bananes", "HEURES 4", "quatre heures", "4 h h", "0,3 minute", "1e9 heures",
            "4 heures; DROP", "P1Y", "PT", "et 4 heures", "9999999999999 jours",
        ])
    func refuses(text: String) {
        #expect(DurationText.seconds(in: text) == nil, "\(text)")
    }

    @Test("a sign is kept, so that a negative length is told as out of range")
    func negative() {
        #expect(DurationText.seconds(in: "-4 heures") == -14_400)
        #expect(DurationText.seconds(in: "0 minute") == 0)
    }

    @Test("shown as the largest unit that counts it whole")
    func amount() {
        #expect(DurationText.amount(of: 14_400)! == (4, .hours))
        #expect(DurationText.amount(of: 5_400)! == (90, .minutes))
        #expect(DurationText.amount(of: 172_800)! == (2, .days))
        #expect(DurationText.amount(of: 100_800)! == (28, .hours))
        #expect(DurationText.amount(of: 60)! == (1, .minutes))
        #expect(DurationText.amount(of: 30) == nil, "not whole minutes: shown in ISO 8601")
        #expect(DurationText.amount(of: 0) == nil)
        // What is shown reads back as itself.
        for seconds in [60, 1_800, 5_400, 14_400, 86_400, 100_800, 1_209_600] {
            let (count, unit) = DurationText.amount(of: seconds)!
            #expect(DurationText.seconds(in: "\(count) \(unit.rawValue)") == seconds)
        }
    }

    @Test("the rule: one minute to a year; ISO 8601 for the API, typed words for the pages")
    func rule() throws {
        #expect(try DurationRule.typed("4 heures", field: "f") == ISODuration("PT4H"))
        #expect(try DurationRule.typed("365 jours", field: "f").seconds == DurationRule.longestSeconds)
        for (text, problem) in [
            ("0 minute", FieldError.Problem.outOfRange), ("-4 heures", .outOfRange), ("366 jours", .outOfRange),
            ("53 weeks", .outOfRange), ("4", .invalid), ("", .invalid),
        ] {
            #expect(throws: FieldError(field: "f", problem: problem, limit: problem == .outOfRange ? 31_536_000 : nil))
            {
                try DurationRule.typed(text, field: "f")
            }
        }
        #expect(throws: FieldError(field: "f", problem: .invalid)) { try DurationRule.positive("4 heures", field: "f") }
        #expect(throws: FieldError(field: "f", problem: .outOfRange, limit: 31_536_000)) {
            try DurationRule.positive("P366D", field: "f")
        }
        #expect(try DurationRule.check("2 dagen", field: "f", notation: .typed) == ISODuration("P2D"))
    }
}
