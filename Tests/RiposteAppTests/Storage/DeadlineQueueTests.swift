import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Deadline queue (PostgreSQL)")
struct DeadlineQueueTests {
    struct Deadline: Equatable, CustomStringConvertible {
        let id: UUID
        let due: Date
        var description: String { "\(id.uuidString.prefix(8)) \(due.timeIntervalSince1970)" }
    }

    /// The queue's deadlines and the incidents' own, which the database triggers keep equal.
    func deadlines(_ t: TestApp) async throws -> (queue: [Deadline], incidents: [Deadline]) {
        let sql = try t.db.sql()
        func read(_ query: SQLQueryString) async throws -> [Deadline] {
            try await sql.raw(query).all().map {
                Deadline(
                    id: try $0.decode(column: "id", as: UUID.self), due: try $0.decode(column: "due", as: Date.self))
            }
        }
        return (
            try await read("SELECT incident_id AS id, due_at AS due FROM incident_deadlines ORDER BY incident_id"),
            try await read(
                "SELECT id, next_due_at AS due FROM incidents WHERE next_due_at IS NOT NULL ORDER BY id")
        )
    }

    @Test("the queue follows every change of an incident's next deadline, whoever writes it")
    func follows() async throws {
        try await withTestApp { t in
            // SQLite keeps its index on the register itself: there is no queue to follow.
            guard try t.db.sql().dialect.name == "postgresql" else { return }
            func expectInStep(_ when: String) async throws {
                let (queue, incidents) = try await deadlines(t)
                #expect(queue == incidents, "\(when)")
            }
            let manager = try await t.user([.helpdeskOperator, .incidentManager])
            _ = try await t.report(as: manager)
            try await expectInStep("filed")
            let treated = try await t.inTreatment(.minor, as: manager)
            try await expectInStep("qualified and in treatment")
            #expect(try await deadlines(t).queue.count == 2)
            _ = try await t.move(treated, to: .resolved, as: manager)
            try await expectInStep("resolved: no deadline left")
            #expect(try await deadlines(t).queue.count == 1)
            t.clock.advance(by: 3 * 86_400)
            #expect(try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false).count == 1)
            try await expectInStep("swept")
            try await t.db.sql().raw("UPDATE incidents SET next_due_at = reported_at").run()
            try await expectInStep("written by hand")
            #expect(try await deadlines(t).queue.count == 2)
        }
    }
}
