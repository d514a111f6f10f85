import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("A reporter sees the public side of their incident only (#13)")
struct ReporterViewTests {
    /// A reported incident, qualified and worked on by a manager, with a note, a message to the
    /// reporter (and someone else) and a message to someone else only.
    func workedOn(_ t: TestApp, reporter: Caller, reporterEmail: String) async throws -> (IncidentJSON, Caller) {
        let manager = try await t.user([.helpdeskOperator, .incidentManager], email: "manager@example.test")
        let incident = try await t.qualify(try await t.report(as: reporter), as: manager, severity: .major)
        let base = "/api/v1/incidents/\(incident.id)"
        _ = try await t.send(.POST, base + "/journal", as: manager, json: #"{"kind":"note","text":"Piste interne"}"#)
        for (recipients, summary) in [
            ("\(reporterEmail), boss@example.test", "Nous y travaillons"), ("client@example.test", "Message interne"),
        ] {
            let sent = try await t.send(
                .POST, base + "/communications", as: manager,
                json:
                    #"{"direction":"external","audience":"Demandeur","media":"email","recipients":"\#(recipients)","summary":"\#(summary)"}"#
            )
            try #require(sent.status == .created, "\(sent.body.string)")
        }
        return (incident, manager)
    }

    @Test("through the API: no checklist, plans or clock; public journal entries; own messages; no parties or review")
    func api() async throws {
        try await withTestApp { t in
            let reporter = try await t.user([.reporter], email: "rep@example.test")
            let (incident, manager) = try await workedOn(t, reporter: reporter, reporterEmail: "rep@example.test")
            let base = "/api/v1/incidents/\(incident.id)"
            let seen = try await t.fetch(incident.id.uuidString, as: reporter)
            #expect(seen.checklist.isEmpty && seen.plans.isEmpty)
            #expect(try await t.fetch(incident.id.uuidString, as: manager).checklist.count > 0)
            let journal = try await t.journal(incident.id, as: reporter)
            #expect(journal.map(\.kind) == ["reported"])
            #expect(journal.allSatisfy { $0.authorId == nil || $0.authorId == reporter.id })
            let messages = try await t.send(.GET, base + "/communications", as: reporter)
            #expect(messages.status == .ok)
            #expect(messages.body.string.contains("Nous y travaillons"))
            for hidden in ["boss@example.test", "Message interne", "client@example.test", "manager@example.test"] {
                #expect(!messages.body.string.contains(hidden), "\(hidden)")
            }
            for path in ["/parties", "/deliveries", "/review"] {
                #expect(try await t.send(.GET, base + path, as: reporter).status == .forbidden, "\(path)")
            }
        }
    }

    @Test("on the page: their words, the status, their messages; not the team's notes, names or checklist")
    func page() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.reporter], email: "rep@example.test")
            let employee = try await Browser.signIn(t, email: "rep@example.test", password: "a long passphrase")
            try await employee.get("/incidents/new")
            let sent = try await employee.post("/incidents/new", [("title", "Imprimante"), ("description", "Fumée")])
            let number = try #require(sent.headers.first(name: .location)?.components(separatedBy: "/").last)
            let manager = try await t.user([.helpdeskOperator, .incidentManager], email: "manager@example.test")
            let incident = try await t.fetch(number, as: manager)
            _ = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/qualify", as: manager,
                json: #"{"type":"matériel","severity":"major","team":"Équipe réseau"}"#)
            _ = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/journal", as: manager,
                json: #"{"kind":"note","text":"Piste interne"}"#)
            let page = try await employee.get("/incidents/\(number)").body.string
            #expect(page.contains("Imprimante") && page.contains("Fumée"))
            for hidden in ["Piste interne", "Équipe réseau", "Test [", "checklist-heading", "parties-heading"] {
                #expect(!page.contains(hidden), "\(hidden)")
            }
            let print = try await employee.get("/incidents/\(number)/print").body.string
            #expect(!print.contains("Piste interne") && !print.contains("Équipe réseau"))
        }
    }

    @Test("a published plan without its directory of people and contacts")
    func plan() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let reporter = try await t.user([.reporter])
            let crisis = try await t.user([.crisisManager])
            _ = try await t.send(
                .POST, "/api/v1/contacts", as: admin,
                json:
                    #"{"kind":"supplier","name":"Hébergeur","contacts":[{"rank":"principal","name":"Sam","phone":"+32 2 123 45 67"}]}"#
            )
            #expect(try await t.send(.POST, "/api/v1/plan/versions", as: admin).status == .created)
            let forStaff = try await t.send(.GET, "/api/v1/plan/versions/1", as: crisis).body.string
            #expect(forStaff.contains("+32 2 123 45 67"))
            let forReporter = try await t.send(.GET, "/api/v1/plan/versions/1", as: reporter).body.string
            #expect(!forReporter.contains("+32 2 123 45 67") && !forReporter.contains("Sam"))
            #expect(forReporter.contains("## 3. "))
        }
    }
}
