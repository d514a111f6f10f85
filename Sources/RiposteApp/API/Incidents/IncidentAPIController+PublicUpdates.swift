import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/incidents/{id}/public-updates` (#18 point 1): who reported the incident from outside, and
/// the updates published on their follow-up page.
extension IncidentAPIController {
    struct OutsideReporterDTO: Content {
        let name: String
        let email: String
        let phone: String?
        let language: Language
        /// Through a client's or supplier's own link (else the general one).
        let viaParty: Bool
        let toldResolvedAt: Date?
    }

    struct PublicUpdatesDTO: Content {
        let reporter: OutsideReporterDTO?
        let items: [IncidentActions.PublicUpdateDTO]
    }

    struct PublicUpdateBody: Content {
        let text: String
    }

    func publicUpdates(_ req: Request) async throws -> Response {
        let actions = try req.actions
        try actions.requireHandler()
        let incident = try await actions.find(try req.incidentReference())
        let (reporter, updates) = try await actions.publicFollowUp(incident)
        return try Response.json(
            PublicUpdatesDTO(
                reporter: reporter.map {
                    OutsideReporterDTO(
                        name: $0.name, email: $0.email, phone: $0.phone, language: $0.language, viaParty: $0.viaParty,
                        toldResolvedAt: $0.toldResolvedAt)
                }, items: updates))
    }

    func publishUpdate(_ req: Request) async throws -> Response {
        let body = try req.decodeBody(PublicUpdateBody.self)
        let actions = try req.actions
        try actions.requireHandler()
        let (update, version) = try await actions.publishUpdate(
            try req.incidentReference(), text: body.text, expectedVersion: try ETag.expectedVersion(req))
        return try Response.json(update, status: .created, version: version)
    }
}
