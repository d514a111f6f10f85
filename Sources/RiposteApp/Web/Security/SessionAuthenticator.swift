import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// Signs in the person whose session the cookie names (sessions live in the database, so any
/// instance recognises them), with their roles and language as stored now: a role taken away
/// counts from the next request. A session past its idle or absolute limit is ended. Nothing is
/// written for a page view but, once a minute at most, the session's last-seen time; nothing at
/// all for anonymous visitors. Cookies the request left (`setCookie`) go out with its answer.
struct SessionAuthenticator: AsyncMiddleware {
    static let cookieName = "riposte_session"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.pageCookies.isPage = true
        if let token = request.cookies[Self.cookieName]?.string {
            try await resume(token, request)
        }
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            // The refusal's page, here rather than outside, so that the cookies still go out.
            response = await WebErrorPage.response(for: error, request)
        }
        request.pageCookies.apply(to: response)
        return response
    }

    private func resume(_ token: String, _ request: Request) async throws {
        let store = request.webSessions
        guard token.utf8.count <= 100, let found = try await store.find(tokenHash: TokenDigest.digest(token)) else {
            request.expireCookie(Self.cookieName)
            return
        }
        let now = request.now
        switch request.application.sessionPolicy.verdict(
            createdAt: found.createdAt, lastSeenAt: found.lastSeenAt, at: now)
        {
        case .expired:
            _ = try await store.end(found.id, of: found.user.id)
            request.expireCookie(Self.cookieName)
        case .valid(let touch):
            // Best effort: a busy writer must not turn reading a page into a refusal; the next
            // request writes it again.
            if touch { try? await store.touch(found.id, at: now) }
            request.pageSession = PageSession(
                id: found.id, csrf: found.csrf, mustChangePassword: found.mustChangePassword)
            request.auth.login(found.user)
            if let language = found.language { request.pageLanguage = language }
        }
    }
}

/// The signed-in browser's session: which row, and the token its forms carry.
struct PageSession: Sendable {
    let id: UUID
    let csrf: String
    var mustChangePassword = false
}

/// After an administrator's reset, the person chooses a new password before any other page.
struct RequirePasswordChange: AsyncMiddleware {
    static let allowed: Set<String> = [Route.account.url, Route.accountPassword.url, Route.signOut.url]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.pageSession?.mustChangePassword == true, !Self.allowed.contains(request.url.path) else {
            return try await next.respond(to: request)
        }
        request.leaveNotice("account.password.mustChange")
        return request.redirect(to: .account)
    }
}

/// Pages for signed-in people: anyone else is sent to the sign-in page, and comes back after.
struct RequireSignIn: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(ActingPerson.self) else {
            let back = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
            return request.redirect(to: .signIn(next: back))
        }
        return try await next.respond(to: request)
    }
}

/// Until the first administrator exists, every page leads to the setup page.
struct RequireSetupDone: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard try await request.application.setupDone(on: request.db.sql()) else {
            return request.redirect(to: .setup)
        }
        return try await next.respond(to: request)
    }
}

extension Application {
    private final class SetupFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false
        var value: Bool {
            get { lock.withLock { done } }
            set { lock.withLock { done = newValue } }
        }
    }

    private struct SetupFlagKey: StorageKey {
        typealias Value = SetupFlag
    }

    private var setupFlag: SetupFlag {
        if let flag = storage[SetupFlagKey.self] { return flag }
        let flag = SetupFlag()
        storage[SetupFlagKey.self] = flag
        return flag
    }

    /// Whether an organisation and a first user exist. Once true it stays true (users and the
    /// organisation are never all removed), so it is read from the database until then only.
    func setupDone(on sql: any SQLDatabase) async throws -> Bool {
        if setupFlag.value { return true }
        let done = try await OrganisationStore.isSetUp(on: sql)
        if done { setupFlag.value = true }
        return done
    }

    private struct SessionPolicyKey: StorageKey {
        typealias Value = SessionPolicy
    }

    /// Idle and absolute limits of page sessions: `RIPOSTE_SESSION_IDLE_MINUTES` (30) and
    /// `RIPOSTE_SESSION_MAX_HOURS` (12).
    var sessionPolicy: SessionPolicy {
        get { storage[SessionPolicyKey.self] ?? .standard }
        set { storage[SessionPolicyKey.self] = newValue }
    }
}

extension SessionPolicy {
    static func fromEnvironment() -> SessionPolicy {
        func positive(_ name: String, default value: Double) -> Double {
            guard let number = Environment.get(name).flatMap(Double.init), number > 0 else { return value }
            return number
        }
        return SessionPolicy(
            idle: positive("RIPOSTE_SESSION_IDLE_MINUTES", default: 30) * 60,
            lifetime: positive("RIPOSTE_SESSION_MAX_HOURS", default: 12) * 3600)
    }
}
