import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// `/login` and `/logout`. Sessions are stored in the database; the failure message never
/// says whether the address exists; attempts are counted per account and per address (`SignInThrottle`).
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
        if req.auth.has(ActingPerson.self) { return req.redirect(to: .home) }
        return try await render(req, email: "", next: Self.safeNext(req.query[String.self, at: "next"]))
    }

    func submit(_ req: Request) async throws -> Response {
        let input = try req.content.decode(LoginForm.self)
        // No address is longer than this (RFC 5321): a longer one names nobody, and must not
        // make a key the database's index cannot hold.
        let email = String(
            (input.email ?? "").trimmingCharacters(in: .whitespaces).lowercased().prefix(FieldLimits.email))
        let next = Self.safeNext(input.next)
        let address = req.clientAddress
        let now = req.now
        let attempts = SignInAttempts(database: req.db, gate: req.application.writeGate)
        // A browser that signed in to this account before is not held by the account's count
        // shared with every address: guessers elsewhere cannot keep the owner out.
        let device = req.cookies[Self.deviceCookie]?.string
        var known = false
        if let device, device.utf8.count <= 100 {
            known = try await attempts.isKnown(device: TokenDigest.digest(device), email: email)
        }
        var keys: [(key: String, throttle: SignInThrottle)] = [
            ("account:\(email)|address:\(address)", .perAccountFromAddress), ("address:\(address)", .perAddress),
        ]
        if !known { keys.append(("account:\(email)", .perAccount)) }
        // Counted before the password is looked at; one that must wait is refused unchecked.
        if let until = try await attempts.attempt(keys, at: now) {
            req.application.metrics.signInFailed("throttled")
            let seconds = max(1, Int(until.timeIntervalSince(now).rounded(.up)))
            let response = try await render(
                req, email: email, next: next, alert: req.t("login.wait", String(seconds)), status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            return response
        }
        let found = try await PeopleStore.credentials(email: email, on: req.db.sql())
        let password = input.password ?? ""
        // A hash is verified even for an unknown address, so timing says nothing either.
        let hash = found?.passwordHash ?? Self.decoyHash
        let matches: Bool
        do {
            matches = try await req.verifyPassword(password, created: hash)
        } catch let busy as ServerBusy {
            throw busy
        } catch {
            matches = false  // a stored hash bcrypt cannot read matches nothing
        }
        // A disabled person is told what anyone with a wrong password is: nothing more.
        guard let found, matches, !found.disabled else {
            req.application.metrics.signInFailed("refused")
            return try await render(
                req, email: email, next: next, alert: req.t("login.failed"), status: .unauthorized)
        }
        try await attempts.succeeded(keys)
        if !known {
            let token = device.flatMap { $0.utf8.count <= 100 ? $0 : nil } ?? CSRF.newToken()
            try await attempts.remember(device: TokenDigest.digest(token), email: email, at: now)
            req.setCookie(Self.deviceCookie, token, maxAge: Self.deviceLifetime, sameSite: .strict)
        }
        try await Self.begin(req, userID: found.id)
        if req.pageSession?.mustChangePassword == true {
            req.leaveNotice("account.password.mustChange")
            return req.redirect(to: .account)
        }
        return req.redirect(to: next)
    }

    func logout(_ req: Request) async throws -> Response {
        if let session = req.pageSession, let user = req.auth.get(ActingPerson.self) {
            try await req.webSessions.end(session.id, of: user.id)
        }
        req.auth.logout(ActingPerson.self)
        req.pageSession = nil
        req.expireCookie(SessionAuthenticator.cookieName)
        return req.redirect(to: .signIn())
    }

    /// A new session for the person (never the one used before signing in, so a session id
    /// planted in a browser beforehand is worth nothing), made now and only now.
    static func begin(_ req: Request, userID: UUID) async throws {
        let token = CSRF.newToken()
        let csrf = CSRF.newToken()
        let agent = req.headers.first(name: .userAgent).map { String($0.prefix(200)) }
        let id = try await req.webSessions.create(
            userID: userID, tokenHash: TokenDigest.digest(token), csrf: csrf, at: req.now, userAgent: agent,
            address: req.clientAddress, replacing: req.pageSession?.id)
        req.setCookie(SessionAuthenticator.cookieName, token, maxAge: Int(req.application.sessionPolicy.lifetime))
        // The form token of the signed-out page is spent.
        req.expireCookie(CSRF.cookieName)
        let person = try await PeopleStore.person(userID, on: req.db.sql())
        req.pageSession = PageSession(id: id, csrf: csrf, mustChangePassword: person?.mustChangePassword ?? false)
        if let person {
            req.auth.login(person.user)
            if let language = person.language { req.pageLanguage = language }
        }
    }

    /// Only a path of this site: `next=https://elsewhere` must not turn the sign-in page into
    /// a springboard. Browsers drop tabs and line breaks from an address and read `\` as `/`,
    /// so `/\t/elsewhere` would be `//elsewhere`: no control character, no backslash.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
            !next.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return "/" }
        return next
    }

    /// A browser that signed in before; remembered for a year.
    static let deviceCookie = "riposte_device"
    static let deviceLifetime = 365 * 86_400

    static let decoyHash = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5Ip7jkGZr7yGkW0V1pxJ0Z5iLe4R3FS"

    private func render(
        _ req: Request, email: String, next: String, alert: String? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let page = LoginPage(page: try await req.frame("login.title", alert: alert), email: email, next: next)
        let response = try await req.view.render("login", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
