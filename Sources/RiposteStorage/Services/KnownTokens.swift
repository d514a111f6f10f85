import FluentKit
import FluentSQL
import Foundation
import NIOConcurrencyHelpers

/// The API tokens this process checked lately: by digest, with their person and roles, kept a
/// second; a change of roles, a disabled person or a revoked token drops them all (see
/// `AccountStore`, `AdminActions.setRoles`). Only tokens that exist are kept: an unknown one
/// is always looked up.
package final class KnownTokens: Sendable {
    package init() {}

    package let holders = ExpiringCache<String, AccountStore.TokenHolder?>()
    /// When tokens were last written as used (`BearerTokenAuthenticator`).
    package let uses = TokenUses()
}

/// When each token was last written as used by this process, so that a busy token costs one
/// write a minute, not one a request.
package final class TokenUses: Sendable {
    package static let interval: TimeInterval = 60
    private let written = NIOLockedValueBox([UUID: Date]())

    /// Whether a use at `now` is to be written; if so, it counts as written.
    package func due(_ token: UUID, lastUsedAt stored: Date?, at now: Date) -> Bool {
        written.withLockedValue { written in
            let last = max(written[token] ?? .distantPast, stored ?? .distantPast)
            guard now.timeIntervalSince(last) >= Self.interval else { return false }
            if written.count > 10_000 { written.removeAll() }
            written[token] = now
            return true
        }
    }
}
