import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/getting-ready`: the preparation stage as a checklist Riposte ticks itself (#19 point 3),
/// each line linking to the page where it is done; the e-mail line is done from here, with a
/// test e-mail to the person asking. The dashboard shows it to administrators until it is done.
struct GettingReadyPageController {
    struct Line: Encodable {
        let item: String
        let done: Bool
        /// Where it is done; nil for the e-mail, done with the button beside it.
        let href: String?
        /// What is still missing, said: roles nobody holds, documents not there.
        let missing: String?
    }

    struct Page: Encodable {
        let page: PageFrame
        let lines: [Line]
        let done: Int
        let total: Int
        let emailConfigured: Bool
    }

    func show(_ req: Request) async throws -> Response {
        try await render(req)
    }

    func sendTestEmail(_ req: Request) async throws -> Response {
        let language = req.pageLanguage
        let organisation = try await OrganisationStore.settings(on: req.db.sql())?.name ?? "Riposte"
        do {
            _ = try await req.gettingReady.sendTestEmail(
                through: req.mailTransport, subject: req.t("ready.email.subject"),
                body: req.t("ready.email.body", organisation))
        } catch let failed as TestEmailFailure {
            let reason = req.application.catalogue.text(failed.failure.key, language, failed.failure.arguments)
            return try await render(req, alert: req.t("error.email_failed", reason), status: .badGateway)
        } catch let error as APIError where error.code == "email_not_configured" {
            return try await render(req, alert: req.t("error.email_not_configured"), status: .conflict)
        }
        req.leaveNotice("ready.email.sent")
        return req.redirect(to: .gettingReady)
    }

    private func render(_ req: Request, alert: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let lines = try await Self.lines(req)
        let page = Page(
            page: try await req.frame("ready.title", alert: alert), lines: lines,
            done: lines.filter(\.done).count, total: lines.count, emailConfigured: req.mailTransport != nil)
        let response = try await req.view.render("getting-ready", page).encodeResponse(for: req)
        response.status = status
        return response
    }

    /// The checklist as the page and the dashboard show it.
    static func lines(_ req: Request) async throws -> [Line] {
        try await req.gettingReady.lines().map { line in
            let roles = line.missing.map { req.t("role.\($0)") }.joined(separator: ", ")
            let documents = line.missing.map { req.t("document.\($0)") }.joined(separator: ", ")
            let missing: String? =
                switch line.item {
                case .roles where !line.missing.isEmpty: req.t("ready.missing.roles", roles)
                case .documents where !line.missing.isEmpty: req.t("ready.missing.documents", documents)
                default: nil
                }
            return Line(item: line.item.rawValue, done: line.done, href: href(line.item), missing: missing)
        }
    }

    static func href(_ item: GettingReady.Item) -> String? {
        switch item {
        case .deadlines: Route.admin.url + "#sla-heading"
        case .roles: Route.admin.url + "#users-heading"
        case .directory: Route.contacts.url
        case .activities: Route.essentialActivities.url
        case .documents: Route.documents.url
        case .email: nil
        case .backup: Route.admin.url + "#backup-heading"
        case .plan: Route.plan.url
        }
    }
}
