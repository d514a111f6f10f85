import Foundation
import RiposteCore
import SQLKit

/// SQLite: a text search's page read newest first from the trigram index, which numbers
/// incidents by their `RegisterKey` (see `KeySearchIndexByRegisterOrder`).
///
/// FTS5 walks a word's matches in key order and stops, so the index hands back the page's
/// candidates (see `coveringTrigrams`), and a few more, without the others. Keys order
/// incidents by millisecond, not by id within one: the matches of the oldest millisecond the
/// walk reached may be cut short, so only the milliseconds it read whole make the page,
/// sorted exactly as the register is. When they are too few (many matches in one
/// millisecond, or a cursor's millisecond half shown already), the page is read again from
/// every match of the millisecond it ends in. A word in 1 % of 100,000 incidents: 59 rows
/// read instead of 1,100.
///
/// Only the text, dates and cursor narrow the page: they bound keys. A search that also
/// filters by status, severity, type or reporter goes the general way (`IncidentQuery`).
enum IncidentSearchWindow {
    static func serves(_ filter: IncidentFilter) -> Bool {
        filter.status == nil && filter.severity == nil && filter.type == nil && filter.reporterOnly == nil
            && !filter.bySeverity
    }

    /// Matches walked past the page's: enough to finish the millisecond it ends in, unless
    /// more than this many incidents matching the search share it.
    static let overreach = 8

    /// The page's rows, `limit + 1` at most, for `phrase` (an FTS5 string). `exact` holds
    /// the dates' and cursor's conditions on `incidents`.
    static func rows(
        _ filter: IncidentFilter, needle: String, exact: [SQLQueryString], on database: any SQLDatabase
    ) async throws -> [IncidentRow] {
        let take = filter.limit + 1
        let (lower, edge) = bounds(filter)
        var walk: [SQLQueryString] = ["incident_search MATCH \(bind: coveringTrigrams(needle))"]
        if let lower { walk.append("rowid >= \(bind: Int(lower))") }
        if let edge { walk.append("rowid < \(bind: Int(RegisterKey.first(ofMillisecond: edge + 1)))") }
        // The keys come back as one text of digits, and go back as literals: as rows and
        // binds, each of 59 keys cost more than its lookup.
        let walked = try await database.raw(
            "SELECT group_concat(rowid) AS keys FROM (SELECT rowid FROM incident_search WHERE "
                + walk.joined(separator: " AND ") + " ORDER BY rowid DESC LIMIT \(literal: take + overreach))"
        ).first()?.decode(column: "keys", as: String?.self)
        let keys = walked?.split(separator: ",").compactMap { Int64($0) } ?? []
        guard let last = keys.min() else { return [] }
        let walkedAll = keys.count < take + overreach
        let whole =
            walkedAll ? keys : keys.filter { RegisterKey.millisecond(of: $0) > RegisterKey.millisecond(of: last) }
        var rows: [IncidentRow] = []
        if !whole.isEmpty {
            let literals = whole.map(String.init).joined(separator: ", ")
            rows = try await IncidentRow.fetch(
                "SELECT \(IncidentRow.columns) FROM incidents WHERE "
                    + (["register_key IN (\(unsafeRaw: literals))", "instr(search_text, \(bind: needle)) > 0"]
                    + exact).joined(separator: " AND ")
                    + " ORDER BY reported_at DESC, id DESC LIMIT \(literal: take)", on: database)
        }
        if walkedAll || rows.count == take { return rows }
        let phrase = IncidentQuery.ftsPhrase(needle)
        return try await IncidentRow.fetch(query(filter, phrase: phrase, exact: exact), on: database)
    }

    /// Trigrams that cover every character of `needle` (the first of every three, and the
    /// last), ANDed: an incident holding the needle holds them all, and few others do. The
    /// walk seeks each trigram in every segment of the index, and a phrase seeks all of them:
    /// "ransomware" is 4 trigrams instead of 8, 0.19 ms instead of 0.35 on 100,000 incidents.
    /// The rows read are then checked for the needle itself.
    static func coveringTrigrams(_ needle: String) -> String {
        let characters = Array(needle.unicodeScalars)
        var starts = Array(stride(from: 0, to: characters.count - 2, by: 3))
        if let last = starts.last, last != characters.count - 3 { starts.append(characters.count - 3) }
        return starts.map { start in
            var trigram = String.UnicodeScalarView()
            trigram.append(contentsOf: characters[start..<start + 3])
            return IncidentQuery.ftsPhrase(String(trigram))
        }.joined(separator: " AND ")
    }

    /// Keys at or above `lower` and, for `edge`, the newest millisecond the page may reach into
    /// but not wholly: the cursor's, whose newer half was on earlier pages, or the end date's,
    /// whose later half is excluded.
    private static func bounds(_ filter: IncidentFilter) -> (lower: Int64?, edge: Int64?) {
        let lower = filter.from.map { RegisterKey.first(ofMillisecond: JournalClock.milliseconds($0)) }
        let edges = [filter.after?.reportedAtMilliseconds, filter.to.map(JournalClock.milliseconds)]
        return (lower, edges.compactMap { $0 }.min())
    }

    /// The page read in one statement from every match of the millisecond it ends in: the
    /// index finds the page's last match (the `limit + 1`th), looked for strictly before the
    /// edge's millisecond, among incidents that all belong on the page; otherwise a page could
    /// come back short.
    static func query(_ filter: IncidentFilter, phrase: String, exact: [SQLQueryString]) -> SQLQueryString {
        let take = filter.limit + 1
        let (lower, edge) = bounds(filter)

        var bounds: [SQLQueryString] = []
        if let lower { bounds.append("rowid >= \(bind: Int(lower))") }
        if let edge { bounds.append("rowid < \(bind: Int(RegisterKey.first(ofMillisecond: edge)))") }
        let last: SQLQueryString =
            "(SELECT rowid FROM incident_search WHERE "
            + (["incident_search MATCH \(bind: phrase)"] + bounds).joined(separator: " AND ")
            + " ORDER BY rowid DESC LIMIT 1 OFFSET \(literal: take - 1))"

        let bits = RegisterKey.sequenceBits
        var window: [SQLQueryString] = [
            "incident_search MATCH \(bind: phrase)",
            "rowid >= coalesce((" + last + " >> \(literal: bits)) << \(literal: bits), \(bind: Int(lower ?? .min)))",
        ]
        if let edge { window.append("rowid < \(bind: Int(RegisterKey.first(ofMillisecond: edge + 1)))") }

        let matches: SQLQueryString =
            "register_key IN (SELECT rowid FROM incident_search WHERE " + window.joined(separator: " AND ") + ")"
        return "SELECT \(IncidentRow.columns) FROM incidents WHERE "
            + ([matches] + exact).joined(separator: " AND ")
            + " ORDER BY reported_at DESC, id DESC LIMIT \(literal: take)"
    }
}
