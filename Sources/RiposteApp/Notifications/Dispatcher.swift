import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// Something that carries a message: e-mail through sendmail, a webhook over HTTP.
protocol DeliveryTransport: Sendable {
    /// Returns when the message was handed over; throws `DeliveryFailure` to retry later.
    func send(_ delivery: ClaimedDelivery) async throws
}

/// Sends what the outbox holds. Each delivery is first claimed for a while (with
/// `SKIP LOCKED` on PostgreSQL, under the write lock on SQLite), so several instances never
/// send one message twice; a failure is retried with the policy's backoff, and every
/// attempt is recorded. A message is marked sent only after the channel took it: a crash
/// in between sends it again once the claim runs out (at least once, never silently lost).
struct Dispatcher: Sendable {
    let database: any Database
    let gate: WriteGate
    let policy: DeliveryPolicy
    let transport: any DeliveryTransport
    /// Waiting events become deliveries before each round of sending.
    let fanOut: OutboxFanOut
    var logger: Logger?

    static let batch = 20
    /// Longer than any send may take (the transports time out well before).
    static let claimDuration: TimeInterval = 120

    struct Summary: Sendable, Equatable {
        var delivered = 0
        var retried = 0
        var failed = 0
        var total: Int { delivered + retried + failed }
    }

    /// Sends everything due at `now`, batch after batch, until nothing is left.
    func run(at now: @Sendable () -> Date) async throws -> Summary {
        var summary = Summary()
        // A failing follow-up must not hold up the messages already waiting.
        do {
            try await AlertFollowUp(fanOut: fanOut).run(at: now())
        } catch {
            logger?.error("alert-follow-up-failed", metadata: ["error": "\(error)"])
        }
        while true {
            try await fanOut.run()
            let claimed = try await claim(at: now())
            if claimed.isEmpty { return summary }
            for delivery in claimed {
                do {
                    try await transport.send(delivery)
                    try await record(delivery, error: nil, at: now(), into: &summary)
                } catch {
                    try await record(delivery, error: DeliveryFailure(error).stored, at: now(), into: &summary)
                }
            }
        }
    }

    private func claim(at now: Date) async throws -> [ClaimedDelivery] {
        let until = now.addingTimeInterval(Self.claimDuration)
        return try await gate.transaction(on: database) { tx in
            try await DeliveryRecord.claim(due: now, until: until, limit: Self.batch, on: tx.sql())
        }
    }

    private func record(
        _ delivery: ClaimedDelivery, error: String?, at now: Date, into summary: inout Summary
    )
        async throws
    {
        let next: DeliveryPolicy.Next? = error == nil ? nil : policy.afterFailure(attempt: delivery.attempt, at: now)
        let state: DeliveryState
        let nextAttemptAt: Date?
        switch next {
        case nil: (state, nextAttemptAt) = (.delivered, nil)
        case .retry(let at): (state, nextAttemptAt) = (.pending, at)
        case .giveUp: (state, nextAttemptAt) = (.failed, nil)
        }
        try await gate.transaction(on: database) { tx in
            try await DeliveryRecord.recordAttempt(
                of: delivery, state: state, nextAttemptAt: nextAttemptAt, error: error, at: now, on: tx.sql())
        }
        switch state {
        case .delivered: summary.delivered += 1
        case .pending: summary.retried += 1
        case .failed: summary.failed += 1
        }
    }
}

extension Application {
    var dispatcher: Dispatcher {
        Dispatcher(
            database: db, gate: writeGate, policy: notificationSettings.policy,
            transport: LiveTransport(
                mail: notificationSettings.sendmail.map {
                    SendmailTransport(command: $0, from: notificationSettings.mailFrom)
                }, eventLoopGroup: eventLoopGroup, targets: webhookTargets, threadPool: threadPool),
            fanOut: outboxFanOut, logger: logger)
    }
}
