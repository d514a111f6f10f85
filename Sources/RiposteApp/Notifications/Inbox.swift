import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// One person's notifications, as the API and the pages both show them: written in the
/// reader's language at reading time, from the event stored with each.
struct Inbox: Sendable {
    let database: any Database
    let gate: WriteGate
    let user: UUID
    let wording: Catalogue
    /// Fans out waiting events first (once per request, see `Request.settleOutbox`).
    let settle: @Sendable () async throws -> Void

    func items(limit: Int, unreadOnly: Bool, in language: Language) async throws -> [NotificationDTO] {
        try await settle()
        return try await NotificationStore.latest(of: user, limit: limit, unreadOnly: unreadOnly, on: database.sql())
            .map { stored in
                NotificationDTO(
                    id: stored.id, event: stored.event.kind, incidentId: stored.incidentID,
                    incidentNumber: stored.event.incidentNumber,
                    subject: NotificationText.subject(stored.event, in: language, wording: wording),
                    text: NotificationText.body(stored.event, for: stored.recipient, in: language, wording: wording),
                    role: stored.recipient.role, flow: stored.recipient.flow, createdAt: stored.createdAt,
                    readAt: stored.readAt, needsAcknowledgement: stored.alertID != nil,
                    acknowledgedAt: stored.acknowledgedAt, acknowledgedBy: stored.acknowledgedBy)
            }
    }

    func unreadCount() async throws -> Int {
        try await settle()
        return try await NotificationStore.unreadCount(of: user, on: database.sql())
    }

    /// Acknowledges the alert of one of the person's notifications for their role (#15 point 7):
    /// someone else's notification is not found; one that is no alert is refused.
    func acknowledge(_ id: UUID, at now: Date) async throws {
        let user = self.user
        let answer = try await gate.transaction(on: database) { tx in
            try await AlertStore.acknowledge(notification: id, by: user, at: now, on: tx.sql())
        }
        switch answer {
        case .notFound: throw Refusal.notFound(.notification)
        case .notAnAlert: throw Refusal.notAnAlert
        case .acknowledged: return
        }
    }

    /// Acknowledges an alert of an incident the person was told of; one they were not told of
    /// is not found for them.
    func acknowledge(alert id: UUID, at now: Date) async throws {
        let user = self.user
        guard let notification = try await AlertStore.notification(of: id, for: user, on: database.sql()) else {
            throw Refusal.notFound(.notification)
        }
        try await acknowledge(notification, at: now)
    }

    /// Marks one of the person's notifications read; false when they have none with this id.
    func markRead(_ id: UUID, at now: Date) async throws -> Bool {
        let user = self.user
        return try await gate.transaction(on: database) { tx in
            try await NotificationStore.markRead(id, of: user, at: now, on: tx.sql())
        }
    }
}

extension Request {
    func inbox(of user: ActingPerson) -> Inbox {
        Inbox(
            database: db, gate: application.writeGate, user: user.id, wording: application.catalogue,
            settle: settleOutbox)
    }
}
