import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

/// #15 point 1 through the API, on both engines: a qualification's alerts are written with it.
@Suite("Qualification alerts (API)")
struct QualificationAlertsAPITests {
    @Test("an operator's crisis qualification tells the crisis, incident and helpdesk managers at once")
    func crisis() async throws {
        try await withTestApp { t in
            let crisis = try await t.user([.crisisManager])
            let manager = try await t.user([.incidentManager])
            let helpdeskManager = try await t.user([.helpdeskManager])
            let continuity = try await t.user([.continuityManager])
            let operator_ = try await t.user([.helpdeskOperator])
            let incident = try await t.qualify(
                try await t.report(as: operator_), as: operator_, type: "rançongiciel", severity: .crisis)
            for (reader, role) in [
                (crisis, "crisis_manager"), (manager, "incident_manager"), (helpdeskManager, "helpdesk_manager"),
            ] {
                let items = try await t.notifications(of: reader).items
                #expect(items.map(\.event) == ["qualified"], "\(role)")
                #expect(items.first?.incidentNumber == incident.number)
                #expect(items.first?.role == role)
            }
            // The plan's other managers are told by a warning or an activation, not by the qualification.
            #expect(try await t.notifications(of: continuity).items.isEmpty)
            // The one who qualified is not told of their own act.
            #expect(try await t.notifications(of: operator_).items.isEmpty)
            let french = try await t.send(
                .GET, "/api/v1/notifications", as: crisis, headers: [("Accept-Language", "fr")])
            #expect(french.body.string.contains("Incident qualifié crise"))
        }
    }

    @Test("minor and low call no manager; a downgrade tells those told of the higher severity")
    func minorAndDowngrade() async throws {
        try await withTestApp { t in
            let crisis = try await t.user([.crisisManager])
            let manager = try await t.user([.incidentManager])
            let other = try await t.user([.incidentManager])
            let minor = try await t.inTreatment(.minor, as: manager)
            #expect(try await t.notifications(of: other).items.isEmpty)
            let major = try await t.qualify(minor, as: manager, severity: .major)
            #expect(try await t.notifications(of: other).items.map(\.event) == ["qualified"])
            _ = try await t.qualify(major, as: manager, severity: .crisis)
            #expect(try await t.notifications(of: crisis).items.map(\.event) == ["qualified"])
            _ = try await t.qualify(major, as: manager, severity: .minor)
            #expect(try await t.notifications(of: crisis).items.map(\.event).sorted() == ["downgraded", "qualified"])
            #expect(
                try await t.notifications(of: other).items.map(\.event).sorted() == [
                    "downgraded", "qualified", "qualified",
                ])
        }
    }

    @Test("the helpdesk manager told of an operator's minor qualification is told of its downgrade")
    func downgradeTellsTheHelpdeskManager() async throws {
        try await withTestApp { t in
            let helpdeskManager = try await t.user([.helpdeskManager])
            let helpdesk = try await t.user([.helpdeskOperator])
            let manager = try await t.user([.incidentManager])
            let minor = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .minor)
            #expect(try await t.notifications(of: helpdeskManager).items.map(\.event) == ["qualified"])
            _ = try await t.qualify(minor, as: manager, severity: .low)
            #expect(
                try await t.notifications(of: helpdeskManager).items.map(\.event).sorted() == [
                    "downgraded", "qualified",
                ])
        }
    }

    @Test("a refused qualification tells no one and changes nothing")
    func refused() async throws {
        try await withTestApp { t in
            let crisis = try await t.user([.crisisManager])
            let reporter = try await t.user([.reporter])
            let incident = try await t.report(as: reporter)
            let before = try await t.snapshot()
            let response = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/qualify", as: reporter,
                body: ["type": "réseau", "severity": "crisis"])
            #expect(response.status == .forbidden)
            #expect(try await t.snapshot() == before)
            #expect(try await t.notifications(of: crisis).items.isEmpty)
        }
    }
}
