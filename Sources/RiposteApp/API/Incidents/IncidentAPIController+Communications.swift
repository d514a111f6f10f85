import Foundation
import RiposteCore
import Vapor

extension IncidentAPIController {
    struct CommunicationBody: Content {
        let direction: CommunicationDirection
        let audience: String
        let media: CommunicationMedia
        let recipients: String?
        let at: Date?
        let summary: String
    }

    struct CommunicationPageDTO: Content {
        let items: [IncidentActions.CommunicationDTO]
    }

    /// `POST /incidents/{id}/communications`: a communication sent about the incident.
    func addCommunication(_ req: Request) async throws -> Response {
        let body = try req.decodeBody(CommunicationBody.self)
        let (dto, version) = try await req.actions.recordCommunication(
            try req.incidentReference(), direction: body.direction, audience: body.audience, media: body.media,
            recipients: body.recipients, at: body.at, summary: body.summary,
            expectedVersion: try ETag.expectedVersion(req))
        return try Response.json(dto, status: .created, version: version)
    }

    /// `GET /incidents/{id}/communications`: logged by people, and Riposte's delivered notices.
    func communications(_ req: Request) async throws -> Response {
        try Response.json(
            CommunicationPageDTO(items: try await req.actions.communications(try req.incidentReference())))
    }
}
