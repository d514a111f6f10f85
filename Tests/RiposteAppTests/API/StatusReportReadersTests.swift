import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

/// #15 point 4 through the API, on both engines: a status report reaches its readers.
@Suite("Status reports reach their readers (API)")
struct StatusReportReadersTests {
    @Test("a major incident's report goes to the crisis manager with the situation; a minor one's to no one")
    func crisisManagerReads() async throws {
        try await withTestApp { t in
            let crisis = try await t.user([.crisisManager])
            let continuity = try await t.user([.continuityManager])
            let manager = try await t.user([.incidentManager])
            let minor = try await t.inTreatment(.minor, as: manager)
            let quiet = try await t.send(
                .POST, "/api/v1/incidents/\(minor.id)/status-reports", as: manager, body: ["situation": "RAS"])
            #expect(quiet.status == .created)
            #expect(try await t.notifications(of: crisis).items.isEmpty)
            let major = try await t.inTreatment(.major, as: manager)
            let sent = try await t.send(
                .POST, "/api/v1/incidents/\(major.id)/status-reports", as: manager,
                body: ["situation": "Bascule sur le site de secours en cours"])
            #expect(sent.status == .created)
            let items = try await t.notifications(of: crisis).items
            #expect(items.map(\.event) == ["status_report"])
            #expect(items.first?.incidentNumber == major.number)
            #expect(items.first?.flow == 1)
            #expect(items.first?.text.contains("Bascule sur le site de secours en cours") == true)
            #expect(try await t.notifications(of: continuity).items.isEmpty)
        }
    }

    @Test("recovery expected after an impacted activity's RTO: the continuity manager reads it too")
    func continuityManagerReads() async throws {
        try await withTestApp { t in
            let continuity = try await t.user([.continuityManager])
            let manager = try await t.user([.incidentManager])
            let payroll = try await t.activity("Paie", rtoHours: 4)
            let response = try await t.send(
                .POST, "/api/v1/incidents", as: manager,
                json: #"{"title":"Paie bloquée","description":"d","impactedActivityIds":["\#(payroll)"]}"#)
            #expect(response.status == .created)
            let incident = try await t.move(
                try await t.qualify(try response.incident(), as: manager, severity: .minor), to: .inTreatment,
                as: manager)
            let late = DateCoding.text(t.clock.now().addingTimeInterval(6 * 3600))
            let sent = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/status-reports", as: manager,
                json: #"{"situation":"Fournisseur en retard","expectedRecoveryAt":"\#(late)"}"#)
            #expect(sent.status == .created, "\(sent.body.string)")
            let items = try await t.notifications(of: continuity).items
            #expect(items.map(\.event).contains("status_report"))
            #expect(items.first { $0.event == "status_report" }?.flow == 7)
        }
    }
}
