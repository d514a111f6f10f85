import RiposteCore

/// The SLA targets, read on every filing and every change of an incident, kept a second (see
/// `ExpiringCache`); a change of targets through `SettingsStore.save` drops them.
package final class SLACache: Sendable {
    private let cache = ExpiringCache<Int, SLASettings>()

    package func settings(_ load: () async throws -> SLASettings) async throws -> SLASettings {
        try await cache.value(for: 0, load)
    }

    package func invalidate() { cache.invalidate() }
}
