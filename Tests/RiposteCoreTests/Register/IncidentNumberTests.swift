import Foundation
import Testing

@testable import RiposteCore

@Suite("Incident numbers and reports")
struct IncidentNumberTests {
    @Test("numbers have four digits at least") func format() {
        #expect(IncidentNumber(year: 2026, sequence: 42).description == "INC-2026-0042")
        #expect(IncidentNumber(year: 2026, sequence: 12345).description == "INC-2026-12345")
    }

    @Test("numbers parse back, case-insensitively") func parse() {
        #expect(IncidentNumber("INC-2026-0042") == IncidentNumber(year: 2026, sequence: 42))
        #expect(IncidentNumber("inc-2026-0042") == IncidentNumber(year: 2026, sequence: 42))
        for bad in ["INC-2026-42", "INC-26-0042", "INC-2026-0000", "FOO-2026-0042", "INC-2026-00x2", "", "INC-2026"] {
            #expect(IncidentNumber(bad) == nil, "\(bad)")
        }
    }

    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("a report is trimmed and checked") func validReport() throws {
        let id = UUID()
        let report = try IncidentReport(
            title: "  Panne  ", description: " x ", type: " ", impactedActivityIDs: [id, id]
        ).validated(at: Self.now)
        #expect(report.title == "Panne")
        #expect(report.type == nil)
        #expect(report.impactedActivityIDs == [id])
    }

    @Test("limits and required fields") func invalidReports() {
        #expect(throws: FieldError(field: "title", problem: .required)) {
            try IncidentReport(title: " ", description: "x").validated(at: Self.now)
        }
        #expect(throws: FieldError(field: "title", problem: .tooLong, limit: FieldLimits.title)) {
            try IncidentReport(title: String(repeating: "é", count: FieldLimits.title + 1), description: "x").validated(
                at: Self.now)
        }
        #expect(throws: FieldError(field: "description", problem: .tooLong, limit: FieldLimits.description)) {
            try IncidentReport(title: "t", description: String(repeating: "x", count: FieldLimits.description + 1))
                .validated(at: Self.now)
        }
        #expect(throws: FieldError(field: "detectedAt", problem: .outOfRange)) {
            try IncidentReport(title: "t", description: "x", detectedAt: Self.now.addingTimeInterval(3600)).validated(
                at: Self.now)
        }
    }

    @Test("search text folds case and accents") func fold() {
        #expect(SearchText.fold("Crédit ÉCHOUÉ") == "credit echoue")
    }
}

@Suite("Text rules")
struct TextRuleTests {
    @Test("lengths count code points, as JSON Schema does") func codePoints() throws {
        // "e" + combining acute accent: one character, two code points.
        let accented = String(repeating: "e\u{301}", count: 3)
        #expect(accented.count == 3)
        #expect(throws: FieldError(field: "f", problem: .tooLong, limit: 5)) {
            try TextRule.required(accented, field: "f", max: 5)
        }
        #expect(try TextRule.required(accented, field: "f", max: 6) == accented)
    }

    @Test("NUL is refused") func nul() {
        #expect(throws: FieldError(field: "f", problem: .invalid)) {
            try TextRule.required("a\u{0}b", field: "f", max: 10)
        }
        #expect(throws: FieldError(field: "f", problem: .invalid)) {
            try TextRule.optional("a\u{0}", field: "f", max: 10)
        }
    }
}
