import FluentKit
import FluentSQL
import Foundation
import RiposteCore
import SQLKit

/// The sign-in attempts counted per key (`sign_in_attempts`). One transaction reads, judges and
/// counts every key of an attempt: on SQLite through the one writer, on PostgreSQL with the
/// rows locked in the keys' sorted order, whatever order the caller gives them in: an attempt
/// and a success name their keys in different orders (the person's own first), and three
/// sign-ins at once deadlocked on PostgreSQL when each locked in its own order. Concurrent
/// attempts are therefore counted one after the other, and none gets past the limit by
/// arriving at the same moment as another.
package struct SignInAttempts {
    package let database: any Database
    package let gate: WriteGate

    package init(database: any Database, gate: WriteGate) {
        self.database = database
        self.gate = gate
    }

    /// Counts one attempt against each key and returns nil, or, when one of them must wait,
    /// counts nothing and returns until when.
    package func attempt(_ keys: [(key: String, throttle: SignInThrottle)], at now: Date) async throws -> Date? {
        try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            var records: [(String, SignInThrottle.Record)] = []
            var waitUntil: Date?
            for (key, throttle) in keys.sorted(by: { $0.key < $1.key }) {
                try await sql.raw(
                    """
                    INSERT INTO sign_in_attempts (key, attempts, window_started_at) VALUES \
                    (\(bind: key), 0, \(bind: now)) ON CONFLICT (key) DO NOTHING
                    """
                ).run()
                switch throttle.attempt(try await Self.lockedRecord(key, on: sql), at: now) {
                case .allowed(let record): records.append((key, record))
                case .wait(let until): waitUntil = max(waitUntil ?? until, until)
                }
            }
            if let waitUntil { return waitUntil }
            for (key, record) in records {
                try await sql.raw(
                    """
                    UPDATE sign_in_attempts SET attempts = \(bind: record.attempts), \
                    window_started_at = \(bind: record.windowStartedAt), not_before = \(bind: record.notBefore) \
                    WHERE key = \(bind: key)
                    """
                ).run()
            }
            return nil
        }
    }

    /// The person got in: their own count from this address starts again, and the attempt is
    /// given back to the other keys (`SignInThrottle.afterSuccess`).
    package func succeeded(_ keys: [(key: String, throttle: SignInThrottle)]) async throws {
        try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            let own = keys.first?.key
            for (key, throttle) in keys.sorted(by: { $0.key < $1.key }) {
                if key == own {
                    try await sql.raw("DELETE FROM sign_in_attempts WHERE key = \(bind: key)").run()
                    continue
                }
                guard let stored = try await Self.lockedRecord(key, on: sql) else { continue }
                let record = throttle.afterSuccess(stored)
                try await sql.raw(
                    """
                    UPDATE sign_in_attempts SET attempts = \(bind: record.attempts), \
                    not_before = \(bind: record.notBefore) WHERE key = \(bind: key)
                    """
                ).run()
            }
        }
    }

    /// Deletes counts whose window ended long ago and that hold no wait.
    @discardableResult
    package func purge(at now: Date) async throws -> Int {
        let before = now.addingTimeInterval(-3600)
        return try await gate.transaction(on: database) { tx in
            try await tx.sql().raw(
                """
                DELETE FROM sign_in_attempts WHERE window_started_at < \(bind: before) \
                AND (not_before IS NULL OR not_before < \(bind: now)) RETURNING key
                """
            ).all().count
        }
    }

    /// A key's count, its row locked until the transaction ends.
    private static func lockedRecord(_ key: String, on sql: any SQLDatabase) async throws -> SignInThrottle.Record? {
        return try await sql.raw(
            """
            SELECT attempts, window_started_at, not_before FROM sign_in_attempts \
            WHERE key = \(bind: key)\(sql.engine.forUpdate)
            """
        ).first().map {
            SignInThrottle.Record(
                attempts: try $0.decode(column: "attempts", as: Int.self),
                windowStartedAt: try $0.decode(column: "window_started_at", as: Date.self),
                notBefore: try $0.decode(column: "not_before", as: Date?.self))
        }
    }

    /// Whether this browser signed in to this account before (its device cookie's digest).
    package func isKnown(device digest: String, email: String) async throws -> Bool {
        try await database.sql().raw(
            "SELECT 1 AS one FROM known_devices WHERE token_hash = \(bind: digest) AND email = \(bind: email)"
        ).first() != nil
    }

    /// Remembers a browser that signed in to this account.
    package func remember(device digest: String, email: String, at now: Date) async throws {
        try await gate.transaction(on: database) { tx in
            try await tx.sql().raw(
                """
                INSERT INTO known_devices (token_hash, email, created_at) VALUES \
                (\(bind: digest), \(bind: email), \(bind: now)) ON CONFLICT (token_hash) DO NOTHING
                """
            ).run()
        }
    }

    /// Forgets browsers older than `before`.
    package func forgetDevices(before: Date) async throws {
        try await gate.transaction(on: database) { tx in
            try await tx.sql().raw("DELETE FROM known_devices WHERE created_at < \(bind: before)").run()
        }
    }
}
