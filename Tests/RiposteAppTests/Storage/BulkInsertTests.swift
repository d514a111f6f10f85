import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Bulk inserts")
struct BulkInsertTests {
    @Test("one statement, numbered placeholders for PostgreSQL, question marks for SQLite")
    func statement() {
        #expect(
            BulkInsert.statement("t", ["a", "b"], rows: 2) { "$\($0)" }
                == "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)")
        #expect(BulkInsert.statement("t", ["a"], rows: 3) { _ in "?" } == "INSERT INTO t (a) VALUES (?), (?), (?)")
    }

    @Test("PostgreSQL gets one array per column, and a NULL literal for a column without values")
    func unnest() throws {
        let id = UUID.random()
        let (text, binds) = try BulkInsert.unnest(
            "t", ["a", "b", "c"], [[id, nil as String?, 1], [id, nil as String?, nil as Int?]])
        #expect(text == "INSERT INTO t (a, b, c) SELECT u.a, NULL, u.c FROM unnest($1, $2) AS u(a, c)")
        #expect(binds.count == 2)
        #expect(throws: StorageFault.mixedColumn("a")) { try BulkInsert.unnest("t", ["a"], [[1], ["x"]]) }
    }

    @Test("every kind of value, NULL included, reads back as written, across statement boundaries")
    func roundTrip() async throws {
        try await withTestApp { t in
            let sql = try t.db.sql()
            let incident = try await t.report(as: try await t.user([.reporter]))
            let at = Date(timeIntervalSince1970: 1_795_000_000.123)
            let count = BulkInsert.maxParameters / Outbox.eventColumns.count + 3
            let rows: [[any CellValue]] = (0..<count).map { index in
                [
                    UUID.random(), index == 0 ? incident.id : nil, "escalated", "payload \(index) «é»",
                    "crisis_manager:1", nil as UUID?, at.addingTimeInterval(Double(index)),
                ]
            }
            try await BulkInsert.run("outbox_events", Outbox.eventColumns, rows, on: sql)
            let read = try await sql.raw(
                "SELECT incident_id, payload, author_id, created_at FROM outbox_events ORDER BY created_at"
            ).all()
            #expect(read.count == count)
            let first = try #require(read.first)
            #expect(try first.decode(column: "incident_id", as: UUID?.self) == incident.id)
            #expect(try first.decode(column: "payload", as: String.self) == "payload 0 «é»")
            #expect(try first.decode(column: "author_id", as: UUID?.self) == nil)
            let firstAt = try first.decode(column: "created_at", as: Date.self)
            #expect(abs(firstAt.timeIntervalSince(at)) < 0.001)
            #expect(try read.last?.decode(column: "incident_id", as: UUID?.self) == nil)
        }
    }
}
