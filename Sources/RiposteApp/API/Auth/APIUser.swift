import Fluent
import RiposteCore
import SQLKit
import Vapor

/// The person behind a request, with the roles that decide what they may do.
struct APIUser: Authenticatable, Sendable {
    let id: UUID
    let name: String
    let roles: Set<Role>

    func can(_ action: Action, severity: Severity? = nil) -> Bool {
        PermissionMatrix.allows(roles, action, severity: severity)
    }
}

/// `Authorization: Bearer <token>`: the token's digest, its user and their roles in one
/// indexed query, kept a second (`WriteGate.tokenCache`), since every API request pays for it.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let digest = TokenDigest.digest(bearer.token)
        let user = try await request.application.writeGate.tokenCache.value(for: digest, keepIf: { $0 != nil }) {
            try await Self.load(digest: digest, on: try request.db.sql())
        }
        if let user { request.auth.login(user) }
    }

    private static func load(digest: String, on sql: any SQLDatabase) async throws -> APIUser? {
        let rows = try await sql.raw(
            """
            SELECT users.id AS user_id, users.name AS user_name, role_assignments.role AS role
            FROM api_tokens
            JOIN users ON users.id = api_tokens.user_id
            LEFT JOIN role_assignments ON role_assignments.user_id = users.id
            WHERE api_tokens.token_hash = \(bind: digest)
            """
        ).all()
        guard let first = rows.first else { return nil }
        let names = try rows.compactMap { try $0.decode(column: "role", as: String?.self) }
        return APIUser(
            id: try first.decode(column: "user_id", as: UUID.self),
            name: try first.decode(column: "user_name", as: String.self),
            roles: Set(names.compactMap(Role.init(rawValue:))))
    }
}

extension Request {
    var apiUser: APIUser {
        get throws {
            guard let user = auth.get(APIUser.self) else { throw APIError.unauthorized }
            return user
        }
    }
}
