import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// The report links (#18 point 1): `/api/v1/contacts/{partyId}/report-link` for a client or
/// supplier of the directory, `/api/v1/report-link` for the organisation's general one, and
/// `/api/v1/report-links` to list them. `POST` makes or renews the link (its address holds a
/// secret shown once), `DELETE` revokes it. The administrator's.
struct ReportLinkAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("report-links", use: list)
        routes.post("contacts", ":partyId", "report-link", use: renew)
        routes.delete("contacts", ":partyId", "report-link", use: revoke)
        routes.post("report-link", use: renew)
        routes.delete("report-link", use: revoke)
        routes.get("settings", "reporting", use: means)
        routes.put("settings", "reporting", use: setMeans)
    }

    /// The ways to report (#18 point 4): what the organisation names, what exists.
    struct ReportingMeansDTO: Content {
        let mailbox: String?
        let phone: String?
        let generalLink: Bool
        let parties: [String]
        let integrations: [String]

        init(_ means: ReportingMeans) {
            (mailbox, phone, generalLink) = (means.mailbox, means.phone, means.generalLink)
            (parties, integrations) = (means.parties.sorted(), means.integrations)
        }
    }

    struct ReportingBody: Content {
        let mailbox: String?
        let phone: String?
    }

    func means(_ req: Request) async throws -> Response {
        try Response.json(ReportingMeansDTO(try await req.reportLinks.means()))
    }

    func setMeans(_ req: Request) async throws -> Response {
        let links = try req.reportLinks
        guard links.actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        let body = try req.decodeBody(ReportingBody.self)
        return try Response.json(ReportingMeansDTO(try await links.setMeans(mailbox: body.mailbox, phone: body.phone)))
    }

    struct ReportLinkDTO: Content {
        /// `party` or `general`.
        let scope: String
        let partyId: UUID?
        let partyName: String?
        let active: Bool
        let renewedAt: Date?
    }

    struct NewReportLinkDTO: Content {
        let scope: String
        let partyId: UUID?
        /// The page's address, with its secret: shown this once.
        let url: String
        let token: String
    }

    struct ReportLinksDTO: Content {
        let items: [ReportLinkDTO]
    }

    func list(_ req: Request) async throws -> Response {
        let items = try await req.reportLinks.all().map { link in
            var partyID: UUID?
            if case .party(let id, _) = link.scope { partyID = id }
            return ReportLinkDTO(
                scope: partyID == nil ? "general" : "party", partyId: partyID, partyName: link.partyName,
                active: link.active, renewedAt: link.renewedAt)
        }
        return try Response.json(ReportLinksDTO(items: items))
    }

    func renew(_ req: Request) async throws -> Response {
        let links = try req.reportLinks
        guard links.actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        let (scope, name) = try await Self.scope(req, links)
        let token = try await links.renew(scope, name: name)
        var partyID: UUID?
        if case .party(let id, _) = scope { partyID = id }
        return try Response.json(
            NewReportLinkDTO(
                scope: partyID == nil ? "general" : "party", partyId: partyID,
                url: (req.application.notificationSettings.publicURL ?? IntegrationsPageController.origin(req))
                    + Route.publicReport(token: token).url, token: token),
            status: .created)
    }

    func revoke(_ req: Request) async throws -> HTTPStatus {
        let links = try req.reportLinks
        guard links.actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        let (scope, _) = try await Self.scope(req, links)
        try await links.revoke(scope)
        return .noContent
    }

    /// The general link without a party in the path; else a client or supplier (404 for another id).
    private static func scope(
        _ req: Request, _ links: ReportLinkActions
    ) async throws -> (ReportLinkScope, name: String?) {
        guard let raw = req.parameters.get("partyId") else { return (.general, nil) }
        guard let id = UUID(uuidString: raw) else { throw Refusal.notFound(.party) }
        let (scope, name) = try await links.scope(ofParty: id)
        return (scope, name)
    }
}
