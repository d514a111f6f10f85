import FluentKit
import FluentSQL
import SQLKit

/// SQLite: the trigram index is keyed by each incident's `RegisterKey` (a `register_key`
/// column, unique) instead of its rowid, so FTS5, which walks its lists in key order, hands
/// back a search's matches newest first and stops after the page (see `IncidentSearchWindow`).
///
/// Keyed by rowid, a common word returned every match, each then looked up in `incidents` to
/// be sorted by date, several times the work of reading the page alone. A column rather than
/// the rowid itself: VACUUM may
/// renumber the rowids of a table whose key is not an integer.
///
/// PostgreSQL is untouched here: its searches walk a GiST index by distance (see
/// `SearchNewestFirstByDistance`).
package struct KeySearchIndexByRegisterOrder: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("ALTER TABLE incidents ADD COLUMN register_key INTEGER").run()
        // `RegisterKey.of`, with `JournalClock.milliseconds` and the number's sequence.
        try await sql.raw(
            """
            UPDATE incidents SET register_key = \
            (CAST(reported_at * 1000 + 0.01 AS INTEGER) << 20) | (CAST(substr(number, 10) AS INTEGER) & 1048575)
            """
        ).run()
        try await sql.raw("CREATE UNIQUE INDEX incidents_register_key ON incidents (register_key)").run()
        try await AddIncidentSearchIndex.dropSQLiteIndex(on: sql)
        try await AddIncidentSearchIndex.createSQLiteIndex(keyedBy: "register_key", on: sql)
    }

    package func revert(on database: any Database) async throws {
        let sql = try database.sql()
        guard sql.dialect.name == "sqlite" else { return }
        try await AddIncidentSearchIndex.dropSQLiteIndex(on: sql)
        try await sql.raw("DROP INDEX incidents_register_key").run()
        try await sql.raw("ALTER TABLE incidents DROP COLUMN register_key").run()
        try await AddIncidentSearchIndex.createSQLiteIndex(keyedBy: "rowid", on: sql)
    }
}
