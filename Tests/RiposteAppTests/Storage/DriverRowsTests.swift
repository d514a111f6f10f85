import Foundation
import PostgresKit
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Rows read from the driver")
struct DriverRowsTests {
    /// Every field, read by position from the driver and by name through SQLKit's decoder.
    func fields(_ row: IncidentRow) -> String {
        "\(row.id)|\(row.number)|\(row.title)|\(row.description)|\(row.type ?? "nil")|\(row.severity ?? "nil")"
            + "|\(row.status)|\(row.channel)|\(row.customersAffected)|\(row.team ?? "nil")|\(row.reporterId)"
            + "|\(row.reportedAt.timeIntervalSince1970)|\(String(describing: row.detectedAt))"
            + "|\(String(describing: row.qualifiedAt))|\(row.updatedAt.timeIntervalSince1970)|\(row.version)"
            + "|\(row.slaPausedSeconds)|\(String(describing: row.slaPausedSince))|\(String(describing: row.severitySince))"
            + "|\(String(describing: row.nextDueAt))|\(String(describing: row.cmpActiveSince))|\(row.reviewComplete)"
            + "|\(row.escalatedKeys)|\(row.bcpMark ?? "nil")|\(String(describing: row.bcpMarkAt))"
    }

    @Test("an incident reads the same by position from the driver as by name through SQLKit")
    func sameAsSQLKit() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let crisis = try await t.user([.crisisManager])
            let incident = try await t.inTreatment(.major, as: manager)
            try await t.plan("cmp", "activate", on: incident, as: crisis)
            try await t.warn(7, on: incident, as: manager)
            let sql = try t.db.sql()
            let query: SQLQueryString =
                "SELECT \(IncidentRow.columns) FROM incidents WHERE id = \(bind: incident.id) AND version > \(bind: 0)"
            let fast = try #require(try await IncidentRow.fetch(query, on: sql).first)
            let slow = try #require(
                try await sql.raw(query).all().map {
                    try IncidentRow(SQLKitPositionalRow(row: $0, columns: $0.allColumns))
                }
                .first)
            #expect(fields(fast) == fields(slow))
            #expect(fast.cmpActiveSince != nil && fast.severity == "major" && fast.version == incident.version + 2)
        }
    }

    @Test("binds of every type Riposte reads with, and a NULL, reach PostgreSQL as such")
    func postgresBinds() throws {
        let id = UUID.random()
        #expect(try PostgresBind.data(id).uuid == id)
        #expect(try PostgresBind.data("x").string == "x")
        #expect(try PostgresBind.data(42).int == 42)
        #expect(try PostgresBind.data(true).bool == true)
        #expect(try PostgresBind.data(Optional("y")).string == "y")
        #expect(try PostgresBind.data(nil as Date?).value == nil)
        #expect(throws: StorageFault.unsupportedBind(type: "Array<Int>")) { try PostgresBind.data([1, 2]) }
    }
}

/// The same cells through SQLKit's decoding by name: what the driver's reads are held to.
struct SQLKitPositionalRow: PositionalRow {
    let row: any SQLRow
    let columns: [String]

    private func value<T: Decodable>(_ index: Int) throws -> T? { try row.decode(column: columns[index], as: T?.self) }

    func optionalString(_ index: Int) throws -> String? { try value(index) }
    func optionalInt(_ index: Int) throws -> Int? { try value(index) }
    func optionalBool(_ index: Int) throws -> Bool? { try value(index) }
    func optionalDouble(_ index: Int) throws -> Double? { try value(index) }
    func optionalUUID(_ index: Int) throws -> UUID? { try value(index) }
    func optionalDate(_ index: Int) throws -> Date? { try value(index) }
}
