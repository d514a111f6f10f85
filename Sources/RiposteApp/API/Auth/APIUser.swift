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
/// indexed query, since every API request pays for it.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let digest = TokenDigest.digest(bearer.token)
        let rows = try await request.db.sql().raw(
            """
            SELECT users.id AS user_id, users.name AS user_name, role_assignments.role AS role
            FROM api_tokens
            JOIN users ON users.id = api_tokens.user_id
            LEFT JOIN role_assignments ON role_assignments.user_id = users.id
            WHERE api_tokens.token_hash = \(bind: digest)
            """
        ).all()
        guard let first = rows.first else { return }
        let names = try rows.compactMap { try $0.decode(column: "role", as: String?.self) }
        let roles = Set(names.compactMap(Role.init(rawValue:)))
        request.auth.login(
            APIUser(
                id: try first.decode(column: "user_id", as: UUID.self),
                name: try first.decode(column: "user_name", as: String.self),
                roles: roles))
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
