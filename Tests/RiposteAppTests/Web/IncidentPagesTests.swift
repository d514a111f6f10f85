import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Pages: report, register, incident forms")
struct IncidentPagesTests {
    @Test("an employee reports; the helpdesk qualifies; the team moves it on; the journal shows it all")
    func journey() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.reporter], email: "employee@example.test")
            try await t.person([.helpdeskOperator], email: "helpdesk@example.test")
            let employee = try await Browser.signIn(t, email: "employee@example.test", password: "a long passphrase")
            try await employee.get("/incidents/new")
            let sent = try await employee.post(
                "/incidents/new",
                [("title", "Imprimante en feu"), ("description", "De la fumée"), ("channel", "phone")])
            #expect(sent.status == .seeOther)
            let number = try #require(sent.headers.first(name: .location)?.components(separatedBy: "/").last)
            let page = try await employee.get("/incidents/\(number)")
            #expect(page.body.string.contains("Merci : l&#39;incident est enregistré."))
            #expect(!page.body.string.contains("/qualify"), "a reporter is offered no qualification")

            let helpdesk = try await Browser.signIn(t, email: "helpdesk@example.test", password: "a long passphrase")
            let before = try await helpdesk.get("/incidents/\(number)")
            #expect(before.body.string.contains("/incidents/\(number)/qualify"))
            let version = try #require(Self.version(in: before.body.string))
            let qualified = try await helpdesk.post(
                "/incidents/\(number)/qualify", [("type", "matériel"), ("severity", "minor"), ("version", version)])
            #expect(qualified.status == .seeOther)
            let after = try await helpdesk.get("/incidents/\(number)")
            #expect(after.body.string.contains("Qualification enregistrée."))
            #expect(after.body.string.contains("severity-minor"))
            let journal = try await t.db.sql().raw("SELECT kind FROM journal_entries ORDER BY sequence").all()
                .map { try $0.decode(column: "kind", as: String.self) }
            #expect(journal == ["reported", "qualified"])
            // The register lists it, filtered and searched.
            let register = try await helpdesk.get("/incidents?severity=minor&q=imprimante")
            #expect(register.body.string.contains(number))
            #expect(try await helpdesk.get("/incidents?severity=major").body.string.contains(number) == false)
            #expect(try await helpdesk.get("/incidents?sort=severity").body.string.contains(number))
            #expect(try await helpdesk.get("/incidents?severity=enormous").status == .badRequest)
        }
    }

    @Test("sorted by severity: crisis first, unqualified last, newest first within one")
    func severityOrder() async throws {
        try await withTestApp { t in
            try await t.person([.incidentManager, .helpdeskOperator], email: "im@example.test")
            let manager = try await t.user([.incidentManager, .helpdeskOperator])
            let unqualified = try await t.report(as: manager, title: "Pas encore qualifié")
            var numbers: [Severity: String] = [:]
            for severity in [Severity.low, .crisis, .minor, .major] {
                numbers[severity] = try await t.qualify(
                    try await t.report(as: manager, title: "Gravité \(severity.rawValue)"), as: manager,
                    severity: severity
                ).number
            }
            let browser = try await Browser.signIn(t, email: "im@example.test", password: "a long passphrase")
            let page = try await browser.get("/incidents?sort=severity").body.string
            let expected = [.crisis, .major, .minor, .low].compactMap { numbers[$0] } + [unqualified.number]
            let positions = expected.map { page.range(of: $0)?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil })
            #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        }
    }

    @Test("a forbidden action posted by hand is refused with a page, and nothing changes") func forbidden() async throws
    {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.reporter], email: "employee@example.test")
            let employee = try await Browser.signIn(t, email: "employee@example.test", password: "a long passphrase")
            try await employee.get("/incidents/new")
            let sent = try await employee.post("/incidents/new", [("title", "Panne"), ("description", "Rien ne va")])
            let number = try #require(sent.headers.first(name: .location)?.components(separatedBy: "/").last)
            try await employee.get("/incidents/\(number)")
            let before = try await t.snapshot()
            let response = try await employee.post(
                "/incidents/\(number)/qualify", [("type", "x"), ("severity", "crisis"), ("version", "1")])
            #expect(response.status == .forbidden)
            #expect(response.body.string.contains("Vos rôles ne permettent pas cette action."))
            #expect(try await t.snapshot() == before)
            #expect(try await employee.get("/incidents/INC-2026-9999").status == .notFound)
            #expect(try await employee.get("/incidents/not-a-number").status == .notFound)
        }
    }

    @Test("an illegal move posted by hand is refused with the reason, and nothing changes") func illegalMove()
        async throws
    {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await t.person([.incidentManager], email: "im@example.test")
            try await admin.get("/incidents/new")
            let sent = try await admin.post("/incidents/new", [("title", "Panne"), ("description", "Rien ne va")])
            let number = try #require(sent.headers.first(name: .location)?.components(separatedBy: "/").last)
            let manager = try await Browser.signIn(t, email: "im@example.test", password: "a long passphrase")
            try await manager.get("/incidents/\(number)")
            let before = try await t.snapshot()
            let response = try await manager.post(
                "/incidents/\(number)/transition", [("to", "closed"), ("version", "1")])
            #expect(response.status == .conflict)
            #expect(response.body.string.contains("Ce passage n&#39;est pas possible depuis le statut actuel."))
            let unknown = try await manager.post(
                "/incidents/\(number)/transition", [("to", "vanished"), ("version", "1")])
            #expect(unknown.status == .unprocessableEntity)
            #expect(try await t.snapshot() == before)
        }
    }

    @Test("a stale form is refused: the current state is shown, what was typed kept, nothing overwritten")
    func staleForm() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await t.person([.helpdeskManager], email: "helpdesk@example.test")
            try await admin.get("/incidents/new")
            let sent = try await admin.post("/incidents/new", [("title", "Panne"), ("description", "Rien ne va")])
            let number = try #require(sent.headers.first(name: .location)?.components(separatedBy: "/").last)
            let helpdesk = try await Browser.signIn(t, email: "helpdesk@example.test", password: "a long passphrase")
            try await helpdesk.get("/incidents/\(number)")
            _ = try await helpdesk.post(
                "/incidents/\(number)/qualify", [("type", "réseau"), ("severity", "minor"), ("version", "1")])
            let before = try await t.snapshot()
            // Someone else's page still says version 1.
            let stale = try await helpdesk.post(
                "/incidents/\(number)/qualify", [("type", "matériel"), ("severity", "major"), ("version", "1")])
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("Quelqu&#39;un a modifié cet incident entre-temps."))
            #expect(stale.body.string.contains(#"value="matériel""#))
            #expect(try await t.snapshot() == before)
        }
    }

    @Test("field errors of the report form are shown next to the field; oversize text is refused")
    func reportErrors() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await admin.get("/incidents/new")
            let before = try await t.snapshot()
            let response = try await admin.post(
                "/incidents/new",
                [("title", String(repeating: "x", count: FieldLimits.title + 1)), ("description", "Rien")])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains(#"id="title-error">Trop long : 200 caractères au plus."#))
            let empty = try await admin.post("/incidents/new", [("title", "Panne"), ("description", "  ")])
            #expect(empty.body.string.contains(#"id="description-error">Ce champ est obligatoire."#))
            #expect(try await t.snapshot() == before)
        }
    }

    @Test("the same pages in English and Dutch") func languages() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.reporter], email: "employee@example.test")
            for (language, words) in [("en", "Report an incident"), ("nl", "Incident melden")] {
                let browser = Browser(t, language: language)
                try await browser.get("/login")
                _ = try await browser.post(
                    "/login", [("email", "employee@example.test"), ("password", "a long passphrase")])
                let page = try await browser.get("/incidents/new")
                #expect(page.body.string.contains("<html lang=\"\(language)\">"))
                #expect(page.body.string.contains(words))
            }
            // A person's own choice wins over the browser's.
            let browser = Browser(t, language: "en")
            try await browser.get("/login")
            _ = try await browser.post(
                "/login", [("email", "employee@example.test"), ("password", "a long passphrase")])
            try await browser.get("/")
            _ = try await browser.post("/language", [("language", "nl")])
            #expect(try await browser.get("/").body.string.contains("<html lang=\"nl\">"))
        }
    }

    static func version(in html: String) -> String? {
        guard let range = html.range(of: #"name="version" value="(\d+)""#, options: .regularExpression) else {
            return nil
        }
        return String(html[range]).components(separatedBy: "value=\"").last?.replacingOccurrences(of: "\"", with: "")
    }
}
