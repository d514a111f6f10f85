import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Pages: reports from clients, suppliers and visitors without an account (#18 point 1)")
struct PublicReportPagesTests {
    struct LinkJSON: Decodable {
        let url: String
        let token: String
    }

    struct ListJSON: Decodable {
        struct Item: Decodable {
            let id: UUID
            let channel: String
            let status: String
            let title: String
        }

        let items: [Item]
    }

    /// A new link's secret: a client's or supplier's, or the general one.
    static func link(_ t: TestApp, party: UUID?, as admin: Caller) async throws -> String {
        let path = party.map { "/api/v1/contacts/\($0)/report-link" } ?? "/api/v1/report-link"
        let made = try await t.send(.POST, path, as: admin)
        try #require(made.status == .created, "\(made.body.string)")
        let link = try made.decode(LinkJSON.self)
        #expect(link.url.hasSuffix("/report/\(link.token)"))
        return link.token
    }

    static func fields(
        title: String = "<script>alert(1)</script> Portail indisponible", email: String = "Lou@Client.example",
        extra: [(String, String)] = []
    ) -> [(String, String)] {
        [
            ("title", title), ("description", "Erreur 502 sur le portail\ndepuis 9 h"), ("name", "Lou Martin"),
            ("email", email), ("phone", "+32 2 123 45 67"), ("noticedAt", ""), ("website", ""),
        ] + extra
    }

    @Test(
        "a supplier reports through its link: receipt, follow-up page, helpdesk told, news, information, resolution e-mailed"
    )
    func supplierReports() async throws {
        try await withTestApp { t in
            let folder = try MessagesAPITests.mailbox(t)
            defer { try? FileManager.default.removeItem(at: folder) }
            t.app.notificationSettings.publicURL = "https://riposte.example.org"
            _ = try await Browser.setUp(t)
            let (supplier, _) = try await MessagesAPITests.directory(t)
            let admin = try await t.user([.admin])
            let manager = try await t.user([.incidentManager])
            let helpdesk = try await t.user([.helpdeskOperator])
            let token = try await Self.link(t, party: supplier, as: admin)
            let visitor = Browser(t, language: "nl-BE,nl;q=0.9")
            let form = try await visitor.get("/report/\(token)")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Een incident melden") && form.body.string.contains("Hébergeur"))
            #expect(form.headers.first(name: .cacheControl) == "no-store")

            // Refused: the message beside the field, what was typed kept and escaped, nothing filed.
            let refused = try await visitor.post("/report/\(token)", Self.fields(email: "lou@"))
            #expect(refused.status == .unprocessableEntity)
            let page = refused.body.string
            #expect(page.contains(#"id="email-error""#) && page.contains(#"value="lou@""#))
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; Portail") && !page.contains("<script>alert"))
            let trapped = try await visitor.post(
                "/report/\(token)", Self.fields().filter { $0.0 != "website" } + [("website", "http://spam.example")])
            #expect(trapped.status == .unprocessableEntity)
            let none = try await t.send(.GET, "/api/v1/incidents", as: manager).decode(ListJSON.self)
            #expect(none.items.isEmpty)

            // Filed: the receipt is the follow-up page.
            let filed = try await visitor.post("/report/\(token)", Self.fields())
            #expect(filed.status == .seeOther)
            let location = try #require(filed.headers.first(name: .location))
            #expect(location.hasPrefix("/follow/") && location.hasSuffix("?lang=nl&receipt=1"))
            let follow = String(location.dropFirst("/follow/".count).prefix(43))
            let receipt = try await visitor.get(location).body.string
            #expect(receipt.contains("Melding ontvangen") && receipt.contains("INC-"))
            #expect(receipt.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !receipt.contains("<script>alert"))
            #expect(receipt.contains("Ontvangen, wordt geanalyseerd"))

            let listed = try await t.send(.GET, "/api/v1/incidents", as: manager).decode(ListJSON.self)
            let incident = try #require(listed.items.first)
            #expect(listed.items.count == 1 && incident.channel == "supplier" && incident.status == "reported")
            let parties = try await t.send(.GET, "/api/v1/incidents/\(incident.id)/parties", as: manager).body.string
            #expect(parties.contains("Hébergeur") && parties.contains(#""relation":"reporter""#))
            let journal = try await t.send(.GET, "/api/v1/incidents/\(incident.id)/journal", as: manager).body.string
            #expect(journal.contains("reported_from_outside") && journal.contains("lou@client.example"))
            let told = try await t.send(.GET, "/api/v1/notifications", as: helpdesk).body.string
            #expect(told.contains("reported_from_outside"), "\(told)")

            // The receipt e-mail carries the follow-up link, in the reporter's language.
            #expect(try await t.app.dispatcher.run(at: { t.clock.now() }).delivered >= 1)
            let receipts = try MessagesAPITests.mails(in: folder).filter { $0.contains("lou@client.example") }
            #expect(receipts.count == 1)
            let receiptBody = try MessagesAPITests.body(of: try #require(receipts.first))
            #expect(receiptBody.contains("https://riposte.example.org/follow/\(follow)?lang=nl"), "\(receiptBody)")
            // The link is the reporter's key: the journal and the communications never hold it.
            let recorded = try await t.send(.GET, "/api/v1/incidents/\(incident.id)/journal", as: manager).body.string
            let logged = try await t.send(.GET, "/api/v1/incidents/\(incident.id)/communications", as: manager)
            #expect(!recorded.contains(follow) && !logged.body.string.contains(follow))
            #expect(logged.body.string.contains("lou@client.example"))
            // Logs never hold a link's secret either.
            #expect(RequestLogging.loggable("/report/\(token)") == "/report/…")
            #expect(RequestLogging.loggable("//Follow/\(follow)") == "/follow/…")

            // The handlers' notes stay inside; news published is shown; a helpdesk operator does
            // not speak to a supplier (note G).
            let note = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/journal", as: manager,
                json: #"{"kind":"note","text":"Note interne : fournisseur en retard de paiement"}"#)
            #expect(note.status == .created)
            let published = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/public-updates", as: manager,
                json: #"{"text":"Nous avons identifié la cause <b>réseau</b>."}"#)
            #expect(published.status == .created, "\(published.body.string)")
            let forbidden = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/public-updates", as: helpdesk, json: #"{"text":"Bonjour"}"#)
            #expect(forbidden.status == .forbidden)
            let empty = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/public-updates", as: manager, json: #"{"text":" "}"#)
            #expect(empty.status == .unprocessableEntity)
            let followed = try await visitor.get("/follow/\(follow)").body.string
            #expect(followed.contains("Nous avons identifié la cause &lt;b&gt;réseau&lt;/b&gt;."))
            #expect(!followed.contains("Note interne") && !followed.contains("fournisseur en retard"))

            // What the reporter adds lands in the journal.
            _ = try await visitor.get("/follow/\(follow)")
            let added = try await visitor.post(
                "/follow/\(follow)", [("text", "Le portail répond à nouveau"), ("lang", "nl")])
            #expect(added.status == .seeOther)
            let after = try await t.send(.GET, "/api/v1/incidents/\(incident.id)/journal", as: manager).body.string
            #expect(after.contains("reporter_information") && after.contains("Le portail répond à nouveau"))

            // Resolved: the reporter is told by e-mail, once.
            let id = try await t.send(.GET, "/api/v1/incidents/\(incident.id)", as: manager).incident()
            // Filed by the link's service account, which no one may enable or give a password.
            for action in ["enable", "password-reset", "disable"] {
                let refused = try await t.send(.POST, "/api/v1/users/\(id.reporterId)/\(action)", as: admin)
                #expect(refused.status == .notFound)
            }
            let qualified = try await t.qualify(id, as: manager, severity: .minor)
            let treated = try await t.move(qualified, to: .inTreatment, as: manager)
            let resolved = try await t.move(treated, to: .resolved, as: manager)
            _ = try await t.app.dispatcher.run(at: { t.clock.now() })
            let toReporter = try MessagesAPITests.mails(in: folder).filter { $0.contains("lou@client.example") }
            #expect(toReporter.count == 2)
            #expect(try await visitor.get("/follow/\(follow)").body.string.contains("Opgelost"))
            let reopened = try await t.move(resolved, to: .inTreatment, as: manager, reason: "Revenu")
            _ = try await t.move(reopened, to: .resolved, as: manager)
            _ = try await t.app.dispatcher.run(at: { t.clock.now() })
            #expect(try MessagesAPITests.mails(in: folder).filter { $0.contains("lou@client.example") }.count == 2)

            // Revoked: the report link answers as any unknown page; the follow-up link still works.
            #expect(
                try await t.send(.DELETE, "/api/v1/contacts/\(supplier)/report-link", as: admin).status == .noContent)
            let gone = try await visitor.get("/report/\(token)")
            let unknown = try await visitor.get("/report/\(PublicReportActions.newToken())")
            #expect(gone.status == .notFound && unknown.status == .notFound)
            #expect(try await visitor.get("/follow/\(follow)").status == .ok)
            #expect(try await visitor.get("/follow/\(PublicReportActions.newToken())").status == .notFound)
        }
    }

    @Test("the general link files on the web-public channel; a sixth report from one address in ten minutes waits")
    func limits() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            let admin = try await t.user([.admin])
            let manager = try await t.user([.incidentManager])
            let token = try await Self.link(t, party: nil, as: admin)
            let visitor = Browser(t)
            _ = try await visitor.get("/report/\(token)")
            for index in 1...5 {
                let filed = try await visitor.post("/report/\(token)", Self.fields(title: "Panne \(index)"))
                #expect(filed.status == .seeOther)
            }
            let refused = try await visitor.post("/report/\(token)", Self.fields(title: "Panne 6"))
            #expect(refused.status == .tooManyRequests)
            #expect(Int(refused.headers.first(name: .retryAfter) ?? "") ?? 0 > 0)
            #expect(refused.body.string.contains(#"value="Panne 6""#))
            let listed = try await t.send(.GET, "/api/v1/incidents", as: manager).decode(ListJSON.self)
            #expect(listed.items.count == 5 && listed.items.allSatisfy { $0.channel == "web-public" })
        }
    }

    @Test("the directory page makes a link shown once, renews and revokes it; others may not")
    func directoryPage() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            let (supplier, _) = try await MessagesAPITests.directory(t)
            let page = try await admin.get("/contacts").body.string
            #expect(page.contains("Liens de signalement") && page.contains("Lien général"))
            let made = try await admin.post("/contacts/report-links/\(supplier.uuidString.lowercased())/renew", [])
            #expect(made.status == .ok)
            let body = made.body.string
            let url = try #require(
                body.range(of: #"/report/[A-Za-z0-9_-]{43}"#, options: .regularExpression).map { String(body[$0]) })
            #expect(try await Browser(t).get(url).status == .ok)
            #expect(!(try await admin.get("/contacts").body.string.contains(url)))
            let renewed = try await admin.post("/contacts/report-links/\(supplier.uuidString.lowercased())/renew", [])
            #expect(renewed.status == .ok && !renewed.body.string.contains(url))
            #expect(try await Browser(t).get(url).status == .notFound)
            let general = try await admin.post("/contacts/report-links/general/renew", [])
            #expect(general.status == .ok && general.body.string.contains("/report/"))
            let revoked = try await admin.post("/contacts/report-links/general/revoke", [])
            #expect(revoked.status == .seeOther)
            #expect(try await admin.post("/contacts/report-links/general/revoke", []).status == .notFound)
            #expect(try await admin.post("/contacts/report-links/\(UUID())/renew", []).status == .notFound)
            try await t.person([.incidentManager], email: "im@acme.test")
            let manager = try await Browser.signIn(t, email: "im@acme.test", password: "a long passphrase")
            _ = try await manager.get("/contacts")
            #expect(try await manager.post("/contacts/report-links/general/renew", []).status == .forbidden)
        }
    }

    @Test("a title at the limit still gets its receipt, its subject cut to a mail's; no public address, no link in it")
    func longTitle() async throws {
        try await withTestApp { t in
            let folder = try MessagesAPITests.mailbox(t)
            defer { try? FileManager.default.removeItem(at: folder) }
            _ = try await Browser.setUp(t)
            let admin = try await t.user([.admin])
            let token = try await Self.link(t, party: nil, as: admin)
            let visitor = Browser(t)
            _ = try await visitor.get("/report/\(token)")
            let filed = try await visitor.post(
                "/report/\(token)", Self.fields(title: String(repeating: "é", count: FieldLimits.title)))
            #expect(filed.status == .seeOther)
            _ = try await t.app.dispatcher.run(at: { t.clock.now() })
            let receipt = try #require(
                try MessagesAPITests.mails(in: folder).first { $0.contains("lou@client.example") })
            #expect(!(try MessagesAPITests.body(of: receipt)).contains("/follow/"))
        }
    }

    @Test("a typing mistake does not use up the visitor's reports")
    func mistakesAreFree() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            let admin = try await t.user([.admin])
            let token = try await Self.link(t, party: nil, as: admin)
            let visitor = Browser(t)
            _ = try await visitor.get("/report/\(token)")
            for _ in 1...8 {
                #expect(
                    try await visitor.post("/report/\(token)", Self.fields(email: "nope")).status
                        == .unprocessableEntity)
            }
            #expect(try await visitor.post("/report/\(token)", Self.fields()).status == .seeOther)
        }
    }
}
