import RiposteCore
import Vapor

extension IncidentAPIController {
    /// `POST /incidents/{id}/clock`: stop the SLA clock (with a reason) or restart it.
    func changeClock(_ req: Request) async throws -> Response {
        let body = try req.decodeBody(ClockBody.self)
        let id = try await req.actions.changeClock(
            try req.incidentReference(), pause: body.action == .pause, reason: body.reason,
            expectedVersion: try ETag.expectedVersion(req))
        return try await req.incidentResponse(id)
    }

    /// `POST /incidents/{id}/escalations`: the helpdesk escalates the incident to the incident
    /// manager, with a note (§4.3).
    func escalate(_ req: Request) async throws -> Response {
        let body = try req.decodeBody(EscalationBody.self)
        let id = try await req.actions.escalateToManager(
            try req.incidentReference(), note: body.note, expectedVersion: try ETag.expectedVersion(req))
        return try await req.incidentResponse(id, status: .created)
    }

    /// `POST /incidents/{id}/warnings`: a warning along a flow of chapter II, with a message.
    func warn(_ req: Request) async throws -> Response {
        let body = try req.decodeBody(WarningBody.self)
        let id = try await req.actions.warn(
            try req.incidentReference(), flow: body.flow, message: body.message,
            expectedVersion: try ETag.expectedVersion(req))
        return try await req.incidentResponse(id, status: .created)
    }

    /// `POST /incidents/{id}/status-reports`: the incident manager's periodic report to the
    /// crisis manager (§4.2.3 table): situation and expected recovery.
    func addStatusReport(_ req: Request) async throws -> Response {
        let body = try req.decodeBody(StatusReportBody.self)
        let id = try await req.actions.statusReport(
            try req.incidentReference(), situation: body.situation, expectedRecoveryAt: body.expectedRecoveryAt,
            expectedVersion: try ETag.expectedVersion(req))
        return try await req.incidentResponse(id, status: .created)
    }
}
