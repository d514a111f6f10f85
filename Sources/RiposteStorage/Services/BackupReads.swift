import Foundation
import RiposteCore
import SQLKit
import SQLiteKit
import SQLiteNIO

/// What a backup reads from a database (#19 point 1): a consistent copy of an SQLite file
/// taken while Riposte serves, and how many rows each table holds.
package enum BackupReads {
    /// Writes a copy of the SQLite database to `path` in one read transaction (`VACUUM INTO`):
    /// consistent while others write, never a copy of a live file.
    package static func copySQLite(to path: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("VACUUM INTO \(bind: path)").run()
    }

    /// PostgreSQL: makes the transaction a read-only snapshot and exports it, for `pg_dump
    /// --snapshot` to dump what the same transaction counts. The first statement of the transaction.
    package static func exportSnapshot(on sql: any SQLDatabase) async throws -> String {
        try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
        return try await sql.raw("SELECT pg_export_snapshot() AS id").first()?.decode(column: "id", as: String.self)
            ?? ""
    }

    /// Every table of the schema and its rows.
    package static func counts(on sql: any SQLDatabase) async throws -> [String: Int] {
        let listing: SQLQueryString =
            sql.dialect.name == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            : """
            SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() \
            AND table_type = 'BASE TABLE'
            """
        var counts: [String: Int] = [:]
        for row in try await sql.raw(listing).all() {
            let table = try row.decode(column: "name", as: String.self)
            let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            counts[table] =
                try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: quoted)").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
        return counts
    }

    /// Opens the SQLite file at `path` on its own connection (not the application's pool),
    /// for `body`, and closes it.
    package static func withSQLiteFile<T: Sendable>(
        at path: String, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path), logger: .init(label: "riposte.backup"))
        do {
            let result = try await body(connection.sql())
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// PostgreSQL: drops every object of the current schema and makes it anew, for a restore.
    package static func emptySchema(on sql: any SQLDatabase) async throws {
        try await sql.raw("DROP SCHEMA IF EXISTS public CASCADE").run()
        try await sql.raw("CREATE SCHEMA public").run()
    }

    /// Whether a database holds anything of an organisation's (people or incidents); a
    /// database without Riposte's tables holds nothing.
    package static func holdsData(on sql: any SQLDatabase) async throws -> Bool {
        for table in ["users", "incidents"] {
            guard
                let count = try? await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?
                    .decode(column: "n", as: Int.self)
            else { continue }
            if count > 0 { return true }
        }
        return false
    }
}
