import Fluent
import Foundation
import RiposteCore
import RiposteStorage
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
        if try await OutboxStore.hasWaiting(on: database.sql()) { _ = try await run() }
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
            let events = try await OutboxStore.take(limit: Self.batch, on: sql)
            guard !events.isEmpty else { return 0 }
            let directory = try await OutboxStore.Directory.load(
                roles: Set(events.flatMap { $0.recipients.map(\.role) }), on: sql)
            var rows = Rows()
            for event in events {
                try rows.add(
                    event.event, payload: event.payload, incidentID: event.incidentID, to: event.recipients,
                    except: event.author, at: event.createdAt, directory, settings, wording)
            }
            try await rows.insert(into: sql)
            try await OutboxStore.remove(events.map(\.id), on: sql)
            return events.count
        }
    }

    /// Notification and delivery rows, written together with multi-row inserts.
    struct Rows {
        var notifications: [[any CellValue]] = []
        var deliveries: [[any CellValue]] = []

        /// Everyone holding a recipient role, once each, reached through the first role listed.
        mutating func add(
            _ event: NotificationEvent, payload: String, incidentID: UUID?, to recipients: [NotificationRecipient],
            except author: UUID?, at now: Date, _ directory: OutboxStore.Directory, _ settings: NotificationSettings,
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
            try await OutboxStore.insert(notifications: notifications, deliveries: deliveries, on: database)
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
