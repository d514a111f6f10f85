import Foundation
import NIOConcurrencyHelpers
import RiposteCore
import SQLKit

/// Hands out register numbers: per year, never reused.
///
/// SQLite: a counter row per year, incremented inside the filing transaction (writes are
/// serial anyway), so a failed filing gives its number back.
///
/// PostgreSQL: a sequence per year. A counter row would be locked from the increment to the
/// commit, putting every filing in single file behind the previous one's WAL flush; a
/// sequence is never locked and never goes back, even after a crash. The price: a filing
/// that fails after taking its number leaves a gap.
package final class IncidentNumbering: Sendable {
    package init() {}

    private let knownSequences = NIOLockedValueBox<Set<Int>>([])

    /// Makes sure the year's sequence exists, outside any transaction: on PostgreSQL a
    /// failed statement would abort the filing's transaction.
    package func prepare(year: Int, on sql: any SQLDatabase) async throws {
        guard sql.dialect.name != "sqlite", !knownSequences.withLockedValue({ $0.contains(year) }) else { return }
        try await Self.createSequence(Self.sequenceName(year), on: sql)
        knownSequences.withLockedValue { _ = $0.insert(year) }
    }

    /// The next `count` numbers, in order, inside the filing's transaction (after `prepare`).
    package func next(_ count: Int, year: Int, on sql: any SQLDatabase) async throws -> [IncidentNumber] {
        let sequences =
            sql.dialect.name == "sqlite"
            ? try await nextFromCounter(count, year: year, on: sql)
            : try await nextFromSequence(count, year: year, on: sql)
        return sequences.map { IncidentNumber(year: year, sequence: $0) }
    }

    private func nextFromCounter(_ count: Int, year: Int, on sql: any SQLDatabase) async throws -> [Int] {
        guard
            let row = try await sql.raw(
                """
                INSERT INTO incident_counters (year, last_sequence) VALUES (\(bind: year), \(bind: count)) \
                ON CONFLICT (year) DO UPDATE SET last_sequence = incident_counters.last_sequence + \(bind: count) \
                RETURNING last_sequence
                """
            ).first()
        else { throw StorageFault.counterMissing(year: year) }
        let last = try row.decode(column: "last_sequence", as: Int.self)
        return Array(last - count + 1...last)
    }

    private func nextFromSequence(_ count: Int, year: Int, on sql: any SQLDatabase) async throws -> [Int] {
        let name = Self.sequenceName(year)
        let rows = try await sql.raw(
            "SELECT nextval(\(bind: name)::regclass) AS value FROM generate_series(1, \(bind: count))"
        ).all()
        guard rows.count == count else {
            throw StorageFault.sequenceMissing(year: year)
        }
        return try rows.map { try $0.decode(column: "value", as: Int.self) }.sorted()
    }

    package static func sequenceName(_ year: Int) -> String { "incident_number_\(year)" }

    /// Two instances may create the same year's sequence at once; the loser's error is
    /// harmless once the sequence exists.
    private static func createSequence(_ name: String, on sql: any SQLDatabase) async throws {
        do {
            try await sql.raw("CREATE SEQUENCE IF NOT EXISTS \(ident: name)").run()
        } catch {
            let exists = try await sql.raw("SELECT to_regclass(\(bind: name))::text AS name").first()
            guard let exists, (try? exists.decode(column: "name", as: String?.self)) != nil else { throw error }
        }
    }
}
