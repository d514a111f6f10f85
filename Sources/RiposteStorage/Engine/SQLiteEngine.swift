import Foundation
import RiposteCore
import SQLKit

/// SQLite: one writer at a time (`WriteGate`), so claims and reads-then-writes need no row
/// locks, and sweepers would only queue behind each other. Search is an FTS5 trigram index
/// numbered by `RegisterKey` (see `KeySearchIndexByRegisterOrder`).
package struct SQLiteEngine: StorageEngine {
    package init() {}

    /// SQLite's limit on the binds of one statement (`SQLITE_MAX_VARIABLE_NUMBER`).
    static let maxBinds = 32_766

    // MARK: Locks

    package var skipLocked: SQLQueryString { "" }
    package var forUpdate: SQLQueryString { "" }

    // MARK: The sweep

    /// Through the `next_due_at` index.
    package func dueIncidents(at now: Date, reporter: UUID?, limit: Int?, lock: Bool) -> SQLQueryString {
        var query: SQLQueryString = "SELECT \(IncidentRow.columns) FROM incidents WHERE next_due_at <= \(bind: now)"
        if let reporter { query += " AND incidents.reporter_id = \(bind: reporter)" }
        query += " ORDER BY next_due_at"
        if let limit { query += " LIMIT \(literal: limit)" }
        return query
    }

    package func sweepers(asked: Int) -> Int { 1 }

    // MARK: Numbering

    package func prepareNumbers(_ series: IncidentNumber.Series, year: Int, on sql: any SQLDatabase) async throws {}

    /// A counter row per year, incremented inside the filing transaction (writes are serial
    /// anyway), so a failed filing gives its numbers back.
    package func nextSequences(
        _ count: Int, _ series: IncidentNumber.Series, year: Int, on sql: any SQLDatabase
    ) async throws -> [Int] {
        let table = series == .exercise ? "exercise_counters" : "incident_counters"
        guard
            let row = try await sql.raw(
                """
                INSERT INTO \(ident: table) (year, last_sequence) VALUES (\(bind: year), \(bind: count)) \
                ON CONFLICT (year) DO UPDATE SET last_sequence = \(ident: table).last_sequence + \(bind: count) \
                RETURNING last_sequence
                """
            ).first()
        else { throw StorageFault.counterMissing(year: year) }
        let last = try row.decode(column: "last_sequence", as: Int.self)
        return Array(last - count + 1...last)
    }

    // MARK: Writing rows

    package func insert(
        _ table: String, _ columns: [String], _ rows: [[any CellValue]], on driver: DriverStatement
    ) async throws {
        try await BulkInsert.values(table, columns, rows, on: driver) { _ in "?" }
    }

    /// With their `RegisterKey`, which numbers them in the search index.
    package func insertIncidents(_ rows: [IncidentRow], on sql: any SQLDatabase) async throws {
        let columns = IncidentColumn.allCases.map(\.name) + ["search_text", "register_key"]
        let cells = try rows.map { try $0.cellsWithSearchText + [$0.registerKey()] }
        try await BulkInsert.run("incidents", columns, cells, on: sql)
    }

    /// A VALUES list, column1 the id; as many rows per statement as the binds allow.
    package func updateIncidents(
        _ rows: [IncidentRow], setting columns: [IncidentColumn], on driver: DriverStatement
    ) async throws {
        let sets = columns.enumerated().map { "\($1.name) = v.column\($0 + 2)" }.joined(separator: ", ")
        let tuple = "(" + Array(repeating: "?", count: columns.count + 1).joined(separator: ", ") + ")"
        let perStatement = Self.maxBinds / (columns.count + 1)
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let slice = rows[start..<min(start + perStatement, rows.count)]
            var binds: [Cell] = []
            binds.reserveCapacity(slice.count * (columns.count + 1))
            for row in slice {
                binds.append(row.id.cell)
                for column in columns { binds.append(row.cell(column)) }
            }
            let values = Array(repeating: tuple, count: slice.count).joined(separator: ", ")
            try await driver.run(
                "UPDATE incidents SET \(sets) FROM (VALUES \(values)) AS v WHERE incidents.id = v.column1", binds)
        }
    }

    // MARK: Searching

    /// The FTS5 index's keys are the register's; `instr` when the needle is too short for it.
    /// Times are stored as seconds since 1970.
    package func seconds(from start: String, to end: String) -> SQLQueryString {
        "CAST(ROUND(\(ident: end) - \(ident: start)) AS INTEGER)"
    }

    package func contains(_ needle: String) -> SQLQueryString {
        guard IncidentQuery.indexable(needle) else { return "instr(search_text, \(bind: needle)) > 0" }
        return
            "incidents.register_key IN (SELECT rowid FROM incident_search WHERE incident_search MATCH \(bind: IncidentQuery.ftsPhrase(needle)))"
    }

    /// The trigram index returns matches in no useful order, and SQLite's sort would carry
    /// every column of every match: sort their rowids alone, then read the page's rows.
    package func searchPage(
        needle: String, filtered: SQLQueryString, order: SQLQueryString, window: SQLQueryString
    ) -> SQLQueryString {
        guard IncidentQuery.indexable(needle) else {
            return "SELECT \(RegisterLine.columns) FROM incidents" + filtered + order + window
        }
        return "SELECT \(RegisterLine.columns) FROM incidents WHERE rowid IN (SELECT rowid FROM incidents"
            + filtered + order + window + ")" + order
    }

    /// FTS5 walks keys newest first; the join reads each incident and checks the needle
    /// itself (the walk matched trigrams) and the filter's conditions. Key bounds skip what
    /// lies outside the dates and cursor.
    package func searchWalk(
        _ filter: IncidentFilter, needle: String, exact: [SQLQueryString], count: Int
    ) -> SQLQueryString {
        let (lower, edge) = IncidentSearchWindow.bounds(filter)
        var walk: [SQLQueryString] = [
            "incident_search MATCH \(bind: IncidentSearchWindow.coveringTrigrams(needle))",
            "instr(incidents.search_text, \(bind: needle)) > 0",
        ]
        if let lower {
            walk.append("incident_search.rowid >= \(bind: Int(RegisterKey.first(ofMillisecond: lower)))")
        }
        if let edge {
            walk.append("incident_search.rowid < \(bind: Int(RegisterKey.first(ofMillisecond: edge + 1)))")
        }
        return "SELECT \(RegisterLine.columns) FROM incident_search "
            + "JOIN incidents ON incidents.register_key = incident_search.rowid WHERE "
            + (walk + exact).joined(separator: " AND ")
            + " ORDER BY incident_search.rowid DESC LIMIT \(literal: count)"
    }

    // MARK: Upkeep

    /// WAL lets readers run beside the writer; `synchronous=FULL` (SQLite's default, kept)
    /// syncs the log at every commit, so an acknowledged write survives a power cut too.
    package func prepare(_ sql: any SQLDatabase) async throws {
        try await sql.raw("PRAGMA journal_mode = WAL").run()
    }

    /// Every commit that files incidents adds a segment to FTS5's index (`SearchIndexUpkeep`).
    package var searchIndexHasSegments: Bool { true }

    package func mergeSearchIndex(on sql: any SQLDatabase) async throws {
        try await sql.raw("INSERT INTO incident_search(incident_search) VALUES ('optimize')").run()
    }
}
