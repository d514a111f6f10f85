import Foundation
import RiposteCore
import SQLKit
import Vapor

/// `/incidents`: the register of §4.2 (number, date, type, short description, team,
/// details, actions), filtered, searched, by pages, newest or most severe first.
struct RegisterController {
    struct Page: Encodable {
        struct Filters: Encodable {
            var q = ""
            var type = ""
            var from = ""
            var to = ""
            var sort = "date"
        }

        struct Row: Encodable {
            let number: String
            let reportedAt: String
            let type: String
            let title: String
            let severity: String?
            let status: String
            let team: String
            let details: String
            let actions: Int
        }

        let page: PageFrame
        let filters: Filters
        let statuses: [PageFrame.Option]
        let severities: [PageFrame.Option]
        let rows: [Row]
        let next: String?
    }

    func show(_ req: Request) async throws -> Response {
        let user = try req.actingPerson
        var filter = IncidentFilter()
        var shown = Page.Filters()
        var problems: [String] = []
        func value(_ name: String) -> String? {
            guard let raw = req.query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty
            else { return nil }
            return raw
        }
        if let raw = value("status") {
            if let status = IncidentStatus(rawValue: raw) { filter.status = status } else { problems.append("status") }
        }
        if let raw = value("severity") {
            if let severity = Severity(rawValue: raw) {
                filter.severity = severity
            } else {
                problems.append("severity")
            }
        }
        // The API's rules for text (length, no NUL): a bad one is named, not searched for.
        if let raw = value("type") {
            shown.type = raw.replacingOccurrences(of: "\u{0}", with: "")
            do { filter.type = try TextRule.optional(raw, field: "type", max: FieldLimits.type) } catch {
                problems.append("type")
            }
        }
        if let raw = value("q") {
            shown.q = raw.replacingOccurrences(of: "\u{0}", with: "")
            do { filter.text = try TextRule.optional(raw, field: "q", max: FieldLimits.searchQuery) } catch {
                problems.append("q")
            }
        }
        if let raw = value("from") {
            shown.from = raw
            if let day = req.parseDay(raw) { filter.from = day } else { problems.append("from") }
        }
        if let raw = value("to") {
            shown.to = raw
            // Inclusive: the whole of that day.
            if let day = req.parseDay(raw) {
                filter.to = day.addingTimeInterval(86_400 - 0.001)
            } else {
                problems.append("to")
            }
        }
        if value("sort") == "severity" {
            shown.sort = "severity"
            filter.bySeverity = true
            filter.offset = max(0, min(Int(value("page") ?? "0") ?? 0, 10_000)) * filter.limit
        } else if let raw = value("cursor") {
            filter.after = IncidentCursor(token: raw)
        }
        if !user.can(.viewRegister) { filter.reporterOnly = user.id }
        let sql = try req.registerSQL
        let (rows, cursor) = try await IncidentQuery.page(filter, on: sql)
        let actions = try await actionCounts(rows.map(\.id), on: sql)
        var next: String?
        if cursor != nil {
            var components = URLComponents()
            components.path = "/incidents"
            var items = ["status", "severity", "type", "q", "from", "to", "sort"].compactMap { name in
                value(name).map { URLQueryItem(name: name, value: $0) }
            }
            if filter.bySeverity {
                items.append(URLQueryItem(name: "page", value: String(filter.offset / filter.limit + 1)))
            } else if let cursor {
                items.append(URLQueryItem(name: "cursor", value: cursor.token))
            }
            components.queryItems = items
            next = components.string
        }
        let alert = problems.isEmpty ? nil : req.t("register.badFilter", problems.joined(separator: ", "))
        let page = Page(
            page: try await req.frame("register.title", alert: alert), filters: shown,
            statuses: req.options(IncidentStatus.allCases, selected: filter.status),
            severities: req.options(Severity.allCases, selected: filter.severity),
            rows: rows.map { row in
                Page.Row(
                    number: row.number, reportedAt: req.display(row.reportedAt), type: row.type ?? "",
                    title: row.title, severity: row.severity, status: row.status, team: row.team ?? "",
                    details: row.description.count > 280 ? String(row.description.prefix(280)) + "…" : row.description,
                    actions: actions[row.id] ?? 0)
            }, next: next)
        let response = try await req.view.render("register", page).encodeResponse(for: req)
        if !problems.isEmpty { response.status = .badRequest }
        return response
    }

    /// How many actions (§4.2 "actions prises") each incident's journal holds.
    private func actionCounts(_ ids: [UUID], on sql: any SQLDatabase) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        var counts: [UUID: Int] = [:]
        for row in try await sql.raw(
            """
            SELECT incident_id, COUNT(*) AS n FROM journal_entries \
            WHERE kind = 'action' AND incident_id IN (\(binds: ids)) GROUP BY incident_id
            """
        ).all() {
            counts[try row.decode(column: "incident_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }
}
