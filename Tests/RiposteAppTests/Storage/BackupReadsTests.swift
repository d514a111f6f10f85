import Foundation
import RiposteCore
import SQLKit
import Testing

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Backup reads (#19 point 1)")
struct BackupReadsTests {
    @Test("every table is counted, on both engines; a database with people holds data")
    func counts() async throws {
        try await withTestApp { t in
            let sql = try t.db.sql()
            #expect(try await BackupReads.holdsData(on: sql) == false)
            let manager = try await t.user([.incidentManager])
            _ = try await t.report(as: manager)
            _ = try await t.report(as: manager)
            let counts = try await BackupReads.counts(on: sql)
            #expect(counts["incidents"] == 2)
            #expect(counts["users"] == 1)
            #expect(counts["journal_entries"] == 2)
            #expect(counts.keys.contains("_fluent_migrations"))
            #expect(try await BackupReads.holdsData(on: sql))
        }
    }

    @Test("SQLite: a copy taken while writing holds whole chains and the rows it counts")
    func sqliteCopy() async throws {
        try await withTestApp { t in
            let sql = try t.db.sql()
            guard sql.dialect.name == "sqlite" else { return }
            let manager = try await t.user([.incidentManager])
            let incident = try await t.report(as: manager)
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("riposte-copy-\(UUID()).sqlite")
            defer { try? FileManager.default.removeItem(at: copy) }
            try await BackupReads.copySQLite(to: copy.path, on: sql)
            _ = try await t.report(as: manager)
            let manifest = BackupManifest(
                schemaVersion: MigrationList.all.count, engine: "sqlite", createdAt: t.clock.now(),
                counts: try await BackupReads.withSQLiteFile(at: copy.path) { try await BackupReads.counts(on: $0) },
                parts: [])
            #expect(manifest.counts["incidents"] == 1, "the copy is of its moment, not of what followed")
            let entries = try await BackupReads.withSQLiteFile(at: copy.path) { copySQL in
                try await BackupChecks.verify(manifest, on: copySQL)
            }
            #expect(entries == 1)
            _ = incident
        }
    }
}
