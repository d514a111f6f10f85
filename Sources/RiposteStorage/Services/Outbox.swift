import Foundation
import RiposteCore
import SQLKit

/// What an event must tell, written by `IncidentWriter.record` inside the transaction of the
/// change that caused it: one row per event, with its recipient roles. `OutboxFanOut` later turns it into a
/// notification for each person holding a recipient role, an e-mail delivery for each of them
/// when e-mail is configured, and a delivery for each webhook that wants the event. Sending
/// happens after that (`Dispatcher`), so a dead channel never holds up or undoes a change.
package enum Outbox {
    package enum Channel: String {
        case email
        case webhook
    }

    package static let eventColumns = [
        "id", "incident_id", "event", "payload", "recipients", "author_id", "created_at",
    ]

    /// The event's row; `author` (the person who made the change) will not be told of it.
    package static func eventRow(
        _ event: NotificationEvent, incidentID: UUID?, to recipients: [NotificationRecipient], except author: UUID?,
        at now: Date
    ) -> [any CellValue] {
        [
            UUID.random(), incidentID, event.kind.rawValue, encode(event), RecipientList.encode(recipients), author,
            now,
        ]
    }

    /// The event as `JSONDecoder` reads it back into a `NotificationEvent`: a date as the
    /// seconds since 2001 its default strategy reads, a drill's channels as an object.
    package static func encode(_ event: NotificationEvent) -> String {
        let exercise = event.exercise.map { exercise in
            "{\"channels\":[" + exercise.channels.map(\.rawValue).sorted().map { "\"\($0)\"" }.joined(separator: ",")
                + "]}"
        }
        return JSONText.object(members: [
            ("dueAt", event.dueAt.map { .json(String($0.timeIntervalSinceReferenceDate)) }),
            ("escalation", event.escalation.map(JSONText.Member.string)), ("exercise", exercise.map { .json($0) }),
            ("incidentNumber", .string(event.incidentNumber)), ("incidentTitle", .string(event.incidentTitle)),
            ("kind", .string(event.kind.rawValue)), ("note", event.note.map(JSONText.Member.string)),
            ("plan", event.plan.map { .string($0.rawValue) }),
            ("severity", event.severity.map { .string($0.rawValue) }),
        ])
    }
}

package enum DeliveryState: String, Codable, Sendable {
    /// Waiting for its first or next try.
    case pending
    case delivered
    /// Given up after the policy's last attempt.
    case failed
}

package struct WebhookRow: Decodable, Sendable {
    package let id: UUID
    package let url: String
    package let format: WebhookFormat
    package let events: String

    package init(id: UUID, url: String, format: WebhookFormat, events: String) {
        self.id = id
        self.url = url
        self.format = format
        self.events = events
    }

    package var eventKinds: [NotificationEventKind] {
        events.split(separator: ",").compactMap { NotificationEventKind(rawValue: String($0)) }
    }
}
