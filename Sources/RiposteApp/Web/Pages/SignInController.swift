import Foundation
import RiposteCore
import SQLKit
import Vapor

/// `/login` and `/logout`. Sessions are stored in the database; the failure message never
/// says whether the address exists; failures are counted per account and per address.
struct SignInController {
    struct LoginPage: Encodable {
        let page: PageFrame
        let email: String
        let next: String
    }

    struct LoginForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    func show(_ req: Request) async throws -> Response {
        if req.auth.has(APIUser.self) { return req.redirect(to: "/") }
        return try await render(req, email: "", next: Self.safeNext(req.query[String.self, at: "next"]))
    }

    func submit(_ req: Request) async throws -> Response {
        let input = try req.content.decode(LoginForm.self)
        let email = (input.email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let next = Self.safeNext(input.next)
        let address = req.remoteAddress?.ipAddress ?? "unknown"
        let keys = ["account:\(email)", "address:\(address)"]
        let throttles = [SignInThrottle.perAccount, .perAddress]
        let now = req.now
        let sql = try req.db.sql()
        // Locked out: refused before the password is even looked at.
        for (key, throttle) in zip(keys, throttles) {
            if let until = throttle.lockedUntil(try await Self.record(key, on: sql), at: now) {
                let minutes = String(Int((until.timeIntervalSince(now) / 60).rounded(.up)))
                return try await render(
                    req, email: email, next: next, alert: req.t("login.locked", minutes), status: .tooManyRequests)
            }
        }
        let row = try await sql.raw("SELECT id, password_hash FROM users WHERE email = \(bind: email)").first()
        let password = input.password ?? ""
        // A hash is verified even for an unknown address, so timing says nothing either.
        let hash = try row?.decode(column: "password_hash", as: String.self) ?? Self.decoyHash
        let matches: Bool
        do {
            matches = try await req.verifyPassword(password, created: hash)
        } catch let busy as ServerBusy {
            throw busy
        } catch {
            matches = false  // a stored hash bcrypt cannot read matches nothing
        }
        guard let row, matches else {
            try await req.application.writeGate.transaction(on: req.db) { tx in
                let sql = try tx.sql()
                for (key, throttle) in zip(keys, throttles) {
                    let record = throttle.afterFailure(try await Self.record(key, on: sql), at: now)
                    try await Self.save(key, record, on: sql)
                }
            }
            return try await render(
                req, email: email, next: next, alert: req.t("login.failed"), status: .unauthorized)
        }
        try await req.application.writeGate.transaction(on: req.db) { tx in
            try await tx.sql().raw("DELETE FROM sign_in_failures WHERE key = \(bind: keys[0])").run()
        }
        try await Self.begin(req, userID: try row.decode(column: "id", as: UUID.self))
        return req.redirect(to: next)
    }

    func logout(_ req: Request) async throws -> Response {
        if let session = req.pageSession, let user = req.auth.get(APIUser.self) {
            try await req.webSessions.end(session.id, of: user.id)
        }
        req.auth.logout(APIUser.self)
        req.pageSession = nil
        req.expireCookie(SessionAuthenticator.cookieName)
        return req.redirect(to: "/login")
    }

    /// A new session for the person (never the one used before signing in, so a session id
    /// planted in a browser beforehand is worth nothing), made now and only now.
    static func begin(_ req: Request, userID: UUID) async throws {
        let token = CSRF.newToken()
        let csrf = CSRF.newToken()
        let agent = req.headers.first(name: .userAgent).map { String($0.prefix(200)) }
        let id = try await req.webSessions.create(
            userID: userID, tokenHash: TokenDigest.digest(token), csrf: csrf, at: req.now, userAgent: agent,
            address: req.remoteAddress?.ipAddress, replacing: req.pageSession?.id)
        req.pageSession = PageSession(id: id, csrf: csrf)
        req.setCookie(SessionAuthenticator.cookieName, token, maxAge: Int(req.application.sessionPolicy.lifetime))
        // The form token of the signed-out page is spent.
        req.expireCookie(CSRF.cookieName)
        if let person = try await loadPerson(userID, on: req.db.sql()) {
            req.auth.login(person.user)
            if let language = person.language { req.pageLanguage = language }
        }
    }

    static func loadPerson(_ id: UUID, on sql: any SQLDatabase) async throws -> (user: APIUser, language: Language?)? {
        let rows = try await sql.raw(
            """
            SELECT users.name AS name, users.language AS language, role_assignments.role AS role
            FROM users LEFT JOIN role_assignments ON role_assignments.user_id = users.id
            WHERE users.id = \(bind: id)
            """
        ).all()
        guard let first = rows.first else { return nil }
        let roles = Set(try rows.compactMap { try $0.decode(column: "role", as: String?.self) }.compactMap(Role.init))
        let language = try first.decode(column: "language", as: String?.self).flatMap(Language.init(rawValue:))
        return (APIUser(id: id, name: try first.decode(column: "name", as: String.self), roles: roles), language)
    }

    /// Only a path of this site: `next=https://elsewhere` must not turn the sign-in page into
    /// a springboard.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    static let decoyHash = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5Ip7jkGZr7yGkW0V1pxJ0Z5iLe4R3FS"

    static func record(_ key: String, on sql: any SQLDatabase) async throws -> SignInThrottle.Record? {
        guard
            let row = try await sql.raw(
                "SELECT failures, window_started_at, locked_until FROM sign_in_failures WHERE key = \(bind: key)"
            ).first()
        else { return nil }
        return SignInThrottle.Record(
            failures: try row.decode(column: "failures", as: Int.self),
            windowStartedAt: try row.decode(column: "window_started_at", as: Date.self),
            lockedUntil: try row.decode(column: "locked_until", as: Date?.self))
    }

    static func save(_ key: String, _ record: SignInThrottle.Record, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM sign_in_failures WHERE key = \(bind: key)").run()
        try await sql.raw(
            """
            INSERT INTO sign_in_failures (key, failures, window_started_at, locked_until) VALUES \
            (\(bind: key), \(bind: record.failures), \(bind: record.windowStartedAt), \(bind: record.lockedUntil))
            """
        ).run()
    }

    private func render(
        _ req: Request, email: String, next: String, alert: String? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let page = LoginPage(page: try await req.frame("login.title", alert: alert), email: email, next: next)
        let response = try await req.view.render("login", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
