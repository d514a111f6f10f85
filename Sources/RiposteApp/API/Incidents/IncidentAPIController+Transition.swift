import RiposteCore
import Vapor

extension IncidentAPIController {
    /// `POST /incidents/{id}/transitions`: move along the lifecycle.
    func transition(_ req: Request) async throws -> Response {
        let body = try req.decodeBody(TransitionBody.self)
        let id = try await req.actions.transition(
            try req.incidentReference(), to: body.to, reason: body.reason,
            expectedVersion: try ETag.expectedVersion(req))
        return try await req.incidentResponse(id)
    }
}
