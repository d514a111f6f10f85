import Foundation
import RiposteCore
import SQLKit

/// Writes what an event must tell, inside the transaction of the change that caused it:
/// a notification for each person holding a recipient role, an e-mail delivery for each of
/// them when e-mail is configured, and a delivery for each webhook that wants the event.
/// Sending happens later (`Dispatcher`), so a dead channel never holds up or undoes a change.
struct Outbox: Sendable {
    let database: any SQLDatabase
    let settings: NotificationSettings

    enum Channel: String {
        case email
        case webhook
    }

    /// Writes the event; `author` (the person who made the change) is not told of it.
    @discardableResult
    func enqueue(
        _ event: NotificationEvent, incidentID: UUID?, to recipients: [NotificationRecipient], except author: UUID?,
        at now: Date
    ) async throws -> Int {
        var written = 0
        for person in try await people(holding: recipients) where person.id != author {
            try await database.raw(
                """
                INSERT INTO notifications (id, user_id, incident_id, event, payload, role, flow, created_at) VALUES \
                (\(bind: UUID()), \(bind: person.id), \(bind: incidentID), \(bind: event.kind.rawValue), \
                \(bind: try Self.encode(event)), \(bind: person.recipient.role.rawValue), \
                \(bind: person.recipient.flow), \(bind: now))
                """
            ).run()
            written += 1
            if settings.sendmail != nil {
                let language = person.language ?? .fallback
                try await insertDelivery(
                    incidentID: incidentID, event: event, channel: .email, target: person.email, webhookID: nil,
                    subject: NotificationText.subject(event, in: language),
                    payload: NotificationText.body(event, for: person.recipient, in: language), at: now)
            }
        }
        for hook in try await webhooks(wanting: event.kind) {
            let payload = try WebhookPayload.render(
                hook.format, event: event, incidentID: incidentID, recipients: recipients, at: now)
            try await insertDelivery(
                incidentID: incidentID, event: event, channel: .webhook, target: hook.url, webhookID: hook.id,
                subject: NotificationText.subject(event, in: .fallback), payload: payload, at: now)
        }
        return written
    }

    private func insertDelivery(
        incidentID: UUID?, event: NotificationEvent, channel: Channel, target: String, webhookID: UUID?,
        subject: String, payload: String, at now: Date
    ) async throws {
        try await database.raw(
            """
            INSERT INTO deliveries (id, incident_id, event, channel, target, webhook_id, subject, payload, state, \
            attempts, next_attempt_at, created_at) VALUES (\(bind: UUID()), \(bind: incidentID), \
            \(bind: event.kind.rawValue), \(bind: channel.rawValue), \(bind: target), \(bind: webhookID), \
            \(bind: subject), \(bind: payload), \(bind: DeliveryState.pending.rawValue), 0, \(bind: now), \(bind: now))
            """
        ).run()
    }

    struct Person {
        let id: UUID
        let email: String
        let language: Language?
        let recipient: NotificationRecipient
    }

    /// Everyone holding a recipient role, once each, reached through the first role listed.
    private func people(holding recipients: [NotificationRecipient]) async throws -> [Person] {
        guard !recipients.isEmpty else { return [] }
        let rows = try await database.raw(
            """
            SELECT users.id AS id, users.email AS email, users.language AS language, role_assignments.role AS role
            FROM role_assignments JOIN users ON users.id = role_assignments.user_id
            WHERE role_assignments.role IN (\(binds: recipients.map(\.role.rawValue))) ORDER BY users.email
            """
        ).all()
        var holders: [Role: [(UUID, String, Language?)]] = [:]
        for row in rows {
            guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { continue }
            holders[role, default: []].append(
                (
                    try row.decode(column: "id", as: UUID.self), try row.decode(column: "email", as: String.self),
                    try row.decode(column: "language", as: String?.self).flatMap(Language.init(rawValue:))
                ))
        }
        var seen = Set<UUID>()
        var people: [Person] = []
        for recipient in recipients {
            for (id, email, language) in holders[recipient.role] ?? [] where seen.insert(id).inserted {
                people.append(Person(id: id, email: email, language: language, recipient: recipient))
            }
        }
        return people
    }

    private func webhooks(wanting kind: NotificationEventKind) async throws -> [WebhookRow] {
        try await database.raw("SELECT id, url, format, events FROM webhooks ORDER BY created_at").all()
            .map { try $0.decode(model: WebhookRow.self) }
            .filter { $0.eventKinds.contains(kind) }
    }

    static func encode(_ event: NotificationEvent) throws -> String {
        String(decoding: try JSONEncoder().encode(event), as: UTF8.self)
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
