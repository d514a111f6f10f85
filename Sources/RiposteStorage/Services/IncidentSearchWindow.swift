import Foundation
import RiposteCore
import SQLKit

/// A text search's page read from an index that hands back matches newest first and stops:
/// SQLite's trigram index numbered by `RegisterKey` (see `KeySearchIndexByRegisterOrder`),
/// PostgreSQL's GiST index walked by distance from a far future (see
/// `SearchNewestFirstByDistance`).
///
/// One statement walks the index and reads the rows of the page's matches and a few more,
/// those that pass every condition. Both indexes order incidents by millisecond, not by id
/// within one: the matches of the oldest millisecond the walk reached may be cut short, so
/// only the milliseconds it read whole make the page, sorted exactly as the register is. When
/// they are too few (more matches in one millisecond than the walk goes past), the general
/// way reads the page (`IncidentQuery`). A common word reads a page's worth of rows instead
/// of every match (bench/README.md, "Search").
///
/// Only the text, dates and cursor narrow the page. A search that also filters by status,
/// severity, type, reporter or person involved goes the general way.
package enum IncidentSearchWindow {
    package static func serves(_ filter: IncidentFilter) -> Bool {
        filter.status == nil && filter.severity == nil && filter.type == nil && filter.reporterOnly == nil
            && filter.involving == nil && !filter.openOnly && !filter.breached && !filter.openObligations
            && !filter.bySeverity
    }

    /// Matches walked past the page's: enough to finish the millisecond it ends in, unless
    /// more than this many incidents matching the search share it.
    package static let overreach = 4

    /// The page's rows, `limit + 1` at most, or nil when the general way must read them.
    /// `exact` holds the dates' and cursor's conditions on `incidents`.
    package static func rows(
        _ filter: IncidentFilter, needle: String, exact: [SQLQueryString], on database: any SQLDatabase
    ) async throws -> [RegisterLine]? {
        let take = filter.limit + 1
        let count = take + overreach
        let walk = database.engine.searchWalk(filter, needle: needle, exact: exact, count: count)
        let walked = try await RegisterLine.fetch(walk, on: database)
        guard walked.count == count else { return Array(walked.sorted(by: registerOrder).prefix(take)) }
        let oldest = walked.map { JournalClock.milliseconds($0.reportedAt) }.min() ?? 0
        let whole = walked.filter { JournalClock.milliseconds($0.reportedAt) > oldest }
        guard whole.count >= take else { return nil }
        return Array(whole.sorted(by: registerOrder).prefix(take))
    }

    /// Newest first, then by id, descending, as both engines compare ids: PostgreSQL by their
    /// bytes, SQLite by their text, which sorts the same.
    package static func registerOrder(_ first: RegisterLine, _ second: RegisterLine) -> Bool {
        if first.reportedAt != second.reportedAt { return first.reportedAt > second.reportedAt }
        return withUnsafeBytes(of: second.id.uuid) { smaller in
            withUnsafeBytes(of: first.id.uuid) { smaller.lexicographicallyPrecedes($0) }
        }
    }

    /// Trigrams that cover every character of `needle` (the first of every three, and the
    /// last), ANDed: an incident holding the needle holds them all, and few others do. The
    /// walk seeks each trigram in every segment of the index, and a phrase seeks all of them:
    /// "ransomware" is 4 trigrams instead of 8, half the seeks.
    /// The rows read are then checked for the needle itself.
    package static func coveringTrigrams(_ needle: String) -> String {
        let characters = Array(needle.unicodeScalars)
        var starts = Array(stride(from: 0, to: characters.count - 2, by: 3))
        if let last = starts.last, last != characters.count - 3 { starts.append(characters.count - 3) }
        return starts.map { start in
            var trigram = String.UnicodeScalarView()
            trigram.append(contentsOf: characters[start..<start + 3])
            return IncidentQuery.ftsPhrase(String(trigram))
        }.joined(separator: " AND ")
    }

    /// The oldest millisecond the page may reach and, for `edge`, the newest it may reach into
    /// but not wholly: the cursor's, whose newer half was on earlier pages, or the end date's,
    /// whose later half is excluded.
    static func bounds(_ filter: IncidentFilter) -> (lower: Int64?, edge: Int64?) {
        let lower = filter.from.map(JournalClock.milliseconds)
        let edges = [filter.after?.reportedAtMilliseconds, filter.to.map(JournalClock.milliseconds)]
        return (lower, edges.compactMap { $0 }.min())
    }
}
