import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// The report links on the directory's page (#18 point 1): made, renewed or revoked by the
/// administrator; a new link's address is shown once, on the page that made it.
extension ContactsPageController {
    func renewReportLink(_ req: Request) async throws -> Response {
        let links = try req.reportLinks
        let (scope, name) = try await Self.scope(req, links)
        let token = try await links.renew(scope, name: name)
        let url =
            (req.application.notificationSettings.publicURL ?? IntegrationsPageController.origin(req))
            + Route.publicReport(token: token).url
        return try await render(
            req, form: FormState(), newLink: (url, name ?? req.t("public.general.link")))
    }

    func revokeReportLink(_ req: Request) async throws -> Response {
        let links = try req.reportLinks
        let (scope, _) = try await Self.scope(req, links)
        try await links.revoke(scope)
        req.leaveNotice("contacts.reportLinks.revoked")
        return req.redirect(to: .contacts)
    }

    /// The intake mailbox and the helpdesk's phone; refused beside its field, what was typed kept.
    func saveReportingMeans(_ req: Request) async throws -> Response {
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        do {
            _ = try await req.reportLinks.setMeans(mailbox: fields["mailbox"], phone: fields["phone"])
            req.leaveNotice("contacts.reporting.saved")
            return req.redirect(to: .contacts)
        } catch {
            guard let error = APIError.refusing(error), let field = error.field else { throw error }
            var form = FormState(
                formName: "reporting", values: ["mailbox": fields["mailbox"] ?? "", "phone": fields["phone"] ?? ""])
            form.errors[field] = req.message(for: error)
            return try await render(req, form: form, status: error.status)
        }
    }

    /// The link the form names: `general`, or a client's or supplier's id.
    private static func scope(
        _ req: Request, _ links: ReportLinkActions
    ) async throws -> (ReportLinkScope, name: String?) {
        let raw = req.parameter(.id) ?? ""
        if raw == "general" { return (.general, nil) }
        guard let id = UUID(uuidString: raw) else { throw Refusal.notFound(.party) }
        let (scope, name) = try await links.scope(ofParty: id)
        return (scope, name)
    }

    /// The general link, then each client and supplier, with whether its link works and since when.
    func reportLinks(_ req: Request, parties: [PartyRecord]) async throws -> [Page.ReportLinkLine] {
        let made = try await req.reportLinks.all()
        func line(_ id: String, _ label: String, _ scope: ReportLinkScope) -> Page.ReportLinkLine {
            let link = made.first { $0.scope == scope }
            return Page.ReportLinkLine(
                id: id, label: label, active: link?.active == true,
                since: link?.active == true ? req.display(link?.renewedAt) : "")
        }
        return [line("general", req.t("public.general.link"), .general)]
            + parties.filter(\.kind.isExternal).map {
                line($0.id.uuidString.lowercased(), $0.name, .party($0.id, $0.kind))
            }
    }
}
