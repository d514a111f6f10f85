import Foundation
import NIOConcurrencyHelpers
import RiposteCore
import SQLKit

/// Hands out register numbers: per year, never reused; how, is the engine's
/// (`StorageEngine.nextSequences`).
package final class IncidentNumbering: Sendable {
    package init() {}

    private let preparedYears = NIOLockedValueBox<Set<Int>>([])

    /// Readies the year's numbers, once per year and instance, outside any transaction.
    package func prepare(year: Int, on sql: any SQLDatabase) async throws {
        guard !preparedYears.withLockedValue({ $0.contains(year) }) else { return }
        try await sql.engine.prepareNumbers(year: year, on: sql)
        preparedYears.withLockedValue { _ = $0.insert(year) }
    }

    /// The next `count` numbers, in order, inside the filing's transaction (after `prepare`).
    package func next(_ count: Int, year: Int, on sql: any SQLDatabase) async throws -> [IncidentNumber] {
        try await sql.engine.nextSequences(count, year: year, on: sql).map {
            IncidentNumber(year: year, sequence: $0)
        }
    }
}
