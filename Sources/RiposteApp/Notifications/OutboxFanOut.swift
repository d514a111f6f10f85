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
        let sla = try await SettingsStore(database: database, gate: gate).sla()
        return try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            let events = try await OutboxStore.take(limit: Self.batch, on: sql)
            guard !events.isEmpty else { return 0 }
            let directory = try await OutboxStore.Directory.load(
                roles: Set(events.flatMap { $0.recipients.map(\.role) }), on: sql)
            var rows = Rows(settings: settings, wording: wording, sla: sla)
            for event in events {
                try rows.add(
                    event.event, payload: event.payload, incidentID: event.incidentID, to: event.recipients,
                    except: event.author, at: event.createdAt, directory)
            }
            try await rows.insert(into: sql)
            try await OutboxStore.remove(events.map(\.id), on: sql)
            return events.count
        }
    }

    /// Notification, delivery and alert rows, written together with multi-row inserts.
    struct Rows {
        let settings: NotificationSettings
        let wording: Catalogue
        let sla: SLASettings
        var notifications: [[any CellValue]] = []
        var deliveries: [[any CellValue]] = []
        var alerts: [[any CellValue]] = []

        /// Everyone holding a recipient role, once each, reached through the first role listed.
        /// An alert that must be answered (#15 point 7) is one per role whose holders are told
        /// here (a person holding two roles answers once, the author needs no alarm); when
        /// every holder is away, or no one holds the role, the role's backup is told at once.
        mutating func add(
            _ event: NotificationEvent, payload: String, incidentID: UUID?, to recipients: [NotificationRecipient],
            except author: UUID?, at now: Date, _ directory: OutboxStore.Directory
        ) throws {
            var seen: Set<UUID> = author.map { [$0] } ?? []
            let answered = Acknowledgement.isRequired(event)
            for recipient in recipients {
                // An owner or a member is told alone, not with every holder of their role.
                let holders = (directory.holders[recipient.role] ?? []).filter {
                    recipient.person == nil || $0.id == recipient.person
                }
                let newlyTold = holders.filter { !seen.contains($0.id) }
                var alertID: UUID?
                if answered, let severity = event.severity, holders.isEmpty || !newlyTold.isEmpty {
                    let id = UUID.random()
                    alertID = id
                    let uncovered = !newlyTold.contains { !Acknowledgement.isAway(until: $0.awayUntil, at: now) }
                    let backups = directory.backups[recipient.role] ?? []
                    let stage: Acknowledgement.Stage = uncovered && !backups.isEmpty ? .backup : .holders
                    if stage == .backup { tellBackups(backups, event, incidentID: incidentID, as: recipient, at: now) }
                    alerts.append([
                        id, incidentID, event.kind.rawValue, recipient.role.rawValue, severity.rawValue, payload,
                        stage.rawValue, now,
                        Acknowledgement.dueAt(after: stage, since: now, delay: sla.acknowledgeDelay(for: severity)),
                        now,
                    ])
                }
                for person in holders where seen.insert(person.id).inserted {
                    tell(
                        person, event, payload: payload, incidentID: incidentID, as: recipient, alert: alertID, at: now)
                }
            }
            for hook in directory.webhooks
            where hook.eventKinds.contains(event.kind) && event.exercise.reaches(.webhooks) {
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

        /// One person's notification, and their e-mail unless they are away (the backup has it)
        /// or turned this kind off; an alert to answer is never muted.
        mutating func tell(
            _ person: OutboxStore.Directory.Person, _ event: NotificationEvent, payload: String, incidentID: UUID?,
            as recipient: NotificationRecipient, alert: UUID?, at now: Date
        ) {
            notifications.append([
                UUID.random(), person.id, incidentID, event.kind.rawValue, payload, recipient.role.rawValue,
                recipient.flow, now, alert,
            ])
            guard settings.sendmail != nil, !Acknowledgement.isAway(until: person.awayUntil, at: now) else { return }
            if alert == nil, person.emailOff.contains(event.kind) { return }
            let language = person.language ?? .fallback
            deliveries.append(
                Self.delivery(
                    incidentID, event, Outbox.Channel.email, person.email, nil,
                    NotificationText.subject(event, in: language, wording: wording),
                    NotificationText.body(event, for: recipient, in: language, wording: wording), now))
        }

        /// The role's backup contacts of annex 1, by e-mail: they may hold no account.
        mutating func tellBackups(
            _ addresses: [String], _ event: NotificationEvent, incidentID: UUID?, as recipient: NotificationRecipient,
            at now: Date
        ) {
            guard settings.sendmail != nil else { return }
            for address in addresses {
                deliveries.append(
                    Self.delivery(
                        incidentID, event, Outbox.Channel.email, address, nil,
                        NotificationText.subject(event, in: .fallback, wording: wording),
                        NotificationText.body(event, for: recipient, in: .fallback, wording: wording), now))
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
            try await AlertStore.insert(alerts, on: database)
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
