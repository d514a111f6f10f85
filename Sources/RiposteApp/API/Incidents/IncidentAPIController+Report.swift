import RiposteCore
import Vapor

extension IncidentAPIController {
    /// `POST /incidents`: anyone signed in reports (§4.2).
    func report(_ req: Request) async throws -> Response {
        let actions = try req.actions
        guard actions.actor.can(.report) else { throw LifecycleError.forbidden(.report) }
        let body = try req.decodeBody(ReportIncidentBody.self)
        let incident = try await actions.report(
            IncidentReport(
                title: body.title, description: body.description, type: body.type, channel: body.channel ?? .api,
                detectedAt: body.detectedAt, customersAffected: body.customersAffected ?? false,
                impactedActivityIDs: body.impactedActivityIds ?? []))
        let response = try req.incidentResponse(incident, status: .created)
        response.headers.replaceOrAdd(name: "Location", value: "/api/v1/incidents/\(incident.id.uuidString)")
        return response
    }
}
