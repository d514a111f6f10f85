import Foundation
import RiposteCore
import SQLKit

/// Everything that differs between the two databases Riposte runs on, each difference once:
/// `SQLiteEngine` and `PostgresEngine` answer it, the rest of storage asks `sql.engine` and
/// never the dialect's name. What is written here holds on both.
package protocol StorageEngine: Sendable {
    // MARK: Locks

    /// Ends a claim's SELECT: locks what it reads and skips what another transaction holds,
    /// so several instances never take the same row.
    var skipLocked: SQLQueryString { get }

    /// Ends a read whose rows the same transaction writes next: locks them until it ends.
    var forUpdate: SQLQueryString { get }

    // MARK: The sweep

    /// The incidents whose next deadline has passed at `now`, soonest first, read through an
    /// index so that the cost follows what is due, not the register. `reporter`: only the
    /// incidents this person reported. `lock`: lock the incidents read, skipping those
    /// another transaction holds.
    func dueIncidents(at now: Date, reporter: UUID?, limit: Int?, lock: Bool) -> SQLQueryString

    /// How many of the `asked` sweepers may drain the due incidents at once.
    func sweepers(asked: Int) -> Int

    // MARK: Numbering

    /// Readies the year's numbers of a series, outside any transaction.
    func prepareNumbers(_ series: IncidentNumber.Series, year: Int, on sql: any SQLDatabase) async throws

    /// The next `count` sequence numbers of the series' year, in order, inside the filing's
    /// transaction.
    func nextSequences(
        _ count: Int, _ series: IncidentNumber.Series, year: Int, on sql: any SQLDatabase
    ) async throws -> [Int]

    // MARK: Writing rows

    /// Inserts rows in as few statements as the engine's limits on binds allow.
    func insert(
        _ table: String, _ columns: [String], _ rows: [[any CellValue]], on driver: DriverStatement)
        async throws

    /// Files new incidents, with their folded search text.
    func insertIncidents(_ rows: [IncidentRow], on sql: any SQLDatabase) async throws

    /// Sets `columns` of each incident to the row's values, in one statement per batch.
    func updateIncidents(
        _ rows: [IncidentRow], setting columns: [IncidentColumn], on driver: DriverStatement)
        async throws

    // MARK: Searching

    /// A substring test of the folded text; served by the trigram index when the needle has
    /// the three characters a trigram needs (`IncidentQuery.indexable`).
    func contains(_ needle: String) -> SQLQueryString

    /// A page of the register that holds `needle`: `filtered` is its WHERE clause (the
    /// needle's `contains` among the conditions), `order` and `window` the page's order and size.
    func searchPage(
        needle: String, filtered: SQLQueryString, order: SQLQueryString, window: SQLQueryString
    )
        -> SQLQueryString

    /// The walk of `IncidentSearchWindow`: `count` matches of the needle, newest first, that
    /// pass `exact` and the filter's dates and cursor.
    func searchWalk(
        _ filter: IncidentFilter, needle: String, exact: [SQLQueryString], count: Int
    )
        -> SQLQueryString

    // MARK: Reckoning

    /// The seconds between two timestamp columns, `end` less `start`, rounded to the nearest.
    func seconds(from start: String, to end: String) -> SQLQueryString

    // MARK: Upkeep

    /// What the database needs before Riposte serves.
    func prepare(_ sql: any SQLDatabase) async throws

    /// Whether the search index grows in segments that `mergeSearchIndex` joins.
    var searchIndexHasSegments: Bool { get }

    /// Joins the search index's segments into one, in a write transaction.
    func mergeSearchIndex(on sql: any SQLDatabase) async throws
}

extension SQLDatabase {
    /// The engine this database runs on.
    package var engine: any StorageEngine {
        dialect.name == "postgresql" ? PostgresEngine() : SQLiteEngine()
    }
}
