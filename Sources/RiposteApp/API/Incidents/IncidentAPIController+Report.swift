import RiposteCore
import Vapor

extension IncidentAPIController {
    /// `POST /incidents`: anyone signed in reports (§4.2).
    func report(_ req: Request) async throws -> Response {
        let actions = try req.actions
        guard actions.actor.can(.report) else { throw LifecycleError.forbidden(.report) }
        let body = try req.decodeBody(ReportIncidentBody.self)
        // Channels name what a drill may reach: on a real incident they would mean nothing.
        if body.exercise != true, !(body.exerciseChannels ?? []).isEmpty {
            throw FieldError(field: "exerciseChannels", problem: .invalid)
        }
        let incident = try await actions.report(
            IncidentReport(
                title: body.title, description: body.description, type: body.type, channel: body.channel ?? .api,
                detectedAt: body.detectedAt, customersAffected: body.customersAffected ?? false,
                impactedActivityIDs: body.impactedActivityIds ?? [],
                exercise: body.exercise == true ? Exercise(channels: Set(body.exerciseChannels ?? [])) : nil))
        let response = try req.incidentResponse(incident, status: .created)
        response.headers.replaceOrAdd(name: "Location", value: "/api/v1/incidents/\(incident.id.uuidString)")
        return response
    }
}
