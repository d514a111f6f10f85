import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Pages: plans, warnings and late minor incidents (#15)")
struct PlanPagesTests {
    static let password = "a long passphrase"

    @Test("the crisis manager sees the invoked CMP, warns the BCP along flow 2, and declines with a reason")
    func crisisManagerDecides() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.helpdeskOperator], email: "helpdesk@example.test")
            try await t.person([.crisisManager], email: "crisis@example.test")
            try await t.person([.incidentManager], email: "im@example.test")
            let helpdesk = try await Browser.signIn(t, email: "helpdesk@example.test", password: Self.password)
            try await helpdesk.get("/incidents/new")
            let sent = try await helpdesk.post(
                "/incidents/new", [("title", "Rançongiciel"), ("description", "Chiffré")])
            let number = try #require(sent.headers.first(name: .location)?.components(separatedBy: "/").last)
            let page = try await helpdesk.get("/incidents/\(number)")
            let version = try #require(IncidentPagesTests.version(in: page.body.string))
            let qualified = try await helpdesk.post(
                "/incidents/\(number)/qualify",
                [("type", "rançongiciel"), ("severity", "crisis"), ("version", version)])
            #expect(qualified.status == .seeOther)

            let crisis = try await Browser.signIn(t, email: "crisis@example.test", password: Self.password)
            let seen = try await crisis.get("/incidents/\(number)").body.string
            #expect(seen.contains("CMP invoqué, en attente de la décision du gestionnaire de crise"))
            #expect(seen.contains("Ne pas activer le CMP"))
            #expect(seen.contains("Flux 2 : avertir le gestionnaire du BCP"))
            #expect(!seen.contains("Flux 1 :"), "flow 1 is the incident manager's")
            // The crisis alert waits for this reader's answer: acknowledged from the incident.
            let pattern = /alerts\/([0-9A-Fa-f-]{36})\/acknowledge/
            let alert = try #require(seen.firstMatch(of: pattern)).1
            let answered = try await crisis.post("/incidents/\(number)/alerts/\(alert)/acknowledge", [])
            #expect(answered.status == .seeOther)
            let afterAnswer = try await crisis.get("/incidents/\(number)").body.string
            #expect(afterAnswer.contains("Accusée le"))
            #expect(!afterAnswer.contains("/alerts/\(alert)/acknowledge"))
            var current = try #require(IncidentPagesTests.version(in: afterAnswer))
            let warned = try await crisis.post(
                "/incidents/\(number)/warnings",
                [("flow", "2"), ("message", "Préparez le repli"), ("version", current)])
            #expect(warned.status == .seeOther)
            let afterWarning = try await crisis.get("/incidents/\(number)").body.string
            #expect(afterWarning.contains("Avertissement envoyé."))
            #expect(afterWarning.contains("BCP averti"))
            current = try #require(IncidentPagesTests.version(in: afterWarning))
            // Declining without a reason is refused on the page, in French, and changes nothing.
            let before = try await t.snapshot()
            let bare = try await crisis.post(
                "/incidents/\(number)/plans/cmp", [("action", "decline"), ("note", ""), ("version", current)])
            #expect(bare.status == .unprocessableEntity)
            #expect(try await t.snapshot() == before)
            let declined = try await crisis.post(
                "/incidents/\(number)/plans/cmp",
                [("action", "decline"), ("note", "Contenu par l'équipe"), ("version", current)])
            #expect(declined.status == .seeOther)
            #expect(try await crisis.get("/incidents/\(number)").body.string.contains("CMP non activé (décliné)"))

            // Not the incident manager's plan: no button, and a hand-made post is refused.
            let manager = try await Browser.signIn(t, email: "im@example.test", password: Self.password)
            let managerPage = try await manager.get("/incidents/\(number)").body.string
            #expect(!managerPage.contains(#"<button type="submit">Activer le CMP</button>"#))
            #expect(managerPage.contains("<strong>Activer le CMP</strong>"), "the page says whose it is")
            let forced = try await manager.post(
                "/incidents/\(number)/plans/cmp",
                [("action", "activate"), ("version", try #require(IncidentPagesTests.version(in: managerPage)))])
            #expect(forced.status == .forbidden)
        }
    }

    @Test("a late minor incident offers its judges a one-button re-qualification to major")
    func lateMinor() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.incidentManager], email: "im@example.test")
            let helpdesk = try await t.user([.helpdeskOperator])
            let incident = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .minor)
            t.clock.advance(by: 3 * 86_400)
            _ = try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false)
            let manager = try await Browser.signIn(t, email: "im@example.test", password: Self.password)
            let page = try await manager.get("/incidents/\(incident.number)").body.string
            #expect(page.contains("Requalifier en majeur"))
            let version = try #require(IncidentPagesTests.version(in: page))
            let promoted = try await manager.post(
                "/incidents/\(incident.number)/qualify",
                [("type", incident.type ?? ""), ("team", ""), ("severity", "major"), ("version", version)])
            #expect(promoted.status == .seeOther)
            let after = try await manager.get("/incidents/\(incident.number)").body.string
            #expect(after.contains("severity-major"))
            #expect(!after.contains("Requalifier en majeur"))
        }
    }

    @Test(
        "a major incident past its time offers its incident manager the warnings to the CMP and the BCP, one button each"
    )
    func majorOverdue() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.incidentManager], email: "im@example.test")
            let crisis = try await t.user([.crisisManager])
            let helpdesk = try await t.user([.helpdeskOperator])
            let incident = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .major)
            t.clock.advance(by: 8 * 3_600)
            _ = try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false)
            let manager = try await Browser.signIn(t, email: "im@example.test", password: Self.password)
            let page = try await manager.get("/incidents/\(incident.number)").body.string
            #expect(page.contains("Cet incident majeur a dépassé son délai de résolution"))
            // The card's own buttons carry the alert's words as their message.
            #expect(
                page.contains("n&#39;est pas résolu dans le délai prévu : décidez de l&#39;activation de votre plan."))
            #expect(page.contains("Flux 1 : avertir le gestionnaire de crise"))
            #expect(page.contains("Flux 7 : avertir le gestionnaire du BCP"))
            let version = try #require(IncidentPagesTests.version(in: page))
            let warned = try await manager.post(
                "/incidents/\(incident.number)/warnings",
                [("flow", "1"), ("message", "L'incident majeur est hors délai"), ("version", version)])
            #expect(warned.status == .seeOther)
            let received = try await t.notifications(of: crisis).items.filter { $0.event == "plan_warned" }
            #expect(received.count == 1 && received.first?.needsAcknowledgement == true)
        }
    }

    @Test("the account page sets an absence and the kinds mailed; a past date is refused in French and changes nothing")
    func reachabilityForm() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.crisisManager], email: "crisis@example.test")
            let person = try await Browser.signIn(t, email: "crisis@example.test", password: Self.password)
            let page = try await person.get("/account").body.string
            #expect(page.contains("Absent jusqu&#39;au"))
            let id = try #require(try await PeopleStore.credentials(email: "crisis@example.test", on: t.db.sql())).id
            let saved = try await person.post(
                "/account/reachability", [("awayUntil", ""), ("mail[]", "qualified"), ("mail[]", "plan_warned")])
            #expect(saved.status == .seeOther)
            let stored = try await PeopleStore.reachability(of: id, on: t.db.sql())
            #expect(stored.awayUntil == nil)
            #expect(stored.emailOff == Set(NotificationEventKind.allCases).subtracting([.qualified, .planWarned]))
            let past = try await person.post("/account/reachability", [("awayUntil", "2000-01-01T08:00")])
            #expect(past.status == .unprocessableEntity)
            #expect(past.body.string.contains("Absent jusqu&#39;au"))
            #expect(try await PeopleStore.reachability(of: id, on: t.db.sql()) == stored)
        }
    }
}
