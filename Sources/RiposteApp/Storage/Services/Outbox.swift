import Foundation
import RiposteCore
import SQLKit

/// Writes what an event must tell inside the transaction of the change that caused it:
/// one row per event, with its recipient roles. `OutboxFanOut` later turns it into a
/// notification for each person holding a recipient role, an e-mail delivery for each of them
/// when e-mail is configured, and a delivery for each webhook that wants the event. Sending
/// happens after that (`Dispatcher`), so a dead channel never holds up or undoes a change.
struct Outbox: Sendable {
    let database: any SQLDatabase

    enum Channel: String {
        case email
        case webhook
    }

    /// Writes the event; `author` (the person who made the change) will not be told of it.
    func enqueue(
        _ event: NotificationEvent, incidentID: UUID?, to recipients: [NotificationRecipient], except author: UUID?,
        at now: Date
    ) async throws {
        try await BulkInsert.run(
            "outbox_events", Self.eventColumns,
            [Self.eventRow(event, incidentID: incidentID, to: recipients, except: author, at: now)], on: database)
    }

    static let eventColumns = ["id", "incident_id", "event", "payload", "recipients", "author_id", "created_at"]

    static func eventRow(
        _ event: NotificationEvent, incidentID: UUID?, to recipients: [NotificationRecipient], except author: UUID?,
        at now: Date
    ) -> [any CellValue] {
        [
            UUID.random(), incidentID, event.kind.rawValue, encode(event), RecipientList.encode(recipients), author,
            now,
        ]
    }

    /// The event as `JSONDecoder` reads it back into a `NotificationEvent`.
    static func encode(_ event: NotificationEvent) -> String {
        JSONText.object(sorted: [
            ("escalation", event.escalation), ("incidentNumber", event.incidentNumber),
            ("incidentTitle", event.incidentTitle), ("kind", event.kind.rawValue), ("plan", event.plan?.rawValue),
            ("severity", event.severity?.rawValue),
        ])
    }
}

enum DeliveryState: String, Codable {
    /// Waiting for its first or next try.
    case pending
    case delivered
    /// Given up after the policy's last attempt.
    case failed
}

struct WebhookRow: Decodable, Sendable {
    let id: UUID
    let url: String
    let format: WebhookFormat
    let events: String

    var eventKinds: [NotificationEventKind] {
        events.split(separator: ",").compactMap { NotificationEventKind(rawValue: String($0)) }
    }
}
