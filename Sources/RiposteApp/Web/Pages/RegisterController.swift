import Foundation
import RiposteCore
import RiposteStorage
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
        func value(_ name: String) -> String? {
            guard let raw = req.query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty
            else { return nil }
            return raw
        }
        // The API's rules; a bad filter is named on the page, not searched for. Days, the
        // last one whole.
        let (criteria, problems) = RegisterCriteria.read(value) { field, text in
            req.parseDay(text).map { field == "to" ? $0.addingTimeInterval(86_400 - 0.001) : $0 }
        }
        var filter = IncidentFilter(criteria)
        // Shown back as typed, but never a NUL.
        let typed = { (name: String) in value(name)?.replacingOccurrences(of: "\u{0}", with: "") ?? "" }
        let shown = Page.Filters(
            q: typed("q"), type: typed("type"), from: typed("from"), to: typed("to"),
            sort: value("sort") == "severity" ? "severity" : "date")
        if shown.sort == "severity" {
            filter.bySeverity = true
            filter.offset = max(0, min(Int(value("page") ?? "0") ?? 0, 10_000)) * filter.limit
        } else if let raw = value("cursor") {
            filter.after = IncidentCursor(token: raw)
        }
        if !user.can(.viewRegister) { filter.reporterOnly = user.id }
        let sql = try req.registerSQL
        let (rows, cursor) = try await IncidentQuery.page(filter, on: sql)
        let actions = try await IncidentQuery.actionCounts(rows.map(\.id), on: sql)
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
        let alert =
            problems.isEmpty ? nil : req.t("register.badFilter", problems.map(\.field).joined(separator: ", "))
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
}
