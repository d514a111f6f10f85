import FluentKit
import FluentSQL
import SQLKit

/// PostgreSQL: the index of the register's order, `(reported_at, id)`, also carries the
/// folded search text, so a search for a common word reads that index alone, newest first,
/// and stops at the page's last match.
///
/// Through the trigram index, a common word fetched every match from as many table pages and
/// sorted them; the walk reads a few pages of this index instead. The planner picks either
/// from the word's statistics: a rare
/// word still goes through the trigram index. `search_text` changes only with a title or a
/// description, so the sweep's updates stay heap-only (see `AddDeadlineQueue`).
///
/// SQLite keeps its plain index: its searches go through FTS5 (see `IncidentQuery`).
///
/// Undone by `SearchNewestFirstByDistance`, whose GiST index walks matches newest first
/// without reading thousands of index entries for a common word.
package struct CoverRegisterOrderWithSearchText: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await replaceOrderIndex(include: "INCLUDE (search_text)", on: database)
    }

    package func revert(on database: any Database) async throws {
        try await replaceOrderIndex(include: "", on: database)
    }

    /// Builds the new index before the old one goes, so the register is never without one.
    private func replaceOrderIndex(include: String, on database: any Database) async throws {
        let sql = try database.sql()
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw(
            "CREATE INDEX incidents_reported_at_next ON incidents (reported_at, id) \(unsafeRaw: include)"
        ).run()
        try await sql.raw("DROP INDEX incidents_reported_at").run()
        try await sql.raw("ALTER INDEX incidents_reported_at_next RENAME TO incidents_reported_at").run()
    }
}
