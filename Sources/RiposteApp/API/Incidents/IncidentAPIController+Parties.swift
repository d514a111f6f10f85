import Foundation
import RiposteCore
import Vapor

extension IncidentAPIController {
    struct PartyLinkBody: Content {
        let partyId: UUID
        let relation: PartyRelation
    }

    struct InvolvedPageDTO: Content {
        let items: [IncidentActions.InvolvedPartyDTO]
    }

    /// `POST /incidents/{id}/parties`: a client or supplier that reported the incident or is affected.
    func linkParty(_ req: Request) async throws -> Response {
        let body = try req.decodeBody(PartyLinkBody.self)
        let actions = try req.actions
        let id = try await actions.linkParty(
            try req.incidentReference(), partyID: body.partyId, relation: body.relation,
            expectedVersion: try ETag.expectedVersion(req))
        return try Response.json(InvolvedPageDTO(items: try await actions.involvedParties(id)), status: .created)
    }

    /// `GET /incidents/{id}/parties`.
    func parties(_ req: Request) async throws -> Response {
        let actions = try req.actions
        let incident = try await actions.find(try req.incidentReference())
        // The organisation's clients and suppliers are not a reporter's business.
        try actions.requireHandler()
        return try Response.json(InvolvedPageDTO(items: try await actions.involvedParties(incident.id)))
    }
}
