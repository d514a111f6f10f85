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
        let directory = try await Directory.load(roles: Set(recipients.map(\.role)), on: database)
        var rows = Rows()
        try rows.add(event, incidentID: incidentID, to: recipients, except: author, at: now, directory, settings)
        try await rows.insert(into: database)
        return rows.notifications.count
    }

    /// Who holds the roles an event names, and the webhooks: read once for many events.
    struct Directory: Sendable {
        struct Person: Sendable {
            let id: UUID
            let email: String
            let language: Language?
        }

        var holders: [Role: [Person]] = [:]
        var webhooks: [WebhookRow] = []

        static func load(roles: Set<Role>, on database: any SQLDatabase) async throws -> Directory {
            var directory = Directory()
            if !roles.isEmpty {
                let rows = try await database.raw(
                    """
                    SELECT users.id AS id, users.email AS email, users.language AS language, role_assignments.role AS role
                    FROM role_assignments JOIN users ON users.id = role_assignments.user_id
                    WHERE role_assignments.role IN (\(binds: roles.map(\.rawValue).sorted())) ORDER BY users.email
                    """
                ).all()
                for row in rows {
                    guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { continue }
                    directory.holders[role, default: []].append(
                        Person(
                            id: try row.decode(column: "id", as: UUID.self),
                            email: try row.decode(column: "email", as: String.self),
                            language: try row.decode(column: "language", as: String?.self).flatMap(Language.init)))
                }
            }
            directory.webhooks = try await database.raw(
                "SELECT id, url, format, events FROM webhooks ORDER BY created_at"
            ).all().map { try $0.decode(model: WebhookRow.self) }
            return directory
        }
    }

    /// Notification and delivery rows, written together with multi-row inserts.
    struct Rows {
        var notifications: [[any Encodable & Sendable]] = []
        var deliveries: [[any Encodable & Sendable]] = []

        /// Everyone holding a recipient role, once each, reached through the first role listed.
        mutating func add(
            _ event: NotificationEvent, incidentID: UUID?, to recipients: [NotificationRecipient], except author: UUID?,
            at now: Date, _ directory: Directory, _ settings: NotificationSettings
        ) throws {
            let payload = try Outbox.encode(event)
            var seen: Set<UUID> = author.map { [$0] } ?? []
            for recipient in recipients {
                for person in directory.holders[recipient.role] ?? [] where seen.insert(person.id).inserted {
                    notifications.append([
                        UUID.random(), person.id, incidentID, event.kind.rawValue, payload, recipient.role.rawValue,
                        recipient.flow, now,
                    ])
                    guard settings.sendmail != nil else { continue }
                    let language = person.language ?? .fallback
                    deliveries.append(
                        Self.delivery(
                            incidentID, event, .email, person.email, nil, NotificationText.subject(event, in: language),
                            NotificationText.body(event, for: recipient, in: language), now))
                }
            }
            for hook in directory.webhooks where hook.eventKinds.contains(event.kind) {
                let body = try WebhookPayload.render(
                    hook.format, event: event, incidentID: incidentID, recipients: recipients, at: now)
                deliveries.append(
                    Self.delivery(
                        incidentID, event, .webhook, hook.url, hook.id, NotificationText.subject(event, in: .fallback),
                        body, now))
            }
        }

        private static func delivery(
            _ incidentID: UUID?, _ event: NotificationEvent, _ channel: Channel, _ target: String, _ webhookID: UUID?,
            _ subject: String, _ payload: String, _ now: Date
        ) -> [any Encodable & Sendable] {
            [
                UUID.random(), incidentID, event.kind.rawValue, channel.rawValue, target, webhookID, subject, payload,
                DeliveryState.pending.rawValue, 0, now, now,
            ]
        }

        func insert(into database: any SQLDatabase) async throws {
            try await BulkInsert.run(
                "notifications",
                ["id", "user_id", "incident_id", "event", "payload", "role", "flow", "created_at"], notifications,
                on: database)
            try await BulkInsert.run(
                "deliveries",
                [
                    "id", "incident_id", "event", "channel", "target", "webhook_id", "subject", "payload", "state",
                    "attempts", "next_attempt_at", "created_at",
                ], deliveries, on: database)
        }
    }

    static func encode(_ event: NotificationEvent) throws -> String {
        String(decoding: try JSONEncoder().encode(event), as: UTF8.self)
    }
}

/// Many rows in few statements: one INSERT per batch, kept under the engines' limits on
/// bound parameters (32,766 for SQLite, 65,535 for PostgreSQL).
enum BulkInsert {
    static let maxParameters = 30_000

    static func run(
        _ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]], on database: any SQLDatabase
    ) async throws {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, maxParameters / columns.count)
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            var insert = database.insert(into: table).columns(columns)
            for row in rows[start..<min(start + perStatement, rows.count)] { insert = insert.values(row) }
            try await insert.run()
        }
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
