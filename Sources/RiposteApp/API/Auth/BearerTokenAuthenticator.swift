import Fluent
import NIOConcurrencyHelpers
import RiposteCore
import SQLKit
import Vapor

extension ActingPerson: Authenticatable {}

/// `Authorization: Bearer <token>`: the token's digest, its person and their roles in one
/// indexed query, kept a second (`WriteGate.tokenCache`), since every API request pays for it.
/// A disabled person's token, a revoked or an expired one signs nobody in. When the token was
/// last used is written at most once a minute per token and process.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let digest = TokenDigest.digest(bearer.token)
        let gate = request.application.writeGate
        let store = AccountStore(database: request.db, gate: gate)
        let holder = try await gate.tokenCache.value(for: digest, keepIf: { $0 != nil }) {
            try await store.holder(digest: digest)
        }
        let now = request.now
        guard let holder, holder.expiresAt.map({ $0 > now }) ?? true else { return }
        if gate.tokenUses.due(holder.tokenID, lastUsedAt: holder.lastUsedAt, at: now) {
            try await store.touchToken(holder.tokenID, at: now)
        }
        request.auth.login(holder.user)
    }
}

/// When each token was last written as used by this process, so that a busy token costs one
/// write a minute, not one a request.
final class TokenUses: Sendable {
    static let interval: TimeInterval = 60
    private let written = NIOLockedValueBox([UUID: Date]())

    /// Whether a use at `now` is to be written; if so, it counts as written.
    func due(_ token: UUID, lastUsedAt stored: Date?, at now: Date) -> Bool {
        written.withLockedValue { written in
            let last = max(written[token] ?? .distantPast, stored ?? .distantPast)
            guard now.timeIntervalSince(last) >= Self.interval else { return false }
            if written.count > 10_000 { written.removeAll() }
            written[token] = now
            return true
        }
    }
}

extension Request {
    var actingPerson: ActingPerson {
        get throws {
            guard let user = auth.get(ActingPerson.self) else { throw APIError.unauthorized }
            return user
        }
    }
}
