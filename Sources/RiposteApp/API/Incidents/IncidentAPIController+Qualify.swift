import RiposteCore
import Vapor

extension IncidentAPIController {
    /// `POST /incidents/{id}/qualify`: type and severity, first time or again.
    func qualify(_ req: Request) async throws -> Response {
        let body = try req.decodeBody(QualifyBody.self)
        let id = try await req.actions.qualify(
            try req.incidentReference(), type: body.type, severity: body.severity, team: body.team,
            playbookID: body.playbookId, expectedVersion: try ETag.expectedVersion(req))
        return try await req.incidentResponse(id)
    }
}
