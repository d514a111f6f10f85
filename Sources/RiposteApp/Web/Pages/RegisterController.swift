import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// `/incidents`: the register of §4.2 (number, date, type, short description, team,
/// details, actions), filtered, searched, by pages, newest or most severe first.
struct RegisterController {
    struct Page: Encodable {
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
        let filters: RegisterPageData.Query.Shown
        let statuses: [PageFrame.Option]
        let severities: [PageFrame.Option]
        let rows: [Row]
        let next: String?
    }

    func show(_ req: Request) async throws -> Response {
        let query = RegisterPageData.Query(
            value: { name in
                guard let raw = req.query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty
                else { return nil }
                return raw
            }, day: req.parseDay, viewer: try req.actingPerson)
        let data = try await RegisterPageData.load(query, on: try req.registerSQL)
        let alert =
            query.problems.isEmpty
            ? nil : req.t("register.badFilter", query.problems.map(\.field).joined(separator: ", "))
        let page = Page(
            page: try await req.frame("register.title", alert: alert), filters: query.shown,
            statuses: req.options(IncidentStatus.allCases, selected: query.filter.status),
            severities: req.options(Severity.allCases, selected: query.filter.severity),
            rows: data.rows.map { row in
                Page.Row(
                    number: row.number, reportedAt: req.display(row.reportedAt), type: row.type ?? "",
                    title: row.title, severity: row.severity, status: row.status, team: row.team ?? "",
                    details: row.description.count > 280 ? String(row.description.prefix(280)) + "…" : row.description,
                    actions: data.actions[row.id] ?? 0)
            }, next: data.next(query)?.url)
        let response = try await req.view.render("register", page).encodeResponse(for: req)
        if !query.problems.isEmpty { response.status = .badRequest }
        return response
    }
}
