import Foundation
import RiposteCore
import SQLKit

/// PostgreSQL: many writers at once, kept apart by row locks; claims skip what another
/// instance holds. Numbers come from a sequence per year, search from a GiST trigram index
/// (see `SearchNewestFirstByDistance`), the due incidents from `incident_deadlines` (see
/// `AddDeadlineQueue`).
package struct PostgresEngine: StorageEngine {
    package init() {}

    // MARK: Locks

    package var skipLocked: SQLQueryString { " FOR UPDATE SKIP LOCKED" }
    package var forUpdate: SQLQueryString { " FOR UPDATE" }

    // MARK: The sweep

    /// Through `incident_deadlines`; the incident's own `next_due_at` is checked too, so that a
    /// deadline queued before the incident moved on is not taken for a due one.
    package func dueIncidents(at now: Date, reporter: UUID?, limit: Int?, lock: Bool) -> SQLQueryString {
        var query: SQLQueryString = """
            SELECT \(IncidentRow.columns) FROM incident_deadlines \
            JOIN incidents ON incidents.id = incident_deadlines.incident_id \
            WHERE incident_deadlines.due_at <= \(bind: now) AND incidents.next_due_at <= \(bind: now)
            """
        if let reporter { query += " AND incidents.reporter_id = \(bind: reporter)" }
        query += " ORDER BY incident_deadlines.due_at"
        if let limit { query += " LIMIT \(literal: limit)" }
        if lock { query += " FOR UPDATE OF incidents SKIP LOCKED" }
        return query
    }

    package func sweepers(asked: Int) -> Int { max(asked, 1) }

    // MARK: Numbering

    /// A counter row would be locked from the increment to the commit, putting every filing
    /// in single file behind the previous one's WAL flush; a sequence is never locked and never
    /// goes back, even after a crash. The price: a filing that fails after taking its number
    /// leaves a gap. Created outside the filing's transaction: a failed statement would abort it.
    package func prepareNumbers(_ series: IncidentNumber.Series, year: Int, on sql: any SQLDatabase) async throws {
        let name = Self.sequenceName(series, year)
        // Two instances may create the same year's sequence at once; the loser's error is
        // harmless once the sequence exists.
        do {
            try await sql.raw("CREATE SEQUENCE IF NOT EXISTS \(ident: name)").run()
        } catch {
            let exists = try await sql.raw("SELECT to_regclass(\(bind: name))::text AS name").first()
            guard let exists, (try? exists.decode(column: "name", as: String?.self)) != nil else { throw error }
        }
    }

    package func nextSequences(
        _ count: Int, _ series: IncidentNumber.Series, year: Int, on sql: any SQLDatabase
    ) async throws -> [Int] {
        let rows = try await sql.raw(
            """
            SELECT nextval(\(bind: Self.sequenceName(series, year))::regclass) AS value \
            FROM generate_series(1, \(bind: count))
            """
        ).all()
        guard rows.count == count else { throw StorageFault.sequenceMissing(year: year) }
        return try rows.map { try $0.decode(column: "value", as: Int.self) }.sorted()
    }

    static func sequenceName(_ series: IncidentNumber.Series, _ year: Int) -> String {
        series == .exercise ? "exercise_number_\(year)" : "incident_number_\(year)"
    }

    // MARK: Writing rows

    /// Many rows as one array per column (`BulkInsert.unnest`): a few binds, not thousands the
    /// server must parse. One row (a filing) is cheaper as plain VALUES.
    package func insert(
        _ table: String, _ columns: [String], _ rows: [[any CellValue]], on driver: DriverStatement
    ) async throws {
        guard rows.count > 1 else {
            return try await BulkInsert.values(table, columns, rows, on: driver) { "$\($0)" }
        }
        let (text, binds) = try BulkInsert.unnest(table, columns, rows)
        try await driver.run(text, binds)
    }

    package func insertIncidents(_ rows: [IncidentRow], on sql: any SQLDatabase) async throws {
        let columns = IncidentColumn.allCases.map(\.name) + ["search_text"]
        try await BulkInsert.run("incidents", columns, rows.map(\.cellsWithSearchText), on: sql)
    }

    /// One array per column, joined to the incidents by id.
    package func updateIncidents(
        _ rows: [IncidentRow], setting columns: [IncidentColumn], on driver: DriverStatement
    ) async throws {
        let names = ([IncidentColumn.id] + columns).map(\.name)
        let sets = columns.map { "\($0.name) = v.\($0.name)" }.joined(separator: ", ")
        let placeholders = names.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        try await driver.run(
            """
            UPDATE incidents AS i SET \(sets) FROM unnest(\(placeholders)) AS v(\(names.joined(separator: ", "))) \
            WHERE i.id = v.id
            """,
            ([IncidentColumn.id] + columns).map { column in
                .array(rows.map { $0.cell(column) }, column.postgresType)
            })
    }

    // MARK: Searching

    /// LIKE is what the trigram index serves; `%` and `_` in the needle are escaped, so they are
    /// literal as on SQLite. `strpos` when the needle is too short for the index.
    package func seconds(from start: String, to end: String) -> SQLQueryString {
        "CAST(ROUND(EXTRACT(EPOCH FROM \(ident: end) - \(ident: start))) AS INTEGER)"
    }

    package func contains(_ needle: String) -> SQLQueryString {
        guard IncidentQuery.indexable(needle) else { return "strpos(search_text, \(bind: needle)) > 0" }
        let escaped = needle.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        return "search_text LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'"
    }

    package func searchPage(
        needle: String, filtered: SQLQueryString, order: SQLQueryString, window: SQLQueryString
    ) -> SQLQueryString {
        "SELECT \(RegisterLine.columns) FROM incidents" + filtered + order + window
    }

    /// GiST walks by distance from a far future, newest first (from infinity every distance
    /// is the same). The cursor's date bounds the walk; its id is checked on each row.
    package func searchWalk(
        _ filter: IncidentFilter, needle: String, exact: [SQLQueryString], count: Int
    ) -> SQLQueryString {
        var walk: [SQLQueryString] = [contains(needle)]
        if let after = filter.after {
            let at = Date(timeIntervalSince1970: Double(after.reportedAtMilliseconds) / 1000)
            walk.append("reported_at <= \(bind: at)")
        }
        return "SELECT \(RegisterLine.columns) FROM incidents WHERE " + (walk + exact).joined(separator: " AND ")
            + " ORDER BY reported_at <-> '9999-12-31'::timestamptz LIMIT \(literal: count)"
    }

    // MARK: Upkeep

    package func prepare(_ sql: any SQLDatabase) async throws {}

    /// GiST keeps one index, updated in place.
    package var searchIndexHasSegments: Bool { false }

    package func mergeSearchIndex(on sql: any SQLDatabase) async throws {}
}
