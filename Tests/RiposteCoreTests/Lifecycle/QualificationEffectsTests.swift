import Testing

@testable import RiposteCore

@Suite("What a qualification changes, whoever makes it")
struct QualificationEffectsTests {
    static let reported = IncidentState(status: .reported)
    static let minor = IncidentState(status: .inTreatment, severity: .minor, type: "réseau")

    @Test("a first qualification is journalled as such") func first() throws {
        let decision = try Lifecycle.qualify(
            Self.reported, type: "réseau", severity: .minor, roles: [.helpdeskOperator]
        ).get()
        let entry = decision.journalEntry(team: "Infra")
        #expect(entry.kind == .qualified)
        #expect(entry.details == ["type": "réseau", "severity": "minor", "team": "Infra"])
    }

    @Test("a re-qualification names what it was") func requalified() throws {
        let decision = try Lifecycle.qualify(
            Self.minor, type: "matériel", severity: .major, roles: [.incidentManager]
        ).get()
        let entry = decision.journalEntry()
        #expect(entry.kind == .requalified)
        #expect(
            entry.details == [
                "type": "matériel", "severity": "major", "previousSeverity": "minor", "previousType": "réseau",
            ])
    }

    @Test("§4.2.3 step 2: the sweep's re-qualification is the same effect, with its reason") func escalated() {
        let decision = Qualification.escalatedToMajor(Self.minor)
        #expect(decision.action == .requalify && decision.severityChanged)
        #expect(decision.newStatus == .inTreatment && decision.type == "réseau")
        let entry = decision.journalEntry(reason: "minor_becomes_major")
        #expect(entry.kind == .requalified)
        #expect(entry.details["reason"] == "minor_becomes_major" && entry.details["previousSeverity"] == "minor")
    }
}
