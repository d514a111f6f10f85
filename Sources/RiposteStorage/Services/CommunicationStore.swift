import Foundation
import RiposteCore
import SQLKit

/// The communications of an incident (§4.3 and annex 1): those people logged, and the
/// notifications Riposte delivered, shown the same way.
package enum CommunicationStore {

    /// Those logged by people, the notifications Riposte delivered, and each e-mail of the
    /// messages sent from the incident (attached to the communication that logs them), in one
    /// statement.
    package static func all(of incidentID: UUID, on sql: any SQLDatabase) async throws -> [CommunicationRecord] {
        var people: [(row: any SQLRow, id: UUID)] = []
        var riposte: [CommunicationRecord] = []
        var deliveries: [UUID: [MessageDelivery]] = [:]
        for row in try await sql.raw(
            """
            SELECT 'person' AS source, id, direction, audience, media, recipients, at, summary, author_id, \
            NULL AS channel, NULL AS communication_id, NULL AS state, NULL AS attempts, NULL AS last_error, \
            NULL AS delivered_at FROM communications WHERE incident_id = \(bind: incidentID) \
            UNION ALL SELECT 'riposte', id, NULL, NULL, NULL, target, created_at, subject, NULL, channel, \
            communication_id, state, attempts, last_error, delivered_at \
            FROM deliveries WHERE incident_id = \(bind: incidentID) \
            AND (state = \(bind: DeliveryState.delivered.rawValue) OR communication_id IS NOT NULL)
            """
        ).all() {
            let id = try row.decode(column: "id", as: UUID.self)
            guard let channel = try row.decode(column: "channel", as: String?.self) else {
                people.append((row, id))
                continue
            }
            let recipients = try row.decode(column: "recipients", as: String.self)
            let deliveredAt = try row.decode(column: "delivered_at", as: Date?.self)
            if let message = try row.decode(column: "communication_id", as: UUID?.self) {
                deliveries[message, default: []].append(
                    MessageDelivery(
                        to: recipients,
                        state: DeliveryState(rawValue: try row.decode(column: "state", as: String.self)) ?? .pending,
                        attempts: try row.decode(column: "attempts", as: Int.self), deliveredAt: deliveredAt,
                        lastError: try row.decode(column: "last_error", as: String?.self)))
                continue
            }
            let email = channel == Outbox.Channel.email.rawValue
            let created = try row.decode(column: "at", as: Date.self)
            riposte.append(
                CommunicationRecord(
                    id: id, direction: .internal, audience: "Riposte", media: email ? .email : .chat,
                    recipients: email ? recipients : WebhookURLRule.redacted(recipients),
                    at: deliveredAt ?? created,
                    summary: try row.decode(column: "summary", as: String.self), authorId: nil, source: "riposte"))
        }
        let logged = try people.map { row, id in
            CommunicationRecord(
                id: id,
                direction: CommunicationDirection(rawValue: try row.decode(column: "direction", as: String.self))
                    ?? .internal,
                audience: try row.decode(column: "audience", as: String.self),
                media: CommunicationMedia(rawValue: try row.decode(column: "media", as: String.self)) ?? .other,
                recipients: try row.decode(column: "recipients", as: String.self),
                at: try row.decode(column: "at", as: Date.self),
                summary: try row.decode(column: "summary", as: String.self),
                authorId: try row.decode(column: "author_id", as: UUID?.self), source: "person",
                deliveries: deliveries[id]?.sorted { $0.to < $1.to })
        }
        return (logged + riposte).sorted { ($0.at, $0.id.uuidString) < ($1.at, $1.id.uuidString) }
    }

    /// A message sent from the incident: its log, and one e-mail per recipient for the
    /// dispatcher to send, in the transaction of its journal entry.
    /// `delivered` is the text the e-mails carry when it differs from the one recorded (a
    /// reporter's receipt: its follow-up link is theirs alone, never in the journal).
    package static func insertMessage(
        id: UUID, incident: UUID, _ message: OutgoingMessage, at: Date, author: UUID, sender: MessageSender,
        delivered: String? = nil, on sql: any SQLDatabase
    ) async throws {
        try await insert(
            id: id, incident: incident, message.communication(at: at), at: at, author: author, recordedAt: at, on: sql)
        let rows: [[any CellValue]] = message.recipients.map { recipient in
            [
                UUID.random(), incident, "message", Outbox.Channel.email.rawValue, recipient.address, message.subject,
                delivered ?? message.body, DeliveryState.pending.rawValue, 0, at, at, id, sender.name, sender.replyTo,
            ]
        }
        try await BulkInsert.run(
            "deliveries",
            [
                "id", "incident_id", "event", "channel", "target", "subject", "payload", "state", "attempts",
                "next_attempt_at", "created_at", "communication_id", "sender_name", "reply_to",
            ], rows, on: sql)
    }

    package static func insert(
        id: UUID, incident: UUID, _ entry: CommunicationEntry, at: Date, author: UUID, recordedAt: Date,
        on sql: any SQLDatabase
    ) async throws {
        try await sql.raw(
            """
            INSERT INTO communications (id, incident_id, direction, audience, media, recipients, at, summary, \
            author_id, created_at) VALUES (\(bind: id), \(bind: incident), \(bind: entry.direction.rawValue), \
            \(bind: entry.audience), \(bind: entry.media.rawValue), \(bind: entry.recipients), \(bind: at), \
            \(bind: entry.summary), \(bind: author), \(bind: recordedAt))
            """
        ).run()
    }
}

/// A communication about an incident: logged by a person, or a notification Riposte delivered.
package struct CommunicationRecord: Codable, Sendable {
    package let id: UUID
    package let direction: CommunicationDirection
    package let audience: String
    package let media: CommunicationMedia
    package let recipients: String
    package let at: Date
    package let summary: String
    package let authorId: UUID?
    /// `person` when logged by someone, `riposte` for a notification Riposte delivered.
    package let source: String
    /// For a message sent from the incident, each recipient's e-mail and where it stands.
    package let deliveries: [MessageDelivery]?

    package init(
        id: UUID, direction: CommunicationDirection, audience: String, media: CommunicationMedia, recipients: String,
        at: Date, summary: String, authorId: UUID?, source: String, deliveries: [MessageDelivery]? = nil
    ) {
        self.deliveries = deliveries
        self.id = id
        self.direction = direction
        self.audience = audience
        self.media = media
        self.recipients = recipients
        self.at = at
        self.summary = summary
        self.authorId = authorId
        self.source = source
    }
}

/// One recipient's e-mail of a message sent from an incident.
package struct MessageDelivery: Codable, Sendable, Equatable {
    package let to: String
    package let state: DeliveryState
    package let attempts: Int
    package let deliveredAt: Date?
    package let lastError: String?

    package init(to: String, state: DeliveryState, attempts: Int, deliveredAt: Date?, lastError: String?) {
        self.to = to
        self.state = state
        self.attempts = attempts
        self.deliveredAt = deliveredAt
        self.lastError = lastError
    }
}
