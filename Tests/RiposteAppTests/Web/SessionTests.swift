import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Page sessions: made at sign-in only, written when they change, ended on time (#13)")
struct SessionTests {
    func sessionRows(_ t: TestApp) async throws -> [(lastSeen: Date, user: UUID)] {
        try await t.db.sql().raw("SELECT last_seen_at, user_id FROM web_sessions ORDER BY created_at").all().map {
            (try $0.decode(column: "last_seen_at", as: Date.self), try $0.decode(column: "user_id", as: UUID.self))
        }
    }

    @Test("anonymous visitors store nothing, whatever they read")
    func anonymous() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            let before = try await sessionRows(t).count
            for _ in 0..<10 {
                let visitor = Browser(t)
                try await visitor.get("/login")
                try await visitor.get("/incidents")
                #expect(visitor.session == nil)
            }
            #expect(try await sessionRows(t).count == before)
        }
    }

    @Test("a page view writes the session's last-seen time at most once a minute")
    func touchedOncePerMinute() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            let signedIn = try #require(try await sessionRows(t).first?.lastSeen)
            t.clock.advance(by: 30)
            try await admin.get("/")
            #expect(try await sessionRows(t).first?.lastSeen == signedIn)
            t.clock.advance(by: 31)
            try await admin.get("/")
            #expect(try await sessionRows(t).first?.lastSeen == t.clock.now())
        }
    }

    @Test("thirty minutes without a request end the session, and its row")
    func idleTimeout() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            t.clock.advance(by: 29 * 60)
            #expect(try await admin.get("/").status == .ok)
            t.clock.advance(by: 30 * 60)
            let expired = try await admin.get("/")
            #expect(expired.status == .seeOther)
            #expect(expired.headers.first(name: .location)?.hasPrefix("/login") == true)
            #expect(admin.session == nil, "the browser is told to forget the cookie")
            #expect(try await sessionRows(t).isEmpty)
        }
    }

    @Test("twelve hours after sign-in the session ends, however busy the person")
    func absoluteTimeout() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            for _ in 0..<35 {
                t.clock.advance(by: 20 * 60)
                #expect(try await admin.get("/").status == .ok)
            }
            t.clock.advance(by: 20 * 60)  // 12 h since sign-in
            #expect(try await admin.get("/").status == .seeOther)
        }
    }

    @Test("the purge deletes sessions past either limit and keeps the others")
    func purge() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.reporter], email: "later@example.test")
            t.clock.advance(by: 25 * 60)
            _ = try await Browser.signIn(t, email: "later@example.test", password: "a long passphrase")
            t.clock.advance(by: 6 * 60)
            let store = WebSessionStore(database: t.db, gate: t.app.writeGate)
            #expect(try await store.purge(t.app.sessionPolicy, at: t.clock.now()) == 1)
            #expect(try await sessionRows(t).count == 1)
        }
    }

    @Test("new roles end the person's sessions; the same roles again do not")
    func rolesEndSessions() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await t.person([.reporter], email: "moved@example.test")
            let moved = try await Browser.signIn(t, email: "moved@example.test", password: "a long passphrase")
            let id = try #require(try await sessionRows(t).last?.user)
            let actions = AdminActions(
                database: t.db, gate: t.app.writeGate, tokens: t.app.knownTokens, passwords: t.app.passwordWork,
                actor: ActingPerson(id: UUID(), name: "Admin", roles: [.admin]), now: t.clock.now())
            try await actions.setRoles(of: id, to: [.reporter])
            #expect(try await moved.get("/").status == .ok)
            try await actions.setRoles(of: id, to: [.reporter, .helpdeskOperator])
            #expect(try await moved.get("/").status == .seeOther)
            #expect(try await admin.get("/").status == .ok)
        }
    }

    @Test("many sign-ins, failed sign-ins and form posts at once all get an answer; the server keeps answering")
    func concurrentForms() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.helpdeskOperator, .incidentManager], email: "manager@example.test")
            let manager = try await Browser.signIn(t, email: "manager@example.test", password: "a long passphrase")
            try await manager.get("/incidents/new")
            let filed = try await manager.post("/incidents/new", [("title", "Charge"), ("description", "Notes")])
            let page = try #require(filed.headers.first(name: .location))
            try await manager.get(page)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        let visitor = Browser(t)
                        try await visitor.get("/login")
                        let password = index % 2 == 0 ? "correct horse battery" : "wrong wrong wrong"
                        return try await visitor.post(
                            "/login", [("email", "admin@example.test"), ("password", password)]
                        ).status
                    }
                }
                for index in 0..<24 {
                    group.addTask {
                        try await manager.post(page + "/journal", [("kind", "note"), ("text", "note \(index)")]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(
                statuses.allSatisfy { [.seeOther, .unauthorized, .tooManyRequests].contains($0) },
                "\(statuses.map(\.code))")
            #expect(try await t.send(.GET, "/health", as: nil).status == .ok)
            let notes = try await t.db.sql().raw("SELECT COUNT(*) AS n FROM journal_entries WHERE kind = 'note'")
                .first()?.decode(column: "n", as: Int.self)
            #expect(notes == 24)
        }
    }

    @Test("too many password checks waiting: a sign-in is told to come back (503, Retry-After), nothing done")
    func busy() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            t.app.usePasswordWork(PasswordWork(maxWaiting: 0))
            let visitor = Browser(t)
            try await visitor.get("/login")
            let answer = try await visitor.post(
                "/login", [("email", "admin@example.test"), ("password", "correct horse battery")])
            #expect(answer.status == .serviceUnavailable)
            #expect(answer.headers.first(name: .retryAfter) == "2")
            #expect(answer.body.string.contains("réessayez dans un instant"))
            #expect(visitor.session == nil)
            let api = APIErrorMiddleware.translate(
                ConnectionPoolTimeoutError.connectionRequestTimeout, logger: t.app.logger)
            #expect(api.status == .serviceUnavailable && api.code == "unavailable")
        }
    }
}
