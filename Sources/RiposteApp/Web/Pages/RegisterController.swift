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
            /// The latest actions taken, newest first; `more` how many older ones the page leaves out.
            let actions: [String]
            let more: Int
        }

        let page: PageFrame
        let filters: RegisterPageData.Query.Shown
        let statuses: [PageFrame.Option]
        let severities: [PageFrame.Option]
        let rows: [Row]
        let next: String?
        /// The register with these filters as CSV, for those who handle incidents.
        let export: String?
        /// The same, as the template's paper table.
        let paper: String?
    }

    /// `/incidents/export.csv`: the register with the page's filters, as a spreadsheet opens it.
    func export(_ req: Request) async throws -> Response {
        guard let (export, _) = try await Self.wholeRegister(req) else { return try await show(req) }
        return Response(status: .ok, headers: RegisterExport.headers(.csv, at: req.now), body: export.body(.csv))
    }

    /// The register with the page's filters, whole, for those who read it; nil when a filter
    /// is refused (the page then says why).
    static func wholeRegister(_ req: Request) async throws -> (RegisterExport, RegisterPageData.Query)? {
        guard try req.actingPerson.can(.viewRegister) else { throw WebError(.forbidden, messageKey: "error.forbidden") }
        let query = try Self.query(req)
        guard query.problems.isEmpty else { return nil }
        var filter = query.filter
        filter.after = nil
        let export = RegisterExport(
            filter: filter, database: try req.registerSQL, language: req.pageLanguage,
            wording: req.application.catalogue)
        return (export, query)
    }

    /// `/incidents/print`: the register with the page's filters as the template's paper table.
    func paper(_ req: Request) async throws -> Response {
        guard let (whole, query) = try await Self.wholeRegister(req) else { return try await show(req) }
        var export = whole
        let (language, timeZone) = (req.pageLanguage, req.organisation.timeZone)
        let catalogue = req.application.catalogue
        export.paper = RegisterExport.Paper(
            organisation: req.organisation.name, generatedAt: req.display(req.now),
            registerLink: Route.register(query.carried).url,
            date: { date in
                var style = Date.FormatStyle(date: .abbreviated, time: .shortened)
                style.locale = language.locale
                style.timeZone = timeZone
                return date.formatted(style)
            },
            duration: { seconds in Durations.words(seconds: seconds, language: language, wording: catalogue) })
        return Response(status: .ok, headers: RegisterExport.headers(.paper, at: req.now), body: export.body(.paper))
    }

    static func query(_ req: Request) throws -> RegisterPageData.Query {
        RegisterPageData.Query(
            value: { name in
                guard let raw = req.query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty
                else { return nil }
                return raw
            }, day: req.parseDay, viewer: try req.actingPerson)
    }

    func show(_ req: Request) async throws -> Response {
        let query = try Self.query(req)
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
                    actions: data.actions[row.id]?.latest ?? [],
                    more: max(0, (data.actions[row.id]?.total ?? 0) - (data.actions[row.id]?.latest.count ?? 0)))
            }, next: data.next(query)?.url,
            export: try req.actingPerson.can(.viewRegister) ? Route.registerExport(query.carried).url : nil,
            paper: try req.actingPerson.can(.viewRegister) ? Route.registerPrint(query.carried).url : nil)
        let response = try await req.view.render("register", page).encodeResponse(for: req)
        if !query.problems.isEmpty { response.status = .badRequest }
        return response
    }
}
