import Fluent
import NIOConcurrencyHelpers
import RiposteCore
import SQLKit
import Vapor

extension ActingPerson: Authenticatable {}

/// `Authorization: Bearer <token>`: the token's digest, its person and their roles in one
/// indexed query, kept a second (`KnownTokens`), since every API request pays for it.
/// A disabled person's token, a revoked or an expired one signs nobody in. When the token was
/// last used is written at most once a minute per token and process.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let digest = TokenDigest.digest(bearer.token)
        let store = request.application.accounts(on: request.db)
        let tokens = store.tokens
        let holder = try await tokens.holders.value(for: digest, keepIf: { $0 != nil }) {
            try await store.holder(digest: digest)
        }
        let now = request.now
        guard let holder, holder.expiresAt.map({ $0 > now }) ?? true else { return }
        if tokens.uses.due(holder.tokenID, lastUsedAt: holder.lastUsedAt, at: now) {
            try await store.touchToken(holder.tokenID, at: now)
        }
        request.auth.login(holder.user)
    }
}

extension Request {
    var actingPerson: ActingPerson {
        get throws {
            guard let user = auth.get(ActingPerson.self) else { throw Refusal.unauthenticated }
            return user
        }
    }
}
