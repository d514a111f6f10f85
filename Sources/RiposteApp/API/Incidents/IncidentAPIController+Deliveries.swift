import Foundation
import RiposteCore
import SQLKit
import Vapor

extension IncidentAPIController {
    /// `GET /incidents/{id}/deliveries`: every message sent about the incident, its state and
    /// each attempt, so a failing channel is seen where the incident is handled; by those who
    /// handle incidents only: addresses, webhook hosts and errors are not a reporter's business.
    func deliveries(_ req: Request) async throws -> Response {
        let user = try req.actingPerson
        guard user.can(.viewRegister) else { throw APIError(LifecycleError.forbidden(.viewRegister)) }
        let incident = try await req.incidentReader.find(try req.incidentReference(), visibleTo: user)
        try await req.settleOutbox()
        let sql = try req.sql
        let rows = try await sql.raw(
            """
            SELECT id, event, channel, target, webhook_id, subject, state, attempts, next_attempt_at, last_error, \
            created_at, delivered_at FROM deliveries WHERE incident_id = \(bind: incident.id) ORDER BY created_at, id
            """
        ).all()
        let attempts = try await sql.raw(
            """
            SELECT delivery_attempts.delivery_id AS delivery_id, delivery_attempts.attempt AS attempt, \
            delivery_attempts.at AS at, delivery_attempts.outcome AS outcome, delivery_attempts.error AS error
            FROM delivery_attempts JOIN deliveries ON deliveries.id = delivery_attempts.delivery_id
            WHERE deliveries.incident_id = \(bind: incident.id) ORDER BY delivery_attempts.attempt
            """
        ).all()
        var history: [UUID: [DeliveryDTO.Attempt]] = [:]
        for row in attempts {
            history[try row.decode(column: "delivery_id", as: UUID.self), default: []].append(
                DeliveryDTO.Attempt(
                    attempt: try row.decode(column: "attempt", as: Int.self),
                    at: try row.decode(column: "at", as: Date.self),
                    outcome: try row.decode(column: "outcome", as: String.self),
                    error: try row.decode(column: "error", as: String?.self)))
        }
        let items = try rows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            let channel = try row.decode(column: "channel", as: String.self)
            let target = try row.decode(column: "target", as: String.self)
            return DeliveryDTO(
                id: id, event: try row.decode(column: "event", as: String.self), channel: channel,
                target: channel == Outbox.Channel.webhook.rawValue ? WebhookURLRule.redacted(target) : target,
                webhookId: try row.decode(column: "webhook_id", as: UUID?.self),
                subject: try row.decode(column: "subject", as: String.self),
                state: try row.decode(column: "state", as: String.self),
                attempts: try row.decode(column: "attempts", as: Int.self),
                nextAttemptAt: try row.decode(column: "next_attempt_at", as: Date?.self),
                lastError: try row.decode(column: "last_error", as: String?.self),
                createdAt: try row.decode(column: "created_at", as: Date.self),
                deliveredAt: try row.decode(column: "delivered_at", as: Date?.self), history: history[id] ?? [])
        }
        return try Response.json(DeliveryPageDTO(items: items))
    }
}
