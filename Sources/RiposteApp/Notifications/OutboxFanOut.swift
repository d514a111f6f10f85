import Fluent
import Foundation
import RiposteCore
import SQLKit
import Vapor

/// Turns waiting outbox events into notifications and deliveries, a batch per transaction,
/// and deletes them: each event is fanned out once, even with several instances (its rows
/// are locked with `SKIP LOCKED` on PostgreSQL; SQLite has one writer). The dispatcher runs it
/// before sending, and whoever reads notifications or deliveries settles first, so a person
/// never misses an event that is already committed.
struct OutboxFanOut: Sendable {
    let database: any Database
    let gate: WriteGate
    let settings: NotificationSettings
    let wording: Catalogue

    /// Events fanned out per transaction.
    static let batch = 500

    /// Fans out whatever waits; the common case, nothing, costs one indexed probe.
    func settle() async throws {
        let waiting = try await database.sql().raw("SELECT id FROM outbox_events LIMIT 1").first()
        if waiting != nil { _ = try await run() }
    }

    /// Fans out every waiting event; returns how many.
    @discardableResult
    func run() async throws -> Int {
        var total = 0
        while true {
            let count = try await fanOutBatch()
            total += count
            if count < Self.batch { return total }
        }
    }

    private func fanOutBatch() async throws -> Int {
        let settings = self.settings
        let wording = self.wording
        return try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            let skipLocked: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
            let events = try await sql.raw(
                """
                SELECT id, incident_id, payload, recipients, author_id, created_at FROM outbox_events \
                ORDER BY created_at, id LIMIT \(literal: Self.batch)\(skipLocked)
                """
            ).all().map(WaitingEvent.init)
            guard !events.isEmpty else { return 0 }
            let directory = try await Directory.load(
                roles: Set(events.flatMap { $0.recipients.map(\.role) }), on: sql)
            var rows = Rows()
            for event in events {
                try rows.add(
                    event.event, payload: event.payload, incidentID: event.incidentID, to: event.recipients,
                    except: event.author, at: event.createdAt, directory, settings, wording)
            }
            try await rows.insert(into: sql)
            try await sql.raw("DELETE FROM outbox_events WHERE id IN (\(binds: events.map(\.id)))").run()
            return events.count
        }
    }

    private struct WaitingEvent {
        let id: UUID
        let incidentID: UUID?
        let event: NotificationEvent
        /// The event as stored, written again into each notification as it is.
        let payload: String
        let recipients: [NotificationRecipient]
        let author: UUID?
        let createdAt: Date

        init(_ row: any SQLRow) throws {
            id = try row.decode(column: "id", as: UUID.self)
            incidentID = try row.decode(column: "incident_id", as: UUID?.self)
            payload = try row.decode(column: "payload", as: String.self)
            event = try JSONDecoder().decode(NotificationEvent.self, from: Data(payload.utf8))
            recipients = RecipientList.decode(try row.decode(column: "recipients", as: String.self))
            author = try row.decode(column: "author_id", as: UUID?.self)
            createdAt = try row.decode(column: "created_at", as: Date.self)
        }
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
        var notifications: [[any CellValue]] = []
        var deliveries: [[any CellValue]] = []

        /// Everyone holding a recipient role, once each, reached through the first role listed.
        mutating func add(
            _ event: NotificationEvent, payload: String, incidentID: UUID?, to recipients: [NotificationRecipient],
            except author: UUID?, at now: Date, _ directory: Directory, _ settings: NotificationSettings,
            _ wording: Catalogue
        ) throws {
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
                            incidentID, event, Outbox.Channel.email, person.email, nil,
                            NotificationText.subject(event, in: language, wording: wording),
                            NotificationText.body(event, for: recipient, in: language, wording: wording), now))
                }
            }
            for hook in directory.webhooks where hook.eventKinds.contains(event.kind) {
                let body = try WebhookPayload.render(
                    hook.format, event: event, incidentID: incidentID, recipients: recipients, at: now, wording: wording
                )
                deliveries.append(
                    Self.delivery(
                        incidentID, event, Outbox.Channel.webhook, hook.url, hook.id,
                        NotificationText.subject(event, in: .fallback, wording: wording),
                        body, now))
            }
        }

        private static func delivery(
            _ incidentID: UUID?, _ event: NotificationEvent, _ channel: Outbox.Channel, _ target: String,
            _ webhookID: UUID?,
            _ subject: String, _ payload: String, _ now: Date
        ) -> [any CellValue] {
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

}

extension Application {
    var outboxFanOut: OutboxFanOut {
        OutboxFanOut(database: db, gate: writeGate, settings: notificationSettings, wording: catalogue)
    }
}

extension Request {
    private struct OutboxSettledKey: StorageKey {
        typealias Value = Bool
    }

    /// Settles waiting events once per request: a page reads the notifications and its frame
    /// the unread count, and both must see the same settled outbox, not probe it twice.
    @Sendable func settleOutbox() async throws {
        if storage[OutboxSettledKey.self] == true { return }
        try await application.outboxFanOut.settle()
        storage[OutboxSettledKey.self] = true
    }
}
