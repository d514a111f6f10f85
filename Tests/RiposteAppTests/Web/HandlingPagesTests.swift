import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Pages: owner, team and facts (#16)")
struct HandlingPagesTests {
    static let password = "a long passphrase"

    /// The id of the option naming `name` in the select `id`.
    static func option(_ name: String, in select: String, of html: String) throws -> String {
        let start = try #require(html.range(of: "id=\"\(select)\""))
        let rest = html[start.upperBound...]
        let end = try #require(rest.range(of: "</select>"))
        let options = rest[..<end.lowerBound]
        let match = try #require(
            options.matches(of: /<option value="([0-9A-F-]{36})"[^>]*>([^<]*)</).first { $0.output.2 == name })
        return String(match.output.1)
    }

    @Test("the helpdesk manager hands an incident to a technician, who edits its facts and sees the RTO left")
    func handOverAndEdit() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.helpdeskManager], email: "lead@example.test")
            try await t.person([.responseTeam], email: "alex@example.test")
            _ = try await t.activity("Facturation", rtoHours: 4)
            let lead = try await Browser.signIn(t, email: "lead@example.test", password: Self.password)
            try await lead.get("/incidents/new")
            let sent = try await lead.post("/incidents/new", [("title", "Imprimantes"), ("description", "En panne")])
            let number = try #require(sent.headers.first(name: .location)?.components(separatedBy: "/").last)
            var page = try await lead.get("/incidents/\(number)").body.string
            var version = try #require(IncidentPagesTests.version(in: page))
            _ = try await lead.post(
                "/incidents/\(number)/qualify", [("type", "matériel"), ("severity", "minor"), ("version", version)])
            page = try await lead.get("/incidents/\(number)").body.string
            #expect(page.contains("Responsable désigné"))
            #expect(page.contains(">lead<"), "whoever qualifies owns it")
            version = try #require(IncidentPagesTests.version(in: page))
            let alex = try Self.option("alex", in: "owner-user", of: page)
            let handed = try await lead.post(
                "/incidents/\(number)/owner", [("userId", alex), ("version", version)])
            #expect(handed.status == .seeOther)
            page = try await lead.get("/incidents/\(number)").body.string
            #expect(page.contains("Incident confié"))
            version = try #require(IncidentPagesTests.version(in: page))
            let added = try await lead.post(
                "/incidents/\(number)/members", [("userId", alex), ("version", version)])
            #expect(added.status == .seeOther)

            let technician = try await Browser.signIn(t, email: "alex@example.test", password: Self.password)
            // The incident is under "my incidents" on the technician's dashboard and in the register's filter.
            let dashboard = try await technician.get("/").body.string
            let mine = try #require(dashboard.range(of: "id=\"mine-heading\""))
            #expect(dashboard[mine.upperBound...].prefix(600).contains(number))
            #expect(try await technician.get("/incidents?mine=1").body.string.contains(number))
            #expect(!(try await lead.get("/incidents?mine=1").body.string.contains(number)))
            page = try await technician.get("/incidents/\(number)").body.string
            #expect(page.contains("Corriger ou compléter la description"))
            version = try #require(IncidentPagesTests.version(in: page))
            let activity = try #require(page.firstMatch(of: /name="activities\[\]" value="([0-9A-F-]{36})"/)).1
            // An empty title is refused in French, next to the field, and nothing changes.
            let before = try await t.snapshot()
            let refused = try await technician.post(
                "/incidents/\(number)/facts", [("title", ""), ("description", "En panne"), ("version", version)])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("f-title-error"))
            #expect(try await t.snapshot() == before)
            let saved = try await technician.post(
                "/incidents/\(number)/facts",
                [
                    ("title", "Imprimantes du siège"), ("description", "En panne"), ("impact", "Pas de factures"),
                    ("resourcesAllocated", "1 technicien"), ("team", "Support"), ("activities[]", String(activity)),
                    ("version", version),
                ])
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            page = try await technician.get("/incidents/\(number)").body.string
            #expect(page.contains("Imprimantes du siège"))
            #expect(page.contains("Pas de factures"))
            #expect(page.contains("Facturation"))
            #expect(page.contains("encore 3 h 59 min") || page.contains("encore 4 h"), "the RTO's time left")
            #expect(page.contains("Description courte : « Imprimantes » → « Imprimantes du siège »"))
            #expect(page.contains("Activités essentielles touchées : « — » → « Facturation »"))
            let told = try await technician.get("/notifications").body.string
            #expect(told.contains("Un incident vous est confié"))
        }
    }

    @Test("a reporter sees neither owner, team, impact nor the handling forms")
    func reporterSeesNone() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.reporter], email: "rep@example.test")
            let reporter = try await Browser.signIn(t, email: "rep@example.test", password: Self.password)
            try await reporter.get("/incidents/new")
            let sent = try await reporter.post("/incidents/new", [("title", "Badge"), ("description", "Refusé")])
            let number = try #require(sent.headers.first(name: .location)?.components(separatedBy: "/").last)
            let page = try await reporter.get("/incidents/\(number)").body.string
            #expect(!page.contains("Responsable désigné"))
            #expect(!page.contains("Prise en charge"))
            let forbidden = try await reporter.post(
                "/incidents/\(number)/facts", [("title", "x"), ("description", "y"), ("version", "1")])
            #expect(forbidden.status == .forbidden)
        }
    }
}

