import Foundation
import RiposteCore
import SQLKit

/// Filters of the register list, already checked.
package struct IncidentFilter: Sendable {
    package var status: IncidentStatus?
    package var severity: Severity?
    package var type: String?
    package var text: String?
    package var from: Date?
    package var to: Date?
    package var reporterOnly: UUID?
    /// Those this person owns or is a member of the response team of ("my incidents", #16).
    package var involving: UUID?
    /// Open incidents only (`IncidentStatus.isOpen`).
    package var openOnly = false
    /// Those that missed a deadline: an escalation was made (#16 point 3).
    package var breached = false
    /// Those with a deadline of the law still open (#17).
    package var openObligations = false
    /// Real incidents only (the register's default, its exports and figures), exercises only
    /// (its filter), or both (a person's own work on the dashboard) (#20).
    package var exercises = ExerciseFilter.excluded
    package var limit = 50
    package var after: IncidentCursor?
    /// Most severe first (the register page's other order); paged by offset, not by cursor.
    package var bySeverity = false
    package var offset = 0

    package init(
        status: IncidentStatus? = nil, severity: Severity? = nil, type: String? = nil, text: String? = nil,
        from: Date? = nil, to: Date? = nil, reporterOnly: UUID? = nil, involving: UUID? = nil, openOnly: Bool = false,
        limit: Int = 50, after: IncidentCursor? = nil, bySeverity: Bool = false, offset: Int = 0
    ) {
        self.status = status
        self.severity = severity
        self.type = type
        self.text = text
        self.from = from
        self.to = to
        self.reporterOnly = reporterOnly
        self.involving = involving
        self.openOnly = openOnly
        self.limit = limit
        self.after = after
        self.bySeverity = bySeverity
        self.offset = offset
    }
}

extension IncidentFilter {
    /// What a person asked of the register, as checked by the core.
    package init(_ criteria: RegisterCriteria) {
        self.init(
            status: criteria.status, severity: criteria.severity, type: criteria.type, text: criteria.text,
            from: criteria.from, to: criteria.to)
    }
}

/// Which incidents a list holds, drills or real ones.
package enum ExerciseFilter: Sendable {
    case excluded, only, included
}

/// Keyset position in the newest-first order: stable while incidents are added.
package struct IncidentCursor: Sendable, Equatable {
    package let reportedAtMilliseconds: Int64
    package let id: UUID

    package var token: String {
        Data("\(reportedAtMilliseconds)_\(id.uuidString)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    package init(reportedAtMilliseconds: Int64, id: UUID) {
        self.reportedAtMilliseconds = reportedAtMilliseconds
        self.id = id
    }

    package init?(token: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard token.count <= 80, let data = Data(base64Encoded: base64) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: "_")
        guard parts.count == 2, let ms = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
            return nil
        }
        self.init(reportedAtMilliseconds: ms, id: id)
    }
}

