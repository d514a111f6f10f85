import FluentKit
import FluentSQL
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// SQLite: keeps the search index in one piece.
///
/// Every commit that files incidents adds a small segment to FTS5's index, and FTS5 merges
/// them only level by level: after many filings the index holds many segments, and a search
/// seeks each of its trigrams in every one. Merged into one ('optimize'), searches run faster
/// (bench/README.md gives the figures).
///
/// The merge rewrites the whole index in one write transaction, during which filings and
/// changes wait. So it runs only after `filings` new incidents, once
/// the register has been quiet for `quiet` (no filing in that time), through the write gate.
/// A server starts as if due: what happened before it is unknown.
package final class SearchIndexUpkeep: Sendable {
    package static let filings = 64
    package static let quiet: TimeInterval = 2

    private struct State {
        var filedSinceMerge = SearchIndexUpkeep.filings
        var lastFiling = Date.distantPast
    }

    private let state = NIOLockedValueBox(State())

    package func filed(at now: Date) {
        state.withLockedValue {
            $0.filedSinceMerge += 1
            $0.lastFiling = max($0.lastFiling, now)
        }
    }

    /// Merges the index when it is due; whether it did.
    package func mergeIfDue(at now: Date, gate: WriteGate, on database: any Database) async throws -> Bool {
        guard try database.sql().engine.searchIndexHasSegments else { return false }
        let due = state.withLockedValue { state -> Bool in
            guard state.filedSinceMerge >= Self.filings, now.timeIntervalSince(state.lastFiling) >= Self.quiet
            else { return false }
            // Filings during the merge count towards the next one.
            state.filedSinceMerge = 0
            return true
        }
        guard due else { return false }
        do {
            try await gate.transaction(on: database) { tx in
                let sql = try tx.sql()
                try await sql.engine.mergeSearchIndex(on: sql)
            }
        } catch {
            state.withLockedValue { $0.filedSinceMerge += Self.filings }
            throw error
        }
        return true
    }
}