@Suite("Pages: deadlines in sight (#16 point 3)")
struct DeadlinePagesTests {
    @Test("the page shows each deadline's time left, then since when it passed; a breach stays listed until resolved")
    func deadlines() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.incidentManager], email: "im@example.test")
            let manager = try await t.user([.incidentManager])
            let incident = try await t.inTreatment(.major, as: manager)
            let first = try await Browser.signIn(t, email: "im@example.test", password: HandlingPagesTests.password)
            var page = try await first.get("/incidents/\(incident.number)").body.string
            #expect(page.contains("Échéances"))
            #expect(page.contains("Résoudre l'incident (SLA)") || page.contains("Résoudre l&#39;incident (SLA)"))
            #expect(page.contains("encore 8 h"), "a major incident's eight hours, untouched")
            #expect(page.contains("Prochain rapport de situation"))
            // Nine hours on: the deadline passed; the sweep makes its escalation.
            t.clock.advance(by: 9 * 3_600)
            // The page session has ended meanwhile (idle limit): signed in again.
            let browser = try await Browser.signIn(t, email: "im@example.test", password: HandlingPagesTests.password)
            page = try await browser.get("/incidents/\(incident.number)").body.string
            #expect(page.contains("dépassé depuis 1 h"))
            _ = try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false)
            // Handled by the sweep, it stays on the dashboard and in the register's filter.
            let dashboard = try await browser.get("/").body.string
            let late = try #require(dashboard.range(of: "id=\"late-heading\""))
            #expect(dashboard[late.upperBound...].prefix(800).contains(incident.number))
            let listed = try await t.send(.GET, "/api/v1/incidents?breached=true", as: manager)
            #expect(try listed.decode(PageJSON.self).items.map(\.number) == [incident.number])
            // Resolved, it runs against nothing and leaves the panel; the breach is kept.
            let resolved = try await t.move(try await t.fetch(incident.number, as: manager), to: .resolved, as: manager)
            page = try await browser.get("/incidents/\(resolved.number)").body.string
            #expect(!page.contains("id=\"deadlines-heading\""))
            let after = try await browser.get("/").body.string
            let panel = try #require(after.range(of: "id=\"late-heading\""))
            #expect(!after[panel.upperBound...].prefix(400).contains(incident.number))
            let kept = try await t.send(.GET, "/api/v1/incidents?breached=true", as: manager)
            #expect(try kept.decode(PageJSON.self).items.map(\.number) == [incident.number])
        }
    }
}
