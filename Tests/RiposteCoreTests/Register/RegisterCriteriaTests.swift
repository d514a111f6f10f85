import Foundation
import Testing

@testable import RiposteCore

@Suite("The register's filters, one rule for the API and the pages")
struct RegisterCriteriaTests {
    static func read(_ values: [String: String]) -> (criteria: RegisterCriteria, problems: [FieldError]) {
        RegisterCriteria.read(
            { values[$0] }, date: { _, text in text == "2026-12-01" ? Date(timeIntervalSince1970: 0) : nil })
    }

    @Test("what is understood is kept") func understood() {
        let (criteria, problems) = Self.read([
            "status": "in_treatment", "severity": "major", "type": " réseau ", "q": "imprimante",
            "from": "2026-12-01",
        ])
        #expect(problems.isEmpty)
        #expect(criteria.status == .inTreatment && criteria.severity == .major)
        #expect(criteria.type == "réseau" && criteria.text == "imprimante")
        #expect(criteria.from == Date(timeIntervalSince1970: 0) && criteria.to == nil)
    }

    @Test("every field not understood is named, in the fields' order") func problems() {
        let (criteria, problems) = Self.read([
            "status": "ouvert", "severity": "", "q": String(repeating: "x", count: FieldLimits.searchQuery + 1),
            "type": "a\u{0}b", "from": "hier", "to": "2026-12-01",
        ])
        #expect(problems.map(\.field) == ["status", "severity", "type", "q", "from"])
        #expect(problems[3].problem == .tooLong)
        #expect(criteria.status == nil && criteria.text == nil && criteria.to != nil)
    }

    @Test("absent fields ask nothing") func nothing() {
        let (criteria, problems) = Self.read([:])
        #expect(criteria == RegisterCriteria() && problems.isEmpty)
    }
}
