import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Outbox fan-out")
struct OutboxFanOutTests {
    func count(_ table: String, _ t: TestApp) async throws -> Int {
        try await t.db.sql().raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?
            .decode(column: "n", as: Int.self) ?? -1
    }

    /// A major incident whose CMP the crisis manager activates: one event for the incident
    /// manager and the other crisis manager, after the qualification's (for the incident
    /// managers, the author excepted).
    func activation(_ t: TestApp) async throws -> (crisisTeam: Caller, incidentManager: Caller) {
        let manager = try await t.user([.incidentManager])
        let crisis = try await t.user([.crisisManager])
        let crisisTeam = try await t.user([.crisisManager])
        _ = try await t.user([.continuityManager])
        let incident = try await t.inTreatment(.major, as: manager)
        try await t.plan("cmp", "activate", on: incident, as: crisis)
        return (crisisTeam, manager)
    }

    @Test("a change writes one event; fanning it out makes each person's notification and deletes it")
    func oneEventThenRows() async throws {
        try await withTestApp { t in
            _ = try await activation(t)
            // The qualification's event and the activation's.
            #expect(try await count("outbox_events", t) == 2)
            #expect(try await count("notifications", t) == 0)
            #expect(try await t.app.outboxFanOut.run() == 2)
            #expect(try await count("outbox_events", t) == 0)
            #expect(try await count("notifications", t) == 2)
            #expect(try await t.app.outboxFanOut.run() == 0)
            #expect(try await count("notifications", t) == 2)
        }
    }

    @Test("reading one's notifications settles waiting events first")
    func readingSettles() async throws {
        try await withTestApp { t in
            let people = try await activation(t)
            #expect(try await t.notifications(of: people.crisisTeam).items.map(\.event) == ["plan_activated"])
            #expect(try await count("outbox_events", t) == 0)
            #expect(try await t.notifications(of: people.incidentManager).unreadCount == 1)
        }
    }

    @Test("fan-outs running at once make each notification once")
    func concurrent() async throws {
        try await withTestApp { t in
            for _ in 0..<4 { _ = try await activation(t) }
            let fanOut = t.app.outboxFanOut
            async let first = fanOut.run()
            async let second = fanOut.run()
            async let third = fanOut.run()
            let done = try await first + second + third
            #expect(done == 8)
            // Fanned out after the four activations, each activation reaches the four incident
            // managers and the seven crisis managers who did not make it, and each major
            // qualification the three incident managers who did not make it: once each,
            // whichever fan-out took it.
            #expect(try await count("notifications", t) == 4 * 11 + 4 * 3)
            #expect(try await count("outbox_events", t) == 0)
        }
    }
}
