import NIOConcurrencyHelpers
import NIOCore
import RiposteCore

/// The SLA targets, read on every filing and every change of an incident, kept for a second
/// by the process: a database round trip less on the register's hottest paths. A change of
/// targets through this process drops them at once (and a read that started before the change
/// is not kept); another instance sharing a PostgreSQL database sees it within `lifetime`.
final class SLACache: Sendable {
    static let lifetime = TimeAmount.seconds(1)

    private struct State {
        var settings: SLASettings?
        var until = NIODeadline.uptimeNanoseconds(0)
        var generation = 0
    }

    private let state = NIOLockedValueBox(State())

    func settings(_ load: () async throws -> SLASettings) async throws -> SLASettings {
        let now = NIODeadline.now()
        let (cached, generation) = state.withLockedValue { state in
            (state.until > now ? state.settings : nil, state.generation)
        }
        if let cached { return cached }
        let settings = try await load()
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            state.settings = settings
            state.until = now + Self.lifetime
        }
        return settings
    }

    func invalidate() {
        state.withLockedValue { state in
            state.settings = nil
            state.generation += 1
        }
    }
}
