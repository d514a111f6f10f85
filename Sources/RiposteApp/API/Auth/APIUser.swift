import Fluent
import RiposteCore
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

/// `Authorization: Bearer <token>`: one indexed lookup of the token's digest.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let digest = TokenDigest.digest(bearer.token)
        let match = try await APITokenModel.query(on: request.db)
            .filter(\.$tokenHash == digest)
            .with(\.$user) { user in user.with(\.$roles) }
            .first()
        guard let token = match else { return }
        let user = token.user
        let roles = Set(user.roles.compactMap { Role(rawValue: $0.role) })
        request.auth.login(APIUser(id: try user.requireID(), name: user.name, roles: roles))
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
