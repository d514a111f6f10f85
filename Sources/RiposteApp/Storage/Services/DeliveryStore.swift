import Foundation
import RiposteCore
import SQLKit

/// Every message sent about an incident, its state and each attempt, as stored.
struct DeliveryRecord: Sendable {
    struct Attempt: Sendable {
        let attempt: Int
        let at: Date
        let outcome: String
        let error: String?
    }

    let id: UUID
    let event: String
    let channel: String
    let target: String
    let webhookID: UUID?
    let subject: String
    let state: String
    let attempts: Int
    let nextAttemptAt: Date?
    let lastError: String?
    let createdAt: Date
    let deliveredAt: Date?
    let history: [Attempt]

    /// The incident's deliveries, oldest first, each with its attempts.
    static func all(of incidentID: UUID, on sql: any SQLDatabase) async throws -> [DeliveryRecord] {
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
        return try await sql.raw(
            """
            SELECT id, event, channel, target, webhook_id, subject, state, attempts, next_attempt_at, last_error, \
            created_at, delivered_at FROM deliveries WHERE incident_id = \(bind: incidentID) ORDER BY created_at, id
            """
        ).all().map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return DeliveryRecord(
                id: id, event: try row.decode(column: "event", as: String.self),
                channel: try row.decode(column: "channel", as: String.self),
                target: try row.decode(column: "target", as: String.self),
                webhookID: try row.decode(column: "webhook_id", as: UUID?.self),
                subject: try row.decode(column: "subject", as: String.self),
                state: try row.decode(column: "state", as: String.self),
                attempts: try row.decode(column: "attempts", as: Int.self),
                nextAttemptAt: try row.decode(column: "next_attempt_at", as: Date?.self),
                lastError: try row.decode(column: "last_error", as: String?.self),
                createdAt: try row.decode(column: "created_at", as: Date.self),
                deliveredAt: try row.decode(column: "delivered_at", as: Date?.self), history: history[id] ?? [])
        }
    }
}

/// A delivery taken from the outbox to be sent now.
struct ClaimedDelivery: Sendable {
    let id: UUID
    let channel: String
    let target: String
    let subject: String
    let payload: String
    let attempt: Int
}

extension DeliveryRecord {
    /// Takes the deliveries due at `now` (at most `limit`) for this sender until `until`, and
    /// counts the attempt; on PostgreSQL skipping those another sender holds.
    static func claim(due now: Date, until: Date, limit: Int, on sql: any SQLDatabase) async throws -> [ClaimedDelivery]
    {
        let skipLocked: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        return try await sql.raw(
            """
            UPDATE deliveries SET claimed_until = \(bind: until), attempts = attempts + 1 WHERE id IN (\
            SELECT id FROM deliveries WHERE state = \(bind: DeliveryState.pending.rawValue) \
            AND next_attempt_at <= \(bind: now) AND (claimed_until IS NULL OR claimed_until <= \(bind: now)) \
            ORDER BY next_attempt_at LIMIT \(literal: limit)\(skipLocked)) \
            RETURNING id, channel, target, subject, payload, attempts
            """
        ).all().map { row in
            ClaimedDelivery(
                id: try row.decode(column: "id", as: UUID.self),
                channel: try row.decode(column: "channel", as: String.self),
                target: try row.decode(column: "target", as: String.self),
                subject: try row.decode(column: "subject", as: String.self),
                payload: try row.decode(column: "payload", as: String.self),
                attempt: try row.decode(column: "attempts", as: Int.self))
        }
    }

    /// The outcome of an attempt: the delivery's new state, and the attempt in its history.
    static func recordAttempt(
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
