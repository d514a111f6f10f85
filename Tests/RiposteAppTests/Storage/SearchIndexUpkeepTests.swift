import Fluent
import Foundation
import SQLKit
import Testing

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Search index upkeep")
struct SearchIndexUpkeepTests {
    func merge(_ t: TestApp, at now: Date) async throws -> Bool {
        try await t.app.writeGate.searchUpkeep.mergeIfDue(at: now, gate: t.app.writeGate, on: t.db)
    }

    @Test("SQLite's index is merged after enough filings, once the register is quiet") func due() async throws {
        try await withTestApp { t in
            let sqlite = try t.db.sql().dialect.name == "sqlite"
            // A server starts as if due.
            #expect(try await merge(t, at: t.clock.now()) == sqlite)
            #expect(try await merge(t, at: t.clock.now()) == false)
            let employee = try await t.user([.reporter])
            for index in 0..<SearchIndexUpkeep.filings {
                _ = try await t.report(as: employee, title: "Panne \(index)")
                if index == 2 {
                    t.clock.advance(by: 60)
                    #expect(try await merge(t, at: t.clock.now()) == false, "three filings are not enough")
                }
            }
            #expect(try await merge(t, at: t.clock.now()) == false, "not quiet yet")
            #expect(try await merge(t, at: t.clock.now().addingTimeInterval(SearchIndexUpkeep.quiet)) == sqlite)
            #expect(try await merge(t, at: t.clock.now().addingTimeInterval(60)) == false)
        }
    }

    @Test("a merge among filings loses none of them and leaves the index sound") func concurrent() async throws {
        try await withTestApp { t in
            let sql = try t.db.sql()
            guard sql.dialect.name == "sqlite" else { return }
            let employee = try await t.user([.reporter])
            let helpdesk = try await t.user([.helpdeskOperator])
            for index in 0..<40 { _ = try await t.report(as: employee, title: "Zorglub \(index)") }
            for _ in 0..<SearchIndexUpkeep.filings { t.app.writeGate.searchUpkeep.filed(at: .distantPast) }
            let merged = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 40..<70 {
                    group.addTask {
                        _ = try await t.report(as: employee, title: "Zorglub \(index)")
                        return false
                    }
                }
                group.addTask { try await merge(t, at: t.clock.now().addingTimeInterval(3600)) }
                return try await group.reduce(false) { $0 || $1 }
            }
            #expect(merged)
            try await sql.raw("INSERT INTO incident_search(incident_search, rank) VALUES ('integrity-check', 1)").run()
            let found = try await t.send(.GET, "/api/v1/incidents?q=zorglub&limit=200", as: helpdesk).decode(
                PageJSON.self)
            #expect(found.items.count == 70)
        }
    }
}
