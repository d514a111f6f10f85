import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Pages: exercises filed, marked everywhere, out of the register's default view, and their report (#20)")
struct ExercisePageTests {
    @Test("the incident manager files a drill from the report form; it says EXERCICE on every page that names it")
    func filedAndMarked() async throws {
        try await withTestApp { t in
            try await t.person([.incidentManager], email: "im@example.test")
            let manager = try await Browser.signIn(t, email: "im@example.test", password: HandlingPagesTests.password)
            var form = try await manager.get("/incidents/new?exercise=1").body.string
            #expect(
                form.contains(#"name="exercise" type="checkbox" value="true" aria-describedby="exercise-hint" checked"#)
            )
            #expect(form.contains("Webhooks (messageries, autres outils)"))
            let sent = try await manager.post(
                "/incidents/new",
                [
                    ("title", "<script>alert(1)</script> Exercice"), ("description", "Scénario"), ("exercise", "true"),
                    ("exerciseChannels[]", "webhooks"),
                ])
            #expect(sent.status == .seeOther)
            let number = try #require(sent.headers.first(name: .location)?.components(separatedBy: "/").last)
            #expect(number.hasPrefix("EX-"))
            let page = try await manager.get("/incidents/\(number)").body.string
            #expect(page.contains("EXERCICE — ceci est un exercice"))
            #expect(page.contains(#"<span class="badge exercise">EXERCICE</span>"#))
            #expect(page.contains("L&#39;exercice est enregistré"))
            #expect(page.contains("/incidents/\(number)/exercise"))
            #expect(!page.contains("<script>alert(1)</script>"))
            let print = try await manager.get("/incidents/\(number)/print").body.string
            #expect(print.contains("EXERCICE — ceci est un exercice"))
            // The register hides it unless asked; the dashboard lists it among one's own work.
            let register = try await manager.get("/incidents").body.string
            #expect(!register.contains(number))
            let drills = try await manager.get("/incidents?exercises=1").body.string
            #expect(drills.contains(number) && drills.contains(#"<span class="badge exercise">EXERCICE</span>"#))
            // A real incident's pages say nothing of drills.
            let real = try await manager.post("/incidents/new", [("title", "Panne"), ("description", "Vraie")])
            let realNumber = try #require(real.headers.first(name: .location)?.components(separatedBy: "/").last)
            let realPage = try await manager.get("/incidents/\(realNumber)").body.string
            #expect(!realPage.contains("EXERCICE") && !realPage.contains("/incidents/\(realNumber)/exercise"))
            form = try await manager.get("/incidents").body.string
            #expect(form.contains(realNumber) && !form.contains(number))
        }
    }

    @Test("the form offers drills to those who run them only; a reporter who posts one anyway is refused")
    func offeredToManagers() async throws {
        try await withTestApp { t in
            try await t.person([.reporter], email: "ann@example.test")
            let reporter = try await Browser.signIn(t, email: "ann@example.test", password: HandlingPagesTests.password)
            let form = try await reporter.get("/incidents/new?exercise=1").body.string
            #expect(!form.contains(#"name="exercise""#))
            let before = try await t.snapshot()
            let refused = try await reporter.post(
                "/incidents/new", [("title", "Exercice"), ("description", "x"), ("exercise", "true")])
            #expect(refused.status == .forbidden)
            #expect(try await t.snapshot() == before)
        }
    }

    @Test("the drill's report shows its steps against the SLA, in the reader's language; a real incident has none")
    func report() async throws {
        try await withTestApp { t in
            try await t.person([.incidentManager], email: "im@example.test")
            let manager = try await Browser.signIn(t, email: "im@example.test", password: HandlingPagesTests.password)
            _ = try await manager.get("/incidents/new")
            let sent = try await manager.post(
                "/incidents/new", [("title", "Exercice"), ("description", "x"), ("exercise", "true")])
            let number = try #require(sent.headers.first(name: .location)?.components(separatedBy: "/").last)
            t.clock.advance(by: 900)
            let api = try await t.user([.incidentManager])
            _ = try await t.qualify(try await t.fetch(number, as: api), as: api, severity: .minor)
            let page = try await manager.get("/incidents/\(number)/exercise")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Rapport d&#39;exercice \(number)"))
            #expect(html.contains("Qualifié") && html.contains("Mineur"))
            #expect(html.contains("Objectifs tenus : 1 sur 1"))
            #expect(html.contains("✓ tenu"))
            #expect(html.contains("Cet exercice est resté interne"))
            let real = try await manager.post("/incidents/new", [("title", "Panne"), ("description", "Vraie")])
            let realNumber = try #require(real.headers.first(name: .location)?.components(separatedBy: "/").last)
            #expect(try await manager.get("/incidents/\(realNumber)/exercise").status == .conflict)
        }
    }
}
