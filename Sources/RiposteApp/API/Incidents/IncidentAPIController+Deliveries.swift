import Foundation
import RiposteCore
import RiposteStorage
import Vapor

extension IncidentAPIController {
    /// `GET /incidents/{id}/deliveries`: every message sent about the incident, its state and
    /// each attempt, so a failing channel is seen where the incident is handled; by those who
    /// handle incidents only: addresses, webhook hosts and errors are not a reporter's business.
    func deliveries(_ req: Request) async throws -> Response {
        let user = try req.actingPerson
        guard user.can(.viewRegister) else { throw LifecycleError.forbidden(.viewRegister) }
        let incident = try await req.incidentReader.find(try req.incidentReference(), visibleTo: user)
        try await req.settleOutbox()
        // The API's errors are English unless the client asks for another language.
        let language = Language.match(acceptLanguage: req.headers.first(name: .acceptLanguage)) ?? .en
        let wording = req.application.catalogue
        func worded(_ stored: String?) -> String? {
            stored.map { DeliveryFailure.worded($0, in: language, wording: wording) }
        }
        let items = try await DeliveryRecord.all(of: incident.id, on: try req.sql).map { record in
            DeliveryDTO(
                id: record.id, event: record.event, channel: record.channel,
                target: record.channel == Outbox.Channel.webhook.rawValue
                    ? WebhookURLRule.redacted(record.target) : record.target,
                webhookId: record.webhookID, subject: record.subject, state: record.state, attempts: record.attempts,
                nextAttemptAt: record.nextAttemptAt, lastError: worded(record.lastError), createdAt: record.createdAt,
                deliveredAt: record.deliveredAt,
                history: record.history.map {
                    DeliveryDTO.Attempt(attempt: $0.attempt, at: $0.at, outcome: $0.outcome, error: worded($0.error))
                })
        }
        return try Response.json(DeliveryPageDTO(items: items))
    }
}
