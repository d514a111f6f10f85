import NIOConcurrencyHelpers
import NIOCore

/// Values read on the hottest paths (SLA targets, API tokens), kept a short while by the
/// process: a database round trip less per request. A change through this process calls
/// `invalidate`, which drops everything at once, and a read that started before it is not
/// kept; another instance sharing a PostgreSQL database, or a command run beside the server,
/// is seen within `lifetime`.
package final class ExpiringCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    package let lifetime: TimeAmount
    /// Past this many keys the cache starts again empty: it never grows without bound.
    package let capacity: Int

    private struct State {
        var entries: [Key: (value: Value, until: NIODeadline)] = [:]
        var generation = 0
    }

    private let state = NIOLockedValueBox(State())

    package init(lifetime: TimeAmount = .seconds(1), capacity: Int = 1_024) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The value kept for `key`, or the one `load` reads, kept when `keep` says so.
    package func value(
        for key: Key, keepIf keep: (Value) -> Bool = { _ in true }, _ load: () async throws -> Value
    ) async throws -> Value {
        let now = NIODeadline.now()
        let (cached, generation) = state.withLockedValue { state -> (Value?, Int) in
            guard let entry = state.entries[key], entry.until > now else { return (nil, state.generation) }
            return (entry.value, state.generation)
        }
        if let cached { return cached }
        let value = try await load()
        guard keep(value) else { return value }
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = (value, now + lifetime)
        }
        return value
    }

    package func invalidate() {
        state.withLockedValue { state in
            state.entries.removeAll()
            state.generation += 1
        }
    }
}
