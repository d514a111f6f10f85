import Foundation
import RiposteCore
import RiposteStorage
import SQLKit

/// The register page's model (§4.2 "Enregistrement des incidents"): what its query asks for,
/// read with the API's rules, and what it shows, read through the stores in two statements (a
/// test counts them): a page of incidents, newest or most severe first, and the latest actions
/// each records.
struct RegisterPageData: Sendable {
    /// The page's query: the filter to read with, the fields as typed (shown back), and what
    /// could not be read (named on the page, not searched for).
    struct Query: Sendable {
        /// The fields of the form as the person typed them (never a NUL).
        struct Shown: Encodable, Sendable {
            var q = ""
            var type = ""
            var from = ""
            var to = ""
            var sort = "date"
            var mine = false
            var breached = false
            var obligations = false
            var exercises = false
        }

        var filter: IncidentFilter
        let shown: Shown
        let problems: [FieldError]
        /// The query's own fields, to carry to the next page.
        let carried: [URLQueryItem]

        /// `value` gives a field's trimmed text, nil when empty; `day` reads a day of the
        /// person's calendar. Someone who may not browse the register sees their reports only.
        init(value: (String) -> String?, day: (String) -> Date?, viewer: ActingPerson) {
            // Days, the last one whole.
            let (criteria, problems) = RegisterCriteria.read(value) { field, text in
                day(text).map { field == "to" ? $0.addingTimeInterval(86_400 - 0.001) : $0 }
            }
            var filter = IncidentFilter(criteria)
            func typed(_ name: String) -> String { value(name)?.replacingOccurrences(of: "\u{0}", with: "") ?? "" }
            shown = Shown(
                q: typed("q"), type: typed("type"), from: typed("from"), to: typed("to"),
                sort: value("sort") == "severity" ? "severity" : "date", mine: value("mine") == "1",
                breached: value("breached") == "1", obligations: value("obligations") == "1",
                exercises: value("exercises") == "1")
            if shown.exercises { filter.exercises = .only }
            if shown.mine { filter.involving = viewer.id }
            filter.breached = shown.breached
            // The law's side is the handlers' only: a reporter's page ignores the filter.
            filter.openObligations = shown.obligations && viewer.can(.viewRegister)
            if shown.sort == "severity" {
                filter.bySeverity = true
                filter.offset = max(0, min(Int(value("page") ?? "0") ?? 0, 10_000)) * filter.limit
            } else if let raw = value("cursor") {
                filter.after = IncidentCursor(token: raw)
            }
            if !viewer.can(.viewRegister) { filter.reporterOnly = viewer.id }
            self.filter = filter
            self.problems = problems
            carried = [
                "status", "severity", "type", "q", "from", "to", "sort", "mine", "breached", "obligations", "exercises",
            ]
            .compactMap { name in
                value(name).map { URLQueryItem(name: name, value: $0) }
            }
        }
    }

    let rows: [RegisterLine]
    let cursor: IncidentCursor?
    /// Each incident's latest actions taken, newest first, and how many in all.
    let actions: [UUID: (latest: [String], total: Int)]

    /// A reporter (`filter.reporterOnly`) reads their reports' lines, not the handlers' actions.
    static func load(_ query: Query, on sql: any SQLDatabase) async throws -> RegisterPageData {
        let (rows, cursor) = try await IncidentQuery.page(query.filter, on: sql)
        let actions =
            query.filter.reporterOnly == nil
            ? try await IncidentQuery.latestActions(rows.map(\.id), count: 3, on: sql) : [:]
        return RegisterPageData(rows: rows, cursor: cursor, actions: actions)
    }

    /// The link to the next page, when there is one: by offset in severity order, by cursor
    /// in date order.
    func next(_ query: Query) -> Route? {
        guard let cursor else { return nil }
        var items = query.carried
        if query.filter.bySeverity {
            items.append(URLQueryItem(name: "page", value: String(query.filter.offset / query.filter.limit + 1)))
        } else {
            items.append(URLQueryItem(name: "cursor", value: cursor.token))
        }
        return .register(items)
    }
}
