import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("The one incident writer")
struct IncidentWriterTests {
    @Test("the declared columns are the table's, and an update of a batch writes every changing one")
    func everyChangingColumn() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let first = try await t.inTreatment(.minor, as: manager)
            let second = try await t.inTreatment(.major, as: manager)
            let reader = IncidentReader(database: try t.db.sql())
            let at = Date(timeIntervalSince1970: 1_900_000_000)
            let read = [try await reader.row(first.id), try await reader.row(second.id)]
            var rows = read
            for index in rows.indices {
                rows[index].type = "type \(index)"
                rows[index].severity = Severity.crisis.rawValue
                rows[index].status = IncidentStatus.resolved.rawValue
                rows[index].team = "team \(index)"
                rows[index].qualifiedAt = at
                rows[index].resolvedAt = at
                rows[index].closedAt = at
                rows[index].updatedAt = at
                rows[index].version += 7
                rows[index].slaPausedSeconds = 60 + index
                rows[index].slaPausedSince = at
                rows[index].severitySince = at
                rows[index].expectedRecoveryAt = at
                rows[index].lastStatusReportAt = at
                rows[index].nextDueAt = at
                rows[index].bcpActiveSince = at
                rows[index].cmpActiveSince = at
                rows[index].drpActiveSince = at
                rows[index].bcpCloseAgreedAt = at
                rows[index].cmpCloseAgreedAt = at
                rows[index].reviewComplete = true
                rows[index].escalatedKeys = "key \(index)"
            }
            let changed = rows
            try await t.app.writeGate.transaction(on: t.db) { tx in
                try await IncidentWriter(database: tx).update(Array(zip(read, changed)))
            }
            for (index, expected) in changed.enumerated() {
                let stored = try await reader.row(expected.id)
                for column in IncidentColumn.allCases {
                    #expect(
                        "\(stored.cell(column))" == "\(expected.cell(column))", "incident \(index), \(column.name)")
                }
            }
            #expect(IncidentColumn.changing.count + 7 == IncidentColumn.allCases.count)
            #expect(IncidentColumn.customersAffected.name == "customers_affected")
            #expect(IncidentColumn.bcpCloseAgreedAt.name == "bcp_close_agreed_at")
        }
    }

    @Test("only the columns that changed are set; nothing changed, nothing written")
    func onlyWhatChanged() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let incident = try await t.inTreatment(.minor, as: manager)
            let read = try await IncidentReader(database: try t.db.sql()).row(incident.id)
            #expect(IncidentWriter.columns(changedIn: [(read, read)]).isEmpty)
            var swept = read
            swept.nextDueAt = Date(timeIntervalSince1970: 1_900_000_000)
            swept.escalatedKeys = "major_overdue"
            var other = read
            other.team = "Infra"
            #expect(IncidentWriter.columns(changedIn: [(read, swept)]) == [.nextDueAt, .escalatedKeys])
            #expect(
                IncidentWriter.columns(changedIn: [(read, swept), (read, other)]) == [
                    .team, .nextDueAt, .escalatedKeys,
                ])
            let change = (read: read, changed: swept)
            try await t.app.writeGate.transaction(on: t.db) { tx in
                try await IncidentWriter(database: tx).update([change])
            }
            let stored = try await IncidentReader(database: try t.db.sql()).row(incident.id)
            #expect(stored.escalatedKeys == "major_overdue" && stored.team == read.team)
        }
    }

    @Test("the lock refuses a version that moved, and an unknown incident")
    func lock() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let incident = try await t.inTreatment(.minor, as: manager)
            let results = try await t.app.writeGate.transaction(on: t.db) { tx in
                let writer = IncidentWriter(database: tx)
                return [
                    try await writer.lock(incident.id, expectedVersion: incident.version + 1),
                    try await writer.lock(incident.id, expectedVersion: incident.version),
                    try await writer.lock(UUID.random(), expectedVersion: nil),
                ]
            }
            #expect(results == [false, true, false])
        }
    }
}
