import FluentKit
import FluentSQL
import Foundation
import RiposteCore
import SQLKit

/// The page sessions (`web_sessions`): found by the digest of their cookie's token, written
/// only through the write gate (on SQLite, the one writer), and only when something changes:
/// at sign-in, sign-out, once a minute at most for the last-seen time, and when they end.
package struct WebSessionStore {
    package let database: any Database
    package let gate: WriteGate

    package init(database: any Database, gate: WriteGate) {
        self.database = database
        self.gate = gate
    }

    /// A session with the person it signs in, as stored now.
    package struct Found: Sendable {
        package let id: UUID
        package let csrf: String
        package let createdAt: Date
        package let lastSeenAt: Date
        package let user: ActingPerson
        package let language: Language?
        /// An administrator reset the password: a new one must be chosen before anything else.
        package let mustChangePassword: Bool

        package init(
            id: UUID, csrf: String, createdAt: Date, lastSeenAt: Date, user: ActingPerson, language: Language?,
            mustChangePassword: Bool
        ) {
            self.id = id
            self.csrf = csrf
            self.createdAt = createdAt
            self.lastSeenAt = lastSeenAt
            self.user = user
            self.language = language
            self.mustChangePassword = mustChangePassword
        }
    }

    /// What a person sees of one of their sessions.
    package struct Listed: Sendable {
        package let id: UUID
        package let createdAt: Date
        package let lastSeenAt: Date
        package let userAgent: String?
        package let address: String?

        package init(id: UUID, createdAt: Date, lastSeenAt: Date, userAgent: String?, address: String?) {
            self.id = id
            self.createdAt = createdAt
            self.lastSeenAt = lastSeenAt
            self.userAgent = userAgent
            self.address = address
        }
    }

    package func find(tokenHash: String) async throws -> Found? {
        let rows = try await database.sql().raw(
            """
            SELECT web_sessions.id AS id, web_sessions.csrf_token AS csrf, web_sessions.created_at AS created_at, \
            web_sessions.last_seen_at AS last_seen_at, users.id AS user_id, users.name AS name, \
            users.language AS language, users.must_change_password AS must_change, role_assignments.role AS role \
            FROM web_sessions JOIN users ON users.id = web_sessions.user_id \
            LEFT JOIN role_assignments ON role_assignments.user_id = users.id \
            WHERE web_sessions.token_hash = \(bind: tokenHash) AND users.disabled_at IS NULL
            """
        ).all()
        guard let first = rows.first else { return nil }
        let roles = Set(try rows.compactMap { try $0.decode(column: "role", as: String?.self) }.compactMap(Role.init))
        return Found(
            id: try first.decode(column: "id", as: UUID.self),
            csrf: try first.decode(column: "csrf", as: String.self),
            createdAt: try first.decode(column: "created_at", as: Date.self),
            lastSeenAt: try first.decode(column: "last_seen_at", as: Date.self),
            user: ActingPerson(
                id: try first.decode(column: "user_id", as: UUID.self),
                name: try first.decode(column: "name", as: String.self), roles: roles),
            language: try first.decode(column: "language", as: String?.self).flatMap(Language.init(rawValue:)),
            mustChangePassword: try first.decode(column: "must_change", as: Bool?.self) ?? false)
    }

    /// A new session for `userID`; `replacing` is ended in the same transaction.
    package func create(
        userID: UUID, tokenHash: String, csrf: String, at now: Date, userAgent: String?, address: String?,
        replacing old: UUID?
    ) async throws -> UUID {
        let id = UUID.random()
        try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            if let old { try await sql.raw("DELETE FROM web_sessions WHERE id = \(bind: old)").run() }
            try await sql.raw(
                """
                INSERT INTO web_sessions (id, token_hash, user_id, csrf_token, created_at, last_seen_at, user_agent, \
                address) VALUES (\(bind: id), \(bind: tokenHash), \(bind: userID), \(bind: csrf), \(bind: now), \
                \(bind: now), \(bind: userAgent), \(bind: address))
                """
            ).run()
        }
        return id
    }

    package func touch(_ id: UUID, at now: Date) async throws {
        try await gate.transaction(on: database) { tx in
            try await tx.sql().raw("UPDATE web_sessions SET last_seen_at = \(bind: now) WHERE id = \(bind: id)").run()
        }
    }

    /// Ends one session of `userID`; false when they have none with this id.
    @discardableResult
    package func end(_ id: UUID, of userID: UUID) async throws -> Bool {
        try await gate.transaction(on: database) { tx in
            try await tx.sql().raw(
                "DELETE FROM web_sessions WHERE id = \(bind: id) AND user_id = \(bind: userID) RETURNING id"
            ).first() != nil
        }
    }

    package func list(of userID: UUID) async throws -> [Listed] {
        try await database.sql().raw(
            """
            SELECT id, created_at, last_seen_at, user_agent, address FROM web_sessions \
            WHERE user_id = \(bind: userID) ORDER BY last_seen_at DESC, id
            """
        ).all().map { row in
            Listed(
                id: try row.decode(column: "id", as: UUID.self),
                createdAt: try row.decode(column: "created_at", as: Date.self),
                lastSeenAt: try row.decode(column: "last_seen_at", as: Date.self),
                userAgent: try row.decode(column: "user_agent", as: String?.self),
                address: try row.decode(column: "address", as: String?.self))
        }
    }

    /// Deletes the sessions that are over; how many.
    @discardableResult
    package func purge(_ policy: SessionPolicy, at now: Date) async throws -> Int {
        let bounds = policy.purgeBounds(at: now)
        return try await gate.transaction(on: database) { tx in
            try await tx.sql().raw(
                """
                DELETE FROM web_sessions WHERE last_seen_at <= \(bind: bounds.lastSeenBefore) \
                OR created_at <= \(bind: bounds.createdBefore) RETURNING id
                """
            ).all().count
        }
    }
}

extension WebSessionStore {
    /// Ends every session of a person, but `except` (the one they act from), inside a write
    /// that is already under way: a new password, new roles, a disabled account.
    package static func endAll(of userID: UUID, except: UUID? = nil, on sql: any SQLDatabase) async throws {
        if let except {
            try await sql.raw(
                "DELETE FROM web_sessions WHERE user_id = \(bind: userID) AND id <> \(bind: except)"
            ).run()
        } else {
            try await sql.raw("DELETE FROM web_sessions WHERE user_id = \(bind: userID)").run()
        }
    }
}
