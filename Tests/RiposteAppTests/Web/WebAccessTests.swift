import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Pages: setup, sign-in, sessions, CSRF, throttling, headers")
struct WebAccessTests {
    @Test("before setup every page leads to /setup; after it, setup is gone for good") func setup() async throws {
        try await withTestApp { t in
            let visitor = Browser(t)
            for path in ["/", "/incidents", "/login"] {
                let response = try await visitor.get(path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers.first(name: .location) == "/setup")
            }
            let admin = try await Browser.setUp(t)
            let home = try await admin.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("Votre organisation est prête."))
            // A second setup, signed in or not, is refused and changes nothing.
            let before = try await t.snapshot()
            let again = Browser(t)
            #expect(try await again.get("/setup").headers.first(name: .location) == "/login")
            try await again.get("/login")
            let second = try await again.post(
                "/setup",
                [
                    ("organisation", "Evil"), ("name", "Evil"), ("email", "evil@example.test"),
                    ("password", "another long one"), ("passwordConfirmation", "another long one"),
                    ("timeZone", "UTC"),
                ])
            #expect(second.status == .forbidden)
            #expect(try await t.snapshot() == before)
            let users = try await t.db.sql().raw("SELECT COUNT(*) AS n FROM users").first()?.decode(
                column: "n", as: Int.self)
            #expect(users == 1)
        }
    }

    @Test("setup errors are shown next to each field, with what was typed kept") func setupErrors() async throws {
        try await withTestApp { t in
            let visitor = Browser(t)
            try await visitor.get("/setup")
            let response = try await visitor.post(
                "/setup",
                [
                    ("organisation", "ACME <b>"), ("name", ""), ("email", "not-an-address"), ("password", "short"),
                    ("passwordConfirmation", "short"), ("timeZone", "Mars/Olympus"),
                ])
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains(#"id="name-error">Ce champ est obligatoire."#))
            #expect(html.contains(#"id="email-error">Valeur non valable."#))
            #expect(html.contains(#"id="password-error">"#))
            #expect(html.contains(#"id="timeZone-error">"#))
            #expect(html.contains(#"value="ACME &lt;b&gt;""#))
            #expect(!html.contains("short"), "a password is never sent back")
            let users = try await t.db.sql().raw("SELECT COUNT(*) AS n FROM users").first()?.decode(
                column: "n", as: Int.self)
            #expect(users == 0)
        }
    }

    @Test("a POST without the session's CSRF token is refused before anything runs") func csrf() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await admin.get("/incidents/new")
            let before = try await t.snapshot()
            let forged = try await admin.post(
                "/incidents/new", [("title", "Forged"), ("description", "From another site")], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(forged.body.string.contains("Ce formulaire a expiré"))
            let wrong = try await admin.post(
                "/incidents/new", [("title", "Forged"), ("description", "x"), ("_csrf", "guess")], csrf: false)
            #expect(wrong.status == .forbidden)
            #expect(try await t.snapshot() == before)
        }
    }

    @Test("sign-in: one message for unknown and wrong, a new session, cookie flags, sign-out") func signIn()
        async throws
    {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.helpdeskOperator], email: "helpdesk@example.test")
            let browser = Browser(t)
            let planted = "planted-by-someone-else"
            browser.cookies["riposte_session"] = planted
            try await browser.get("/login")
            #expect(browser.session == nil, "an unknown session cookie is cleared")
            browser.cookies["riposte_session"] = planted
            let unknown = try await browser.post(
                "/login", [("email", "nobody@example.test"), ("password", "whatever it is")])
            let wrong = try await browser.post(
                "/login", [("email", "helpdesk@example.test"), ("password", "whatever it is")])
            #expect(unknown.status == .unauthorized && wrong.status == .unauthorized)
            let message = "Adresse e-mail ou mot de passe incorrect."
            #expect(unknown.body.string.contains(message) && wrong.body.string.contains(message))
            let ok = try await browser.post(
                "/login", [("email", "Helpdesk@Example.test"), ("password", "a long passphrase")])
            #expect(ok.status == .seeOther)
            let cookie = try #require(ok.headers[.setCookie].first { $0.hasPrefix("riposte_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(browser.session != nil && browser.session != planted, "a new session id after signing in")
            #expect(try await browser.get("/").status == .ok)
            let out = try await browser.post("/logout", [])
            #expect(out.headers.first(name: .location) == "/login")
            let after = try await browser.get("/")
            #expect(after.status == .seeOther)
            #expect(after.headers.first(name: .location)?.hasPrefix("/login") == true)
        }
    }

    @Test("after five attempts the next waits, right password or not, and then goes through")
    func throttling() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.reporter], email: "target@example.test")
            let attacker = Browser(t)
            try await attacker.get("/login")
            for _ in 0..<5 {
                let wrong = try await attacker.post(
                    "/login", [("email", "target@example.test"), ("password", "guess guess guess")])
                #expect(wrong.status == .unauthorized)
            }
            let owner = Browser(t)
            try await owner.get("/login")
            let waiting = try await owner.post(
                "/login", [("email", "target@example.test"), ("password", "a long passphrase")])
            #expect(waiting.status == .tooManyRequests)
            #expect(waiting.headers.first(name: .retryAfter) == "2")
            #expect(waiting.body.string.contains("Trop de tentatives. Réessayez dans 2 secondes."))
            t.clock.advance(by: 2)
            let later = try await owner.post(
                "/login", [("email", "target@example.test"), ("password", "a long passphrase")])
            #expect(later.status == .seeOther)
        }
    }

    @Test("an office signing in behind one address is never slowed down by its own successes")
    func officeBehindOneAddress() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.reporter], email: "office@example.test")
            for _ in 0..<40 {
                let person = Browser(t)
                try await person.get("/login")
                let signedIn = try await person.post(
                    "/login", [("email", "office@example.test"), ("password", "a long passphrase")])
                #expect(signedIn.status == .seeOther)
            }
        }
    }

    @Test("an address longer than any address is refused like a wrong one, never a 500")
    func longEmail() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            let visitor = Browser(t)
            try await visitor.get("/login")
            let email = String(repeating: "a", count: 20_000) + "@example.test"
            let answer = try await visitor.post("/login", [("email", email), ("password", "whatever it is")])
            #expect(answer.status == .unauthorized)
        }
    }

    @Test("concurrent attempts are counted one by one: no more password checks than the free attempts")
    func throttleRace() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.reporter], email: "target@example.test")
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        let attacker = Browser(t)
                        try await attacker.get("/login")
                        return try await attacker.post(
                            "/login", [("email", "target@example.test"), ("password", "guess guess guess")]
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5, "\(statuses.map(\.code))")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 7)
        }
    }

    @Test("the register page refuses what the API refuses in a search, with a message, never a 500")
    func registerSearchText() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.helpdeskOperator], email: "helpdesk@example.test")
            let helpdesk = try await Browser.signIn(t, email: "helpdesk@example.test", password: "a long passphrase")
            let nul = try await helpdesk.get("/incidents?q=%00%00%00")
            #expect(nul.status == .badRequest)
            #expect(nul.body.string.contains("q"))
            for text in ["%22abc", "%22", "a%22b%22c%22", "%27%27%27", "NEAR(a", "*"] {
                #expect(try await helpdesk.get("/incidents?q=\(text)").status == .ok, "\(text)")
            }
            let long = String(repeating: "x", count: FieldLimits.searchQuery + 1)
            #expect(try await helpdesk.get("/incidents?q=\(long)").status == .badRequest)
        }
    }

    @Test("the client's address comes from X-Forwarded-For only through a trusted proxy")
    func trustedProxies() throws {
        let proxies = TrustedProxies(ranges: try #require(IPRange.list("10.0.0.0/8, ::1")))
        #expect(proxies.client(peer: "10.1.1.1", forwardedFor: ["203.0.113.9"]) == "203.0.113.9")
        #expect(proxies.client(peer: "10.1.1.1", forwardedFor: ["1.2.3.4, 203.0.113.9, 10.2.2.2"]) == "203.0.113.9")
        #expect(proxies.client(peer: "198.51.100.7", forwardedFor: ["203.0.113.9"]) == "198.51.100.7")
        #expect(proxies.client(peer: "::1", forwardedFor: ["not an address"]) == "0:0:0:0:0:0:0:1")
        #expect(TrustedProxies(ranges: []).client(peer: "10.1.1.1", forwardedFor: ["1.2.3.4"]) == "10.1.1.1")
    }

    @Test("security headers on pages and API answers") func headers() async throws {
        try await withTestApp { t in
            let visitor = Browser(t)
            let api = try await t.send(.GET, "/api/v1/incidents", as: nil)
            for response in [try await visitor.get("/setup"), api] {
                let csp = response.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("script-src 'self'"))
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "Referrer-Policy") == "same-origin")
            }
            #expect(!(try await visitor.get("/setup")).body.string.contains("<script>"), "no inline script")
            // Pages and answers are never cached; stylesheets may be. No HSTS over plain HTTP.
            #expect(try await visitor.get("/setup").headers.first(name: .cacheControl) == "no-store")
            #expect(api.headers.first(name: .cacheControl) == "no-store")
            let css = try await visitor.get("/css/app.css")
            #expect(css.status == .ok && css.headers.first(name: .cacheControl) != "no-store")
            #expect(api.headers.first(name: "Strict-Transport-Security") == nil)
        }
    }

    @Test("the sign-in page does not send people elsewhere after it") func openRedirect() {
        #expect(SignInController.safeNext("/incidents?status=open") == "/incidents?status=open")
        for bad in [
            "https://evil.example", "//evil.example", "/\\evil.example", "evil", "/\t/evil.example", "/\n/x", nil,
        ] {
            #expect(SignInController.safeNext(bad) == "/")
        }
    }
}
