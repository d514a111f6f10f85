import Foundation
import RiposteCore
import Testing

@testable import RiposteApp
@testable import RiposteStorage

@Suite("SLA targets kept a second")
struct SLACacheTests {
    actor Loads {
        var count = 0
        func next() -> Int {
            count += 1
            return count
        }
    }

    static func settings(resolveHours: Int) -> SLASettings {
        var settings = SLASettings.defaults
        settings.targets[.minor] = SeverityTargets(
            qualify: ISODuration(seconds: 3600), resolve: ISODuration(seconds: resolveHours * 3600), statusReport: nil)
        return settings
    }

    @Test("read once, then served from memory until dropped")
    func keptThenDropped() async throws {
        let cache = SLACache()
        let loads = Loads()
        for _ in 0..<3 {
            _ = try await cache.settings { Self.settings(resolveHours: await loads.next()) }
        }
        #expect(await loads.count == 1)
        cache.invalidate()
        let fresh = try await cache.settings { Self.settings(resolveHours: await loads.next()) }
        #expect(await loads.count == 2)
        #expect(fresh.targets[.minor]?.resolve.seconds == 2 * 3600)
    }

    @Test("a read that began before a change is not kept")
    func staleReadNotKept() async throws {
        let cache = SLACache()
        let loads = Loads()
        _ = try await cache.settings {
            cache.invalidate()  // a change of targets lands while this read is on its way
            return Self.settings(resolveHours: await loads.next())
        }
        _ = try await cache.settings { Self.settings(resolveHours: await loads.next()) }
        #expect(await loads.count == 2)
    }
}
