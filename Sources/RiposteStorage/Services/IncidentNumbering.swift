import Foundation
import NIOConcurrencyHelpers
import RiposteCore
import SQLKit

/// Hands out register numbers: per year, never reused; how, is the engine's
/// (`StorageEngine.nextSequences`).
package final class IncidentNumbering: Sendable {
    package init() {}

    private let preparedYears = NIOLockedValueBox<Set<String>>([])

    /// Readies the year's numbers of the series, once per year and instance, outside any
    /// transaction.
    package func prepare(_ series: IncidentNumber.Series = .incident, year: Int, on sql: any SQLDatabase) async throws {
        let key = "\(series.rawValue)-\(year)"
        guard !preparedYears.withLockedValue({ $0.contains(key) }) else { return }
        try await sql.engine.prepareNumbers(series, year: year, on: sql)
        preparedYears.withLockedValue { _ = $0.insert(key) }
    }

    /// The next `count` numbers of the series, in order, inside the filing's transaction
    /// (after `prepare`).
    package func next(
        _ count: Int, _ series: IncidentNumber.Series = .incident, year: Int, on sql: any SQLDatabase
    ) async throws -> [IncidentNumber] {
        try await sql.engine.nextSequences(count, series, year: year, on: sql).map {
            IncidentNumber(series, year: year, sequence: $0)
        }
    }
}