package enum IncidentQuery {
    /// The core's order of severities, as SQL: unqualified incidents (no severity) come last.
    package static let severityRank =
        "CASE severity "
        + Severity.allCases.map { "WHEN '\($0.rawValue)' THEN \($0.rank + 1)" }.joined(separator: " ") + " ELSE 0 END"

    /// One page, newest first, plus the cursor of the next one. Every filter is served
    /// by an index on (filter, reported_at, id) or walks reported_at, newest first.
    package static func page(
        _ filter: IncidentFilter, on database: any SQLDatabase
    ) async throws -> (
        [RegisterLine], IncidentCursor?
    ) {
        let needle = filter.text.map(SearchText.fold)
        var conditions = exactConditions(filter)
        if let needle, indexable(needle), IncidentSearchWindow.serves(filter),
            let rows = try await IncidentSearchWindow.rows(filter, needle: needle, exact: conditions, on: database)
        {
            return page(of: rows, limit: filter.limit)
        }
        if let needle { conditions.append(database.engine.contains(needle)) }
        let order: SQLQueryString =
            filter.bySeverity
            ? " ORDER BY \(unsafeRaw: severityRank) DESC, reported_at DESC, id DESC"
            : " ORDER BY reported_at DESC, id DESC"
        var window: SQLQueryString = " LIMIT \(literal: filter.limit + 1)"
        if filter.bySeverity { window += " OFFSET \(literal: filter.offset)" }
        let filtered: SQLQueryString = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let query =
            needle.map { database.engine.searchPage(needle: $0, filtered: filtered, order: order, window: window) }
            ?? "SELECT \(RegisterLine.columns) FROM incidents" + filtered + order + window
        return page(of: try await RegisterLine.fetch(query, on: database), limit: filter.limit)
    }

    /// The filter's conditions but the text's, which each path looks up its own way.
    static func exactConditions(_ filter: IncidentFilter) -> [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if let status = filter.status { conditions.append("status = \(bind: status.rawValue)") }
        if let severity = filter.severity { conditions.append("severity = \(bind: severity.rawValue)") }
        if let type = filter.type { conditions.append("type = \(bind: type)") }
        if let from = filter.from { conditions.append("reported_at >= \(bind: from)") }
        if let to = filter.to { conditions.append("reported_at <= \(bind: to)") }
        if let reporter = filter.reporterOnly { conditions.append("reporter_id = \(bind: reporter)") }
        if let person = filter.involving {
            conditions.append(
                "(owner_id = \(bind: person) OR id IN (SELECT incident_id FROM incident_members WHERE user_id = \(bind: person)))"
            )
        }
        if filter.openOnly {
            conditions.append("status IN (\(binds: IncidentStatus.allCases.filter(\.isOpen).map(\.rawValue)))")
        }
        // A reminder of the review after closing is no missed deadline of the handling.
        if filter.breached {
            conditions.append(
                "escalated_keys <> '' AND escalated_keys <> \(bind: Escalation.Kind.reviewOverdue.rawValue)")
        }
        switch filter.exercises {
        case .excluded: conditions.append("exercise IS NULL")
        case .only: conditions.append("exercise IS NOT NULL")
        case .included: break
        }
        if filter.openObligations {
            conditions.append(
                "id IN (SELECT incident_id FROM incident_assessments WHERE open_obligations = \(bind: true))")
        }
        if let after = filter.after, !filter.bySeverity {
            let at = Date(timeIntervalSince1970: Double(after.reportedAtMilliseconds) / 1000)
            conditions.append("(reported_at < \(bind: at) OR (reported_at = \(bind: at) AND id < \(bind: after.id)))")
        }
        return conditions
    }

    /// Whole incidents for the register's export, newest first, a batch at a time after
    /// `filter.after`: each batch is one statement, so an export of any size holds one batch.
    package static func exportBatch(
        _ filter: IncidentFilter, on database: any SQLDatabase
    ) async throws -> [IncidentRow] {
        var conditions = exactConditions(filter)
        if let needle = filter.text.map(SearchText.fold) { conditions.append(database.engine.contains(needle)) }
        let filtered: SQLQueryString = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try await IncidentRow.fetch(
            "SELECT \(IncidentRow.columns) FROM incidents" + filtered
                + " ORDER BY reported_at DESC, id DESC LIMIT \(literal: filter.limit)", on: database)
    }

    /// The first `limit` rows, and a cursor after them when more were read.
    private static func page(of rows: [RegisterLine], limit: Int) -> ([RegisterLine], IncidentCursor?) {
        let page = Array(rows.prefix(limit))
        guard rows.count > limit, let last = page.last else { return (page, nil) }
        return (page, IncidentCursor(reportedAtMilliseconds: JournalClock.milliseconds(last.reportedAt), id: last.id))
    }

    /// A trigram index can answer a needle of three characters or more.
    package static func indexable(_ needle: String) -> Bool { needle.unicodeScalars.count >= 3 }

    /// An FTS5 string: quoted, with its own quotes doubled.
    package static func ftsPhrase(_ needle: String) -> String {
        "\"" + needle.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension IncidentQuery {
    /// The actions taken (§4.2 "actions prises") of each incident: its latest `count`, newest
    /// first, and how many it holds in all; one statement for the page.
    package static func latestActions(
        _ ids: [UUID], count: Int, on sql: any SQLDatabase
    ) async throws -> [UUID: (latest: [String], total: Int)] {
        guard !ids.isEmpty else { return [:] }
        var actions: [UUID: (latest: [String], total: Int)] = [:]
        for row in try await sql.raw(
            """
            SELECT incident_id, text, total FROM (SELECT incident_id, text, sequence, \
            ROW_NUMBER() OVER (PARTITION BY incident_id ORDER BY sequence DESC) AS rank, \
            COUNT(*) OVER (PARTITION BY incident_id) AS total \
            FROM journal_entries WHERE kind = 'action' AND incident_id IN (\(binds: ids))) AS ranked \
            WHERE rank <= \(literal: count) ORDER BY incident_id, rank
            """
        ).all() {
            let id = try row.decode(column: "incident_id", as: UUID.self)
            let total = try row.decode(column: "total", as: Int.self)
            actions[id, default: ([], total)].latest.append(try row.decode(column: "text", as: String.self))
        }
        return actions
    }

    /// Every incident's id and number, by number, a page at a time.
    package static func numbers(
        after last: String?, limit: Int, on sql: any SQLDatabase
    ) async throws -> [(id: UUID, number: String)] {
        var query: SQLQueryString = "SELECT id, number FROM incidents"
        if let last { query += " WHERE number > \(bind: last)" }
        query += " ORDER BY number LIMIT \(literal: limit)"
        return try await sql.raw(query).all().map {
            (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "number", as: String.self))
        }
    }
}
