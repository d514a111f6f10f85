import Foundation
import RiposteCore
import SQLKit

/// The communications of an incident (§4.3 and annex 1): those people logged, and the
/// notifications Riposte delivered, shown the same way.
package enum CommunicationStore {

    /// Those logged by people and the notifications Riposte delivered, in one statement.
    package static func all(of incidentID: UUID, on sql: any SQLDatabase) async throws -> [CommunicationRecord] {
        let items = try await sql.raw(
            """
            SELECT 'person' AS source, id, direction, audience, media, recipients, at, summary, author_id, \
            NULL AS channel FROM communications WHERE incident_id = \(bind: incidentID) \
            UNION ALL SELECT 'riposte', id, NULL, NULL, NULL, target, delivered_at, subject, NULL, channel \
            FROM deliveries WHERE incident_id = \(bind: incidentID) \
            AND state = \(bind: DeliveryState.delivered.rawValue)
            """
        ).all().map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            let at = try row.decode(column: "at", as: Date.self)
            let summary = try row.decode(column: "summary", as: String.self)
            let recipients = try row.decode(column: "recipients", as: String.self)
            guard let channel = try row.decode(column: "channel", as: String?.self) else {
                return CommunicationRecord(
                    id: id,
                    direction: CommunicationDirection(rawValue: try row.decode(column: "direction", as: String.self))
                        ?? .internal,
                    audience: try row.decode(column: "audience", as: String.self),
                    media: CommunicationMedia(rawValue: try row.decode(column: "media", as: String.self)) ?? .other,
                    recipients: recipients, at: at, summary: summary,
                    authorId: try row.decode(column: "author_id", as: UUID?.self), source: "person")
            }
            let email = channel == Outbox.Channel.email.rawValue
            return CommunicationRecord(
                id: id, direction: .internal, audience: "Riposte", media: email ? .email : .chat,
                recipients: email ? recipients : WebhookURLRule.redacted(recipients), at: at, summary: summary,
                authorId: nil, source: "riposte")
        }
        return items.sorted { ($0.at, $0.id.uuidString) < ($1.at, $1.id.uuidString) }
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

    package init(
        id: UUID, direction: CommunicationDirection, audience: String, media: CommunicationMedia, recipients: String,
        at: Date, summary: String, authorId: UUID?, source: String
    ) {
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
