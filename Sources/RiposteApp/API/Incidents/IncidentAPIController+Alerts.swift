import Foundation
import RiposteCore
import RiposteStorage
import Vapor

extension IncidentAPIController {
    /// One alert of the incident and its answer (#15 point 7).
    struct AlertDTO: Content {
        let id: UUID
        let event: NotificationEventKind
        let role: Role
        /// holders, backup or administrators: who has been told so far.
        let stage: String
        let stageAt: Date
        let createdAt: Date
        let acknowledgedAt: Date?
        let acknowledgedBy: UUID?
    }

    struct AlertPageDTO: Content {
        let items: [AlertDTO]
    }

    /// `GET /incidents/{id}/alerts`: the alerts that waited, or wait, for an answer, for those
    /// who handle incidents (a reporter gets 403).
    func alerts(_ req: Request) async throws -> Response {
        let user = try req.actingPerson
        guard user.can(.viewRegister) else { throw LifecycleError.forbidden(.viewRegister) }
        let incident = try await req.incidentReader.find(try req.incidentReference(), visibleTo: user)
        try await req.settleOutbox()
        let items = try await AlertStore.of(incident: incident.id, on: try req.sql).map {
            AlertDTO(
                id: $0.id, event: $0.event, role: $0.role, stage: $0.stage.key, stageAt: $0.stageAt,
                createdAt: $0.createdAt, acknowledgedAt: $0.acknowledgedAt, acknowledgedBy: $0.acknowledgedBy)
        }
        return try Response.json(AlertPageDTO(items: items))
    }

    /// `POST /incidents/{id}/alerts/{alertId}/acknowledge`: answers an alert one was told of.
    func acknowledgeAlert(_ req: Request) async throws -> HTTPStatus {
        let user = try req.actingPerson
        _ = try await req.incidentReader.find(try req.incidentReference(), visibleTo: user)
        guard let id = req.parameters.get("alertId").flatMap(UUID.init(uuidString:)) else {
            throw Refusal.notFound(.notification)
        }
        try await req.settleOutbox()
        try await req.inbox(of: user).acknowledge(alert: id, at: req.now)
        return .noContent
    }
}
