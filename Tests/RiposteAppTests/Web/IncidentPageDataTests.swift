import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("The incident page's data")
struct IncidentPageDataTests {
    /// An incident with something in every list the page shows.
    func busyIncident(_ t: TestApp) async throws -> (incident: IncidentJSON, manager: Caller, reporter: Caller) {
        let admin = try await t.user([.admin])
        let manager = try await t.user([.incidentManager])
        let reporter = try await t.user([.reporter], email: "rep@example.test")
        let incident = try await t.qualify(try await t.report(as: reporter), as: manager, severity: .major)
        let client = try await t.send(
            .POST, "/api/v1/contacts", as: admin, json: #"{"kind":"client","name":"Ville","contacts":[]}"#)
        let party = try client.decode(ContactsAndCommunicationsTests.DirectoryJSON.Party.self)
        _ = try await t.send(
            .POST, "/api/v1/contacts", as: admin, json: #"{"kind":"supplier","name":"Hébergeur","contacts":[]}"#)
        let linked = try await t.send(
            .POST, "/api/v1/incidents/\(incident.id)/parties", as: manager,
            json: #"{"partyId":"\#(party.id)","relation":"affected"}"#)
        try #require(linked.status == .created)
        for type in ["réseau", "matériel"] {
            try await t.db.sql().raw("INSERT INTO incident_types (id, name) VALUES (\(bind: UUID()), \(bind: type))")
                .run()
        }
        for recipients in ["rep@example.test", "direction@example.test"] {
            let sent = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/communications", as: manager,
                json:
                    #"{"direction":"external","audience":"x","media":"email","recipients":"\#(recipients)","summary":"s"}"#
            )
            try #require(sent.status == .created, "\(sent.body.string)")
        }
        return (incident, manager, reporter)
    }

    func person(_ caller: Caller, _ roles: Set<Role>) -> ActingPerson {
        ActingPerson(id: caller.id, name: "", roles: roles)
    }

    @Test("a handler's page reads in six statements, the incident included, on both engines") func budget()
        async throws
    {
        try await withTestApp { t in
            let (incident, manager, reporter) = try await busyIncident(t)
            // The incident's row included: the counter sees the statements run on the driver too.
            let sql = CountingSQLDatabase(try t.db.sql())
            let row = try await IncidentReader(database: sql).row(incident.id)
            let data = try await IncidentPageData.load(
                row, viewer: person(manager, [.incidentManager]), staff: true, nameParties: true, on: sql)
            #expect(sql.statements <= 6, "\(sql.statements) statements")
            #expect(data.checklist.count == Checklists.steps(for: .major).count)
            #expect(data.chain.count >= 4, "reported, qualified, party, two communications")
            #expect(data.communications.count == 2)
            #expect(data.surroundings.involved.map(\.name) == ["Ville"])
            #expect(data.surroundings.directory.map(\.name) == ["Hébergeur", "Ville"])
            #expect(data.surroundings.types == ["matériel", "réseau"])
            #expect(data.surroundings.names[reporter.id] != nil && data.surroundings.names[manager.id] != nil)
        }
    }

    @Test("a reporter's page reads less, and only the public side") func reporterSide() async throws {
        try await withTestApp { t in
            let (incident, _, reporter) = try await busyIncident(t)
            let sql = CountingSQLDatabase(try t.db.sql())
            let row = try await IncidentReader(database: sql).row(incident.id)
            let data = try await IncidentPageData.load(
                row, viewer: person(reporter, [.reporter]), staff: false, nameParties: false, on: sql)
            #expect(sql.statements <= 4, "\(sql.statements) statements")
            #expect(data.checklist.isEmpty && data.surroundings.involved.isEmpty)
            #expect(data.surroundings.directory.isEmpty)
            #expect(data.communications.map(\.recipients) == ["rep@example.test"], "only what was sent to them")
            #expect(data.entries(staff: false).allSatisfy { JournalKind(rawValue: $0.kind)?.isPublic == true })
        }
    }
}
