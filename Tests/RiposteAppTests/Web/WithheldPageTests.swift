import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Pages: which role would allow it, and who holds it (#19 point 3)")
struct WithheldPageTests {
    @Test("an administrator alone is told who may qualify the report, and that nobody holds it yet")
    func nobodyYet() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await admin.get("/incidents/new")
            let sent = try await admin.post("/incidents/new", [("title", "Four en panne"), ("description", "Rien")])
            let number = try #require(sent.headers.first(name: .location)?.components(separatedBy: "/").last)
            var page = try await admin.get("/incidents/\(number)").body.string
            #expect(page.contains("Ce que d&#39;autres rôles peuvent faire ici"), "\(page)")
            #expect(page.contains(#"<details open>"#), "open: the administrator can move it no further")
            #expect(page.contains("<strong>Qualifier l&#39;incident</strong>"))
            #expect(page.contains("Personne ne tient ce rôle"))

            try await t.person([.helpdeskOperator], email: "helpdesk@example.test")
            try await t.db.sql().raw("UPDATE users SET name = 'Hélène Helpdesk' WHERE email = 'helpdesk@example.test'")
                .run()
            try await t.person([.incidentManager], email: "gone@example.test")
            try await t.db.sql().raw(
                "UPDATE users SET name = 'Parti', disabled_at = \(bind: t.clock.now()) WHERE email = 'gone@example.test'"
            ).run()
            page = try await admin.get("/incidents/\(number)").body.string
            let qualify = try #require(
                page.components(separatedBy: "<strong>Qualifier l&#39;incident</strong>").last?
                    .components(separatedBy: "</li>").first)
            #expect(qualify.contains("Opérateur helpdesk"), "\(qualify)")
            #expect(qualify.contains("Tenu par : Hélène Helpdesk."))
            #expect(!qualify.contains("Parti"), "a disabled person holds nothing")
        }
    }

    @Test("someone who may do everything anyone may is shown nothing; a reporter sees no such card")
    func nothingWithheld() async throws {
        try await withTestApp { t in
            try await t.person(Set(Role.allCases), email: "all@example.test")
            try await t.person([.reporter], email: "reporter@example.test")
            let reporter = try await Browser.signIn(t, email: "reporter@example.test", password: "a long passphrase")
            try await reporter.get("/incidents/new")
            let sent = try await reporter.post("/incidents/new", [("title", "Panne"), ("description", "Rien")])
            let number = try #require(sent.headers.first(name: .location)?.components(separatedBy: "/").last)
            #expect(!(try await reporter.get("/incidents/\(number)").body.string.contains("withheld-heading")))
            let everyone = try await Browser.signIn(t, email: "all@example.test", password: "a long passphrase")
            #expect(!(try await everyone.get("/incidents/\(number)").body.string.contains("withheld-heading")))
        }
    }
}
