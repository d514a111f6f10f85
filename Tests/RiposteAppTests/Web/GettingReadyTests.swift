import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Getting ready: the checklist, the test e-mail, the dashboard (#19 point 3)")
struct GettingReadyTests {
    struct ChecklistJSON: Decodable {
        struct Line: Decodable {
            let item: String
            let done: Bool
            let missing: [String]
        }
        let done: Bool
        let items: [Line]
    }

    static func checklist(_ t: TestApp, as admin: Caller) async throws -> ChecklistJSON {
        let response = try await t.send(.GET, "/api/v1/getting-ready", as: admin)
        try #require(response.status == .ok, "\(response.body.string)")
        return try response.decode(ChecklistJSON.self)
    }

    static func undone(_ t: TestApp, as admin: Caller) async throws -> [String] {
        try await checklist(t, as: admin).items.filter { !$0.done }.map(\.item)
    }

    static func setDeadlines(_ t: TestApp, as admin: Caller) async throws {
        let response = try await t.send(
            .PUT, "/api/v1/settings/sla", as: admin,
            json:
                #"{"low":{"qualify":"PT8H","resolve":"P5D"},"minor":{"qualify":"PT4H","resolve":"P2D"},"major":{"qualify":"PT1H","resolve":"PT8H"},"crisis":{"qualify":"PT15M","resolve":"PT4H"}}"#
        )
        #expect(response.status == .ok, "\(response.body.string)")
    }

    static func giveRoles(_ t: TestApp) async throws -> [Role: Caller] {
        var holders: [Role: Caller] = [:]
        for role in GettingReady.planRoles { holders[role] = try await t.user([role]) }
        return holders
    }

    static func fillDirectory(_ t: TestApp, as admin: Caller) async throws {
        for role in GettingReady.planRoles {
            let response = try await t.send(
                .POST, "/api/v1/contacts", as: admin,
                json: """
                    {"kind":"role","name":"\(role.rawValue)","contacts":[
                      {"rank":"principal","name":"Claire","phone":"+32 2 123 45 67"},
                      {"rank":"backup","name":"Bruno","email":"bruno@example.test"}]}
                    """)
            #expect(response.status == .created, "\(response.body.string)")
        }
    }

    static func describeActivitiesAndDocuments(_ t: TestApp, as admin: Caller) async throws {
        var response = try await t.send(
            .POST, "/api/v1/activities", as: admin, json: #"{"name":"Facturation","rto":"PT4H"}"#)
        #expect(response.status == .created)
        for kind in GettingReady.planDocuments {
            response = try await t.send(
                .POST, "/api/v1/documents", as: admin,
                json:
                    #"{"kind":"\#(kind.rawValue)","title":"\#(kind.rawValue)","link":"https://intranet.example.test/\#(kind.rawValue)"}"#
            )
            #expect(response.status == .created, "\(response.body.string)")
        }
    }

    static func recordBackup(_ t: TestApp) async throws {
        try await t.app.writeGate.transaction(on: t.db) { tx in
            try await BackupLog.record(
                .init(at: t.clock.now(), bytes: 1, sha256: "ab", file: "riposte.zip"), on: tx.sql())
        }
    }

    @Test("each line ticks itself as the organisation does what it says, on both engines")
    func ticks() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin], email: "admin@example.test")
            let outsider = try await t.user([.reporter])
            #expect(try await t.send(.GET, "/api/v1/getting-ready", as: outsider).status == .forbidden)
            var list = try await Self.checklist(t, as: admin)
            #expect(!list.done)
            #expect(list.items.map(\.item) == GettingReady.Item.allCases.map(\.rawValue))
            #expect(list.items.first { $0.item == "roles" }?.missing.count == 7)

            try await Self.setDeadlines(t, as: admin)
            #expect(!(try await Self.undone(t, as: admin)).contains("deadlines"))

            let holders = try await Self.giveRoles(t)
            #expect(!(try await Self.undone(t, as: admin)).contains("roles"))
            // A disabled holder holds nothing.
            try await t.db.sql().raw(
                "UPDATE users SET disabled_at = \(bind: t.clock.now()) WHERE id = \(bind: holders[.recoveryManager]!.id)"
            ).run()
            list = try await Self.checklist(t, as: admin)
            #expect(list.items.first { $0.item == "roles" }?.missing == ["recovery_manager"])
            try await t.db.sql().raw(
                "UPDATE users SET disabled_at = NULL WHERE id = \(bind: holders[.recoveryManager]!.id)"
            ).run()

            try await Self.fillDirectory(t, as: admin)
            #expect(!(try await Self.undone(t, as: admin)).contains("directory"))

            try await Self.describeActivitiesAndDocuments(t, as: admin)
            try await Self.recordBackup(t)
            #expect(try await Self.undone(t, as: admin) == ["email", "plan"])

            let mailbox = try MessagesAPITests.mailbox(t)
            var response = try await t.send(.POST, "/api/v1/getting-ready/test-email", as: admin)
            #expect(response.status == .ok, "\(response.body.string)")
            #expect(response.body.string.contains("admin@example.test"))
            let mails = try MessagesAPITests.mails(in: mailbox)
            #expect(mails.count == 1 && mails[0].contains("To: admin@example.test"))
            #expect(try await Self.undone(t, as: admin) == ["plan"])

            response = try await t.send(.POST, "/api/v1/plan/versions", as: admin)
            #expect(response.status == .created, "\(response.body.string)")
            #expect(try await Self.undone(t, as: admin) == ["plan"], "published, not yet acknowledged by all")
            for caller in [admin, outsider] + Array(holders.values) {
                #expect(try await t.send(.POST, "/api/v1/plan/acknowledgements", as: caller).status == .created)
            }
            list = try await Self.checklist(t, as: admin)
            #expect(list.done, "\(list.items.filter { !$0.done })")
        }
    }

    @Test("the test e-mail: 409 without a command, 502 with the command's words when it refuses, nothing recorded")
    func testEmailRefusals() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin], email: "admin@example.test")
            var response = try await t.send(.POST, "/api/v1/getting-ready/test-email", as: admin)
            #expect(response.status == .conflict)
            #expect(response.body.string.contains("email_not_configured"))
            t.app.notificationSettings.sendmail = ["/bin/sh", "-c", "echo 'relay refused' >&2; exit 75"]
            response = try await t.send(
                .POST, "/api/v1/getting-ready/test-email", as: admin, headers: [("Accept-Language", "fr")])
            #expect(response.status == .badGateway)
            #expect(response.body.string.contains("email_failed"))
            #expect(response.body.string.contains("relay refused"), "\(response.body.string)")
            #expect(try await Self.undone(t, as: admin).contains("email"))
            let other = try await t.user([.incidentManager])
            #expect(try await t.send(.POST, "/api/v1/getting-ready/test-email", as: other).status == .forbidden)
        }
    }

    @Test("on the dashboard for administrators until done, then a link to see it again; the page's button sends")
    func pages() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            var dashboard = try await admin.get("/").body.string
            #expect(dashboard.contains("Se préparer au premier incident"))
            #expect(dashboard.contains(#"href="/contacts""#))
            #expect(!dashboard.contains("Revoir la liste de préparation"))

            var page = try await admin.get("/getting-ready").body.string
            #expect(page.contains("Prêt pour le premier incident"))
            #expect(page.contains("RIPOSTE_SENDMAIL"), "says why no e-mail can go yet")
            var sent = try await admin.post("/getting-ready/test-email", [])
            #expect(sent.status == .conflict)
            let mailbox = try MessagesAPITests.mailbox(t)
            try await admin.get("/getting-ready")
            sent = try await admin.post("/getting-ready/test-email", [])
            #expect(sent.status == .seeOther, "\(sent.body.string)")
            #expect(try MessagesAPITests.mails(in: mailbox).count == 1)
            page = try await admin.get("/getting-ready").body.string
            #expect(page.contains("L&#39;e-mail de test est parti"), "\(page)")

            try await t.person([.crisisManager], email: "crise@example.test")
            let other = try await Browser.signIn(t, email: "crise@example.test", password: "a long passphrase")
            #expect(!(try await other.get("/").body.string.contains("Se préparer au premier incident")))
            #expect(try await other.get("/getting-ready").status == .forbidden)

            // Everything done: the card gives way to a link that shows the list again.
            let api = try await t.user([.admin])
            try await Self.setDeadlines(t, as: api)
            let holders = try await Self.giveRoles(t)
            try await Self.fillDirectory(t, as: api)
            try await Self.describeActivitiesAndDocuments(t, as: api)
            try await Self.recordBackup(t)
            #expect(try await t.send(.POST, "/api/v1/plan/versions", as: api).status == .created)
            for caller in [api] + Array(holders.values) {
                #expect(try await t.send(.POST, "/api/v1/plan/acknowledgements", as: caller).status == .created)
            }
            dashboard = try await admin.get("/").body.string
            #expect(
                dashboard.contains("Se préparer au premier incident"), "the people of the pages have not acknowledged")
            for browser in [admin, other] {
                try await browser.get("/plan")
                #expect(try await browser.post("/plan/acknowledge", []).status == .seeOther)
            }
            dashboard = try await admin.get("/").body.string
            #expect(!dashboard.contains("Se préparer au premier incident"), "\(dashboard)")
            #expect(dashboard.contains("Revoir la liste de préparation"))
            #expect(try await admin.get("/getting-ready").body.string.contains("8 sur 8 fait."))
        }
    }
}
