import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Accounts: passwords, disabled people, tokens that expire and are revoked (#13)")
struct AccountAPITests {
    struct TokenJSON: Decodable {
        let id: UUID
        let name: String
        let expiresAt: Date?
        let lastUsedAt: Date?
    }

    struct NewTokenJSON: Decodable {
        let token: String
        let item: TokenJSON
    }

    struct TokenPageJSON: Decodable {
        let items: [TokenJSON]
    }

    @Test("changing one's password asks the current one, refuses a common one, and ends the page sessions")
    func changePassword() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.reporter], email: "marie@example.test")
            let browser = try await Browser.signIn(t, email: "marie@example.test", password: "a long passphrase")
            let marie = try await t.token(for: "marie@example.test")
            let path = "/api/v1/account/password"
            let wrong = try await t.send(
                .POST, path, as: marie, json: #"{"currentPassword":"not it at all","newPassword":"a brand new phrase"}"#
            )
            #expect(wrong.status == .unprocessableEntity)
            #expect(try wrong.apiError().field == "currentPassword")
            let common = try await t.send(
                .POST, path, as: marie, json: #"{"currentPassword":"a long passphrase","newPassword":"password1234"}"#)
            #expect(try common.apiError().code == "too_common")
            #expect(try common.apiError().field == "newPassword")
            #expect(try await browser.get("/").status == .ok, "a refused change ends nothing")
            let changed = try await t.send(
                .POST, path, as: marie,
                json: #"{"currentPassword":"a long passphrase","newPassword":"a brand new phrase"}"#)
            #expect(changed.status == .noContent)
            #expect(try await browser.get("/").status == .seeOther, "the page session ended")
            _ = try await Browser.signIn(t, email: "marie@example.test", password: "a brand new phrase")
        }
    }

    @Test("an administrator's reset: a temporary password, to be changed before any other page")
    func reset() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await t.person([.reporter], email: "marie@example.test")
            let id = try #require(
                try await t.app.accounts(on: t.db).person(email: "marie@example.test")?.id)
            let before = try await Browser.signIn(t, email: "marie@example.test", password: "a long passphrase")
            try await admin.get("/admin")
            let shown = try await admin.post("/admin/users/\(id)/password-reset", [])
            #expect(shown.status == .ok)
            let html = shown.body.string
            let temporary = try #require(
                html.range(
                    of: #"[A-Za-z0-9]{5}-[A-Za-z0-9]{5}-[A-Za-z0-9]{5}-[A-Za-z0-9]{5}"#, options: .regularExpression
                )
                .map { String(html[$0]) })
            #expect(try await before.get("/").status == .seeOther, "their sessions ended")
            let marie = Browser(t)
            try await marie.get("/login")
            let signedIn = try await marie.post("/login", [("email", "marie@example.test"), ("password", temporary)])
            #expect(signedIn.headers.first(name: .location) == "/account")
            #expect(try await marie.get("/incidents/new").headers.first(name: .location) == "/account")
            let page = try await marie.get("/account")
            #expect(page.status == .ok && page.body.string.contains("choisissez-en un nouveau"))
            let changed = try await marie.post(
                "/account/password",
                [
                    ("currentPassword", temporary), ("newPassword", "my very own phrase"),
                    ("newPasswordConfirmation", "my very own phrase"),
                ])
            #expect(changed.status == .seeOther)
            #expect(try await marie.get("/incidents/new").status == .ok, "the same session goes on")
        }
    }

    @Test("a disabled person cannot sign in, loses their sessions and tokens; enabled, they can again")
    func disable() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            try await t.person([.helpdeskOperator], email: "leaver@example.test")
            let browser = try await Browser.signIn(t, email: "leaver@example.test", password: "a long passphrase")
            let token = try await t.token(for: "leaver@example.test")
            #expect(try await t.send(.GET, "/api/v1/incidents", as: token).status == .ok)
            let id = try #require(
                try await t.app.accounts(on: t.db).person(email: "leaver@example.test")?.id)
            let disabled = try await t.send(.POST, "/api/v1/users/\(id)/disable", as: admin)
            #expect(disabled.status == .ok && disabled.body.string.contains(#""disabled":true"#))
            #expect(try await t.send(.GET, "/api/v1/incidents", as: token).status == .unauthorized)
            #expect(try await browser.get("/").status == .seeOther)
            let again = Browser(t)
            try await again.get("/login")
            let refused = try await again.post(
                "/login", [("email", "leaver@example.test"), ("password", "a long passphrase")])
            #expect(
                refused.status == .unauthorized
                    && refused.body.string.contains("Adresse e-mail ou mot de passe incorrect."))
            let journalKept = try await t.db.sql().raw("SELECT name FROM users WHERE id = \(bind: id)").first()
            #expect(journalKept != nil, "the person stays, for the journal")
            #expect(try await t.send(.POST, "/api/v1/users/\(admin.id)/disable", as: admin).status == .conflict)
            #expect(try await t.send(.POST, "/api/v1/users/\(UUID())/disable", as: admin).status == .notFound)
            #expect(try await t.send(.POST, "/api/v1/users/\(id)/disable", as: token).status == .unauthorized)
            #expect(try await t.send(.POST, "/api/v1/users/\(id)/enable", as: admin).status == .ok)
            #expect(try await t.send(.GET, "/api/v1/incidents", as: token).status == .ok)
            // A disabled administrator manages nothing: the last active one keeps the role.
            let other = try await t.user([.admin])
            #expect(try await t.send(.POST, "/api/v1/users/\(other.id)/disable", as: admin).status == .ok)
            let drop = try await t.send(
                .PUT, "/api/v1/users/\(admin.id)/roles", as: admin, json: #"{"roles":["reporter"]}"#)
            #expect(drop.status == .conflict)
            #expect(try drop.apiError().code == "last_admin")
        }
    }

    @Test("tokens have a name, may expire, show their last use, and stop at once when revoked")
    func tokens() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let manager = try await t.user([.incidentManager])
            let made = try await t.send(
                .POST, "/api/v1/tokens", as: manager, json: #"{"name":"monitoring","expiresInDays":1}"#)
            #expect(made.status == .created)
            let new = try made.decode(NewTokenJSON.self)
            #expect(
                new.item.name == "monitoring"
                    && new.item.expiresAt == JournalClock.truncate(t.clock.now().addingTimeInterval(86_400)))
            let monitoring = Caller(id: manager.id, token: new.token)
            #expect(try await t.send(.GET, "/api/v1/incidents", as: monitoring).status == .ok)
            let listed = try await t.send(.GET, "/api/v1/tokens", as: manager).decode(TokenPageJSON.self).items
            #expect(listed.first { $0.id == new.item.id }?.lastUsedAt != nil)
            // Expired: refused from then on.
            t.clock.advance(by: 86_400)
            #expect(try await t.send(.GET, "/api/v1/incidents", as: monitoring).status == .unauthorized)
            // Revoked: refused at once; only its owner or an administrator revokes it.
            let other = try await t.send(.POST, "/api/v1/tokens", as: manager, json: #"{"name":"script"}"#).decode(
                NewTokenJSON.self)
            let script = Caller(id: manager.id, token: other.token)
            #expect(try await t.send(.GET, "/api/v1/incidents", as: script).status == .ok)
            let stranger = try await t.user([.reporter])
            #expect(try await t.send(.DELETE, "/api/v1/tokens/\(other.item.id)", as: stranger).status == .notFound)
            #expect(try await t.send(.GET, "/api/v1/tokens?all=true", as: stranger).status == .forbidden)
            #expect(
                try await t.send(.GET, "/api/v1/tokens?all=true", as: admin).decode(TokenPageJSON.self).items.count >= 4
            )
            #expect(try await t.send(.DELETE, "/api/v1/tokens/\(other.item.id)", as: admin).status == .noContent)
            #expect(try await t.send(.GET, "/api/v1/incidents", as: script).status == .unauthorized)
            for (json, field) in [
                (#"{"name":""}"#, "name"), (#"{"name":"x","expiresInDays":0}"#, "expiresInDays"),
                (#"{"name":"x","expiresInDays":99999}"#, "expiresInDays"),
            ] {
                let refused = try await t.send(.POST, "/api/v1/tokens", as: manager, json: json)
                #expect(refused.status == .unprocessableEntity, "\(json)")
                #expect(try refused.apiError().field == field, "\(json)")
            }
            #expect(
                try await t.send(.POST, "/api/v1/tokens", as: manager, json: #"{"name":"x","userId":"\#(admin.id)"}"#)
                    .status == .forbidden)
        }
    }
}

extension TestApp {
    /// An API token for a person made with `person(_:email:)`.
    func token(for email: String) async throws -> Caller {
        let store = app.accounts(on: db)
        let person = try #require(try await store.person(email: email))
        let token = TokenDigest.newToken()
        _ = try await store.createToken(
            for: person.id, digest: TokenDigest.digest(token), name: "test", expiresAt: nil, at: clock.now())
        return Caller(id: person.id, token: token)
    }
}
