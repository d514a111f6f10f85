import RiposteCore
import Vapor

extension IncidentAPIController {
    /// `POST /incidents`: anyone signed in reports (§4.2).
    func report(_ req: Request) async throws -> Response {
        let user = try req.apiUser
        guard user.can(.report) else { throw APIError(LifecycleError.forbidden(.report)) }
        let body = try req.decodeBody(ReportIncidentBody.self)
        let draft = IncidentReport(
            title: body.title, description: body.description, type: body.type, channel: body.channel ?? .api,
            detectedAt: body.detectedAt, customersAffected: body.customersAffected ?? false,
            impactedActivityIDs: body.impactedActivityIds ?? [])
        let now = req.now
        let report = try FieldError.check { () throws(FieldError) in try draft.validated(at: now) }
        let incident = try await req.incidents.report(report, by: user, at: now)
        let response = try req.incidentResponse(incident, status: .created)
        response.headers.replaceOrAdd(name: "Location", value: "/api/v1/incidents/\(incident.id.uuidString)")
        return response
    }
}
