import Foundation
import RiposteCore
import SQLKit
import Vapor

/// Signs in the person whose id the session holds (sessions live in the database, so any
/// instance recognises them), with their roles and language as stored now: a role taken
/// away counts from the next request.
struct SessionAuthenticator: AsyncMiddleware {
    static let userKey = "user"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let raw = request.session.data[Self.userKey], let id = UUID(uuidString: raw),
            let person = try await Self.load(id, on: request.db.sql())
        {
            request.auth.login(person.user)
            if let language = person.language { request.pageLanguage = language }
        }
        return try await next.respond(to: request)
    }

    static func load(_ id: UUID, on sql: any SQLDatabase) async throws -> (user: APIUser, language: Language?)? {
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
}

/// Pages for signed-in people: anyone else is sent to the sign-in page, and comes back after.
struct RequireSignIn: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(APIUser.self) else {
            let back = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
            let encoded = back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            return request.redirect(to: "/login?next=\(encoded)")
        }
        return try await next.respond(to: request)
    }
}

/// Until the first administrator exists, every page leads to the setup page.
struct RequireSetupDone: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard try await request.application.setupDone(on: request.db.sql()) else {
            return request.redirect(to: "/setup")
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
        let done = try await sql.raw("SELECT 1 AS one FROM users LIMIT 1").first() != nil
        if done { setupFlag.value = true }
        return done
    }
}
