import NIOConcurrencyHelpers
import NIOCore

/// Bearer tokens already checked, with their person and roles, kept a second by the process:
/// every API request authenticates, and the three-table read was a database round trip on
/// each. Only tokens that exist are kept (an unknown one is always looked up). A change of
/// roles through this process drops them all at once (and a read that started before it is
/// not kept); another instance sharing a PostgreSQL database, or a command run beside the
/// server, is seen within `lifetime`.
final class TokenCache: Sendable {
    static let lifetime = TimeAmount.seconds(1)
    /// Past this many tokens the cache starts again empty: it never grows without bound.
    static let capacity = 1_024

    private struct State {
        var users: [String: (user: APIUser, until: NIODeadline)] = [:]
        var generation = 0
    }

    private let state = NIOLockedValueBox(State())

    func user(digest: String, _ load: () async throws -> APIUser?) async throws -> APIUser? {
        let now = NIODeadline.now()
        let (cached, generation) = state.withLockedValue { state -> (APIUser?, Int) in
            guard let entry = state.users[digest], entry.until > now else { return (nil, state.generation) }
            return (entry.user, state.generation)
        }
        if let cached { return cached }
        guard let user = try await load() else { return nil }
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            if state.users.count >= Self.capacity { state.users.removeAll(keepingCapacity: true) }
            state.users[digest] = (user, now + Self.lifetime)
        }
        return user
    }

    func invalidate() {
        state.withLockedValue { state in
            state.users.removeAll()
            state.generation += 1
        }
    }
}
