import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Pages: messages to stakeholders and their templates (#16 point 4)")
struct MessagesPageTests {
    @Test("a resolved incident offers to inform the stakeholders; a bad address is shown by its field, nothing is sent")
    func informOfResolution() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            let folder = try MessagesAPITests.mailbox(t)
            defer { try? FileManager.default.removeItem(at: folder) }
            try await t.person([.incidentManager], email: "im@example.test")
            let manager = try await t.user([.incidentManager])
            let incident = try await t.move(
                try await t.inTreatment(.minor, as: manager), to: .resolved, as: manager)
            let browser = try await Browser.signIn(t, email: "im@example.test", password: HandlingPagesTests.password)
            var page = try await browser.get("/incidents/\(incident.number)").body.string
            #expect(page.contains("Informer les parties prenantes de la résolution"))
            #expect(!page.contains("name=\"subject\""), "the form is prepared only when asked for")
            page = try await browser.get("/incidents/\(incident.number)?message=resolved&lang=en").body.string
            #expect(page.contains("[\(incident.number)]") || page.contains("incident \(incident.number) resolved"))
            #expect(page.contains("Serveur de messagerie en panne"))
            let version = try #require(IncidentPagesTests.version(in: page))
            let subject = try #require(page.firstMatch(of: /name="subject" value="([^"]*)"/)).1
            let fields: [(String, String)] = [
                ("version", version), ("messageKind", "resolved"), ("messageLanguage", "en"),
                ("subject", String(subject)), ("body", "The incident is resolved."),
            ]
            let before = try await t.snapshot()
            let refused = try await browser.post(
                "/incidents/\(incident.number)/messages", fields + [("otherAddresses", "ops@partner.test, nope")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("m-other-error"))
            #expect(refused.body.string.contains("ops@partner.test, nope"), "what was typed is kept")
            let nobody = try await browser.post("/incidents/\(incident.number)/messages", fields)
            #expect(nobody.status == .unprocessableEntity)
            #expect(nobody.body.string.contains("m-to-error"))
            #expect(try await t.snapshot() == before)

            let sent = try await browser.post(
                "/incidents/\(incident.number)/messages",
                fields + [("toReporter", "on"), ("otherAddresses", "ops@partner.test")])
            #expect(sent.status == .seeOther, "\(sent.body.string)")
            page = try await browser.get("/incidents/\(incident.number)").body.string
            #expect(page.contains("Message envoyé"))
            #expect(page.contains("ops@partner.test: <span class=\"badge delivery-pending\">"))
            let clock = t.clock
            _ = try await t.app.dispatcher.run(at: { clock.now() })
            page = try await browser.get("/incidents/\(incident.number)").body.string
            #expect(page.contains("ops@partner.test: <span class=\"badge delivery-delivered\">envoyé"))
        }
    }

    @Test("without e-mail, the page says why instead of offering a form that would fail")
    func noEmail() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.incidentManager], email: "im@example.test")
            let manager = try await t.user([.incidentManager])
            let incident = try await t.inTreatment(.minor, as: manager)
            let browser = try await Browser.signIn(t, email: "im@example.test", password: HandlingPagesTests.password)
            let page = try await browser.get("/incidents/\(incident.number)?message=acknowledged").body.string
            #expect(page.contains("aucune commande sendmail configurée"))
            #expect(!page.contains("name=\"subject\""))
        }
    }

    @Test("the administrator rewords a template; a misspelt placeholder is refused next to its field")
    func templates() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            var page = try await admin.get("/admin/message-templates").body.string
            #expect(page.contains("Modèles des messages"))
            #expect(page.components(separatedBy: "name=\"subject\"").count == 10, "three kinds in three languages")
            let before = try await t.snapshot()
            let refused = try await admin.post(
                "/admin/message-templates",
                [("kind", "resolved"), ("language", "nl"), ("subject", "{nummer} opgelost"), ("body", "Beste")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("t-resolved-nl-subject-error"))
            #expect(try await t.snapshot() == before)
            let saved = try await admin.post(
                "/admin/message-templates",
                [("kind", "resolved"), ("language", "nl"), ("subject", "Klaar: {number}"), ("body", "Beste")])
            #expect(saved.status == .seeOther)
            page = try await admin.get("/admin/message-templates").body.string
            #expect(page.contains("value=\"Klaar: {number}\""))
            #expect(page.contains("modifié par l&#39;organisation") || page.contains("modifié par l'organisation"))
            let reset = try await admin.post(
                "/admin/message-templates", [("kind", "resolved"), ("language", "nl"), ("reset", "1")])
            #expect(reset.status == .seeOther)
            #expect(!(try await admin.get("/admin/message-templates").body.string.contains("Klaar: {number}")))
            try await t.person([.incidentManager], email: "im@example.test")
            let manager = try await Browser.signIn(t, email: "im@example.test", password: HandlingPagesTests.password)
            #expect(try await manager.get("/admin/message-templates").status == .forbidden)
        }
    }
}
