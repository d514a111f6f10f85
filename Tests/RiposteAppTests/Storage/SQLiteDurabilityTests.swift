import Fluent
import SQLKit
import Testing

@testable import RiposteApp

/// The README promises WAL with synchronous=FULL on SQLite; hold the code to it.
@Suite("SQLite durability settings")
struct SQLiteDurabilityTests {
    @Test("the file runs in WAL mode with synchronous FULL", .enabled(if: !TestDatabase.usesPostgres))
    func walAndFullSync() async throws {
        try await withTestApp { t in
            let sql = try t.db.sql()
            let mode = try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
            let sync = try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self)
            #expect(mode == "wal")
            #expect(sync == 2)
        }
    }
}
