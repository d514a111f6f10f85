import Foundation
import RiposteCore
import SQLKit

/// Every message sent about an incident, its state and each attempt, as stored.
package struct DeliveryRecord: Sendable {
    package struct Attempt: Sendable {
        package let attempt: Int
        package let at: Date
        package let outcome: String
        package let error: String?

        package init(attempt: Int, at: Date, outcome: String, error: String?) {
            self.attempt = attempt
            self.at = at
            self.outcome = outcome
            self.error = error
        }
    }

    package let id: UUID
    package let event: String
    package let channel: String
    package let target: String
    package let webhookID: UUID?
    package let subject: String
    package let state: String
    package let attempts: Int
    package let nextAttemptAt: Date?
    package let lastError: String?
    package let createdAt: Date
    package let deliveredAt: Date?
    package let history: [Attempt]

    package init(
        id: UUID, event: String, channel: String, target: String, webhookID: UUID?, subject: String, state: String,
        attempts: Int, nextAttemptAt: Date?, lastError: String?, createdAt: Date, deliveredAt: Date?, history: [Attempt]
    ) {
        self.id = id
        self.event = event
        self.channel = channel
        self.target = target
        self.webhookID = webhookID
        self.subject = subject
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
        self.history = history
    }

    /// The incident's deliveries, oldest first, each with its attempts.
    /// The incident's deliveries, each with its attempts. The rows are read before the attempts,
    /// so a state (delivered, failed) never shows without the attempt that set it; attempts of a
    /// row's later claims, recorded between the two reads, are left out.
    package static func all(of incidentID: UUID, on sql: any SQLDatabase) async throws -> [DeliveryRecord] {
        let rows = try await sql.raw(
            """
            SELECT id, event, channel, target, webhook_id, subject, state, attempts, next_attempt_at, last_error, \
            created_at, delivered_at FROM deliveries WHERE incident_id = \(bind: incidentID) ORDER BY created_at, id
            """
        ).all()
        var history: [UUID: [Attempt]] = [:]
        for row in try await sql.raw(
            """
            SELECT delivery_attempts.delivery_id AS delivery_id, delivery_attempts.attempt AS attempt, \
            delivery_attempts.at AS at, delivery_attempts.outcome AS outcome, delivery_attempts.error AS error
            FROM delivery_attempts JOIN deliveries ON deliveries.id = delivery_attempts.delivery_id
            WHERE deliveries.incident_id = \(bind: incidentID) ORDER BY delivery_attempts.attempt
            """
        ).all() {
            history[try row.decode(column: "delivery_id", as: UUID.self), default: []].append(
                Attempt(
                    attempt: try row.decode(column: "attempt", as: Int.self),
                    at: try row.decode(column: "at", as: Date.self),
                    outcome: try row.decode(column: "outcome", as: String.self),
                    error: try row.decode(column: "error", as: String?.self)))
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            let attempts = try row.decode(column: "attempts", as: Int.self)
            return DeliveryRecord(
                id: id, event: try row.decode(column: "event", as: String.self),
                channel: try row.decode(column: "channel", as: String.self),
                target: try row.decode(column: "target", as: String.self),
                webhookID: try row.decode(column: "webhook_id", as: UUID?.self),
                subject: try row.decode(column: "subject", as: String.self),
                state: try row.decode(column: "state", as: String.self), attempts: attempts,
                nextAttemptAt: try row.decode(column: "next_attempt_at", as: Date?.self),
                lastError: try row.decode(column: "last_error", as: String?.self),
                createdAt: try row.decode(column: "created_at", as: Date.self),
                deliveredAt: try row.decode(column: "delivered_at", as: Date?.self),
                history: (history[id] ?? []).filter { $0.attempt <= attempts })
        }
    }
}

/// A delivery taken from the outbox to be sent now.
package struct ClaimedDelivery: Sendable {
    package let id: UUID
    package let channel: String
    package let target: String
    package let subject: String
    package let payload: String
    package let attempt: Int
    /// Set for a message a person wrote (#16 point 4): whose name it goes out in, and where
    /// answers go. Riposte's own notices have neither.
    package let sender: MessageSender?

    package init(
        id: UUID, channel: String, target: String, subject: String, payload: String, attempt: Int,
        sender: MessageSender? = nil
    ) {
        self.id = id
        self.channel = channel
        self.target = target
        self.subject = subject
        self.payload = payload
        self.attempt = attempt
        self.sender = sender
    }
}

/// Who a message a person wrote is from: the organisation's name, and the address answers go to.
package struct MessageSender: Sendable, Equatable {
    package let name: String
    package let replyTo: String?

    package init(name: String, replyTo: String?) {
        self.name = name
        self.replyTo = replyTo
    }
}

extension DeliveryRecord {
    /// The incident a delivery was about, if it was about one.
    package static func incident(ofDelivery id: UUID, on sql: any SQLDatabase) async throws -> UUID? {
        try await sql.raw("SELECT incident_id FROM deliveries WHERE id = \(bind: id)").first()?
            .decode(column: "incident_id", as: UUID?.self)
    }

    /// Takes the deliveries due at `now` (at most `limit`) for this sender until `until`, and
    /// counts the attempt, skipping those another sender holds.
    package static func claim(
        due now: Date, until: Date, limit: Int, on sql: any SQLDatabase
    ) async throws -> [ClaimedDelivery] {
        return try await sql.raw(
            """
            UPDATE deliveries SET claimed_until = \(bind: until), attempts = attempts + 1 WHERE id IN (\
            SELECT id FROM deliveries WHERE state = \(bind: DeliveryState.pending.rawValue) \
            AND next_attempt_at <= \(bind: now) AND (claimed_until IS NULL OR claimed_until <= \(bind: now)) \
            ORDER BY next_attempt_at LIMIT \(literal: limit)\(sql.engine.skipLocked)) \
            RETURNING id, channel, target, subject, payload, attempts, sender_name, reply_to
            """
        ).all().map { row in
            ClaimedDelivery(
                id: try row.decode(column: "id", as: UUID.self),
                channel: try row.decode(column: "channel", as: String.self),
                target: try row.decode(column: "target", as: String.self),
                subject: try row.decode(column: "subject", as: String.self),
                payload: try row.decode(column: "payload", as: String.self),
                attempt: try row.decode(column: "attempts", as: Int.self),
                sender: try row.decode(column: "sender_name", as: String?.self).map {
                    MessageSender(name: $0, replyTo: try row.decode(column: "reply_to", as: String?.self))
                })
        }
    }

    /// The outcome of an attempt: the delivery's new state, and the attempt in its history.
    package static func recordAttempt(
        of delivery: ClaimedDelivery, state: DeliveryState, nextAttemptAt: Date?, error: String?, at now: Date,
        on sql: any SQLDatabase
    ) async throws {
        try await sql.raw(
            """
            UPDATE deliveries SET state = \(bind: state.rawValue), next_attempt_at = \(bind: nextAttemptAt), \
            claimed_until = NULL, last_error = \(bind: error), \
            delivered_at = \(bind: error == nil ? now : nil as Date?) WHERE id = \(bind: delivery.id)
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO delivery_attempts (id, delivery_id, attempt, at, outcome, error) VALUES \
            (\(bind: UUID.random()), \(bind: delivery.id), \(bind: delivery.attempt), \(bind: now), \
            \(bind: error == nil ? "delivered" : "failed"), \(bind: error))
            """
        ).run()
    }
}
