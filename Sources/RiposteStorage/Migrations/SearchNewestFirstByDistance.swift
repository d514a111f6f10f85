import FluentKit
import FluentSQL
import SQLKit

/// PostgreSQL: a GiST index on the folded search text and the report date, so that a search
/// walks its matches newest first and stops after the page (see `IncidentSearchWindow`).
///
/// A GiST index can return rows by distance: ordered by `reported_at <-> 'far future'`, it
/// hands back the newest matches first, pruning the subtrees whose trigram signatures
/// (64 bytes) lack the needle's. A common word reads its page's candidates only, where the
/// trigram GIN index fetched and sorted every match and the register's order index read
/// thousands of entries.
///
/// The planner takes this path when it expects many matches. With 100 histogram entries of
/// `search_text`, many common words matched none of them and were taken for rare; 500
/// entries make that unlikely.
///
/// The index also answers unordered `LIKE` searches (other filters, see `IncidentQuery`), so
/// the GIN index goes, and the order index loses the search text it carried for the walk
/// (`CoverRegisterOrderWithSearchText`): two fewer structures to write at each filing.
package struct SearchNewestFirstByDistance: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        guard sql.dialect.name == "postgresql" else { return }
        // btree_gist, like pg_trgm, is trusted: the database's owner may create it.
        try await sql.raw("CREATE EXTENSION IF NOT EXISTS btree_gist").run()
        try await sql.raw(
            """
            CREATE INDEX incidents_search_recent ON incidents \
            USING gist (search_text gist_trgm_ops(siglen = 64), reported_at)
            """
        ).run()
        try await sql.raw("DROP INDEX incidents_search_trgm").run()
        try await CoverRegisterOrderWithSearchText().revert(on: database)
        try await sql.raw("ALTER TABLE incidents ALTER COLUMN search_text SET STATISTICS 500").run()
        try await sql.raw("ANALYZE incidents").run()
    }

    package func revert(on database: any Database) async throws {
        let sql = try database.sql()
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("ALTER TABLE incidents ALTER COLUMN search_text SET STATISTICS -1").run()
        try await CoverRegisterOrderWithSearchText().prepare(on: database)
        try await sql.raw("CREATE INDEX incidents_search_trgm ON incidents USING gin (search_text gin_trgm_ops)")
            .run()
        try await sql.raw("DROP INDEX incidents_search_recent").run()
    }
}
