import FluentKit
import FluentSQL
import Foundation
import RiposteCore
import SQLKit

/// People's accounts and API tokens as the lifecycle of #13 needs them: passwords changed or
/// reset, people disabled and enabled, tokens named, expiring, used, listed and revoked. Every
/// write goes through the write gate; every change that takes access away ends the person's
/// sessions in the same transaction and drops the tokens kept in memory after it.
package struct AccountStore {
    package let database: any Database
    package let gate: WriteGate
    package let tokens: KnownTokens

    package init(database: any Database, gate: WriteGate, tokens: KnownTokens) {
        self.database = database
        self.gate = gate
        self.tokens = tokens
    }

    /// An API token as its owner and administrators see it (never the token itself).
    package struct Token: Sendable {
        package let id: UUID
        package let userID: UUID
        package let userEmail: String
        package let name: String
        package let createdAt: Date
        package let expiresAt: Date?
        package let lastUsedAt: Date?

        package init(
            id: UUID, userID: UUID, userEmail: String, name: String, createdAt: Date, expiresAt: Date?,
            lastUsedAt: Date?
        ) {
            self.id = id
            self.userID = userID
            self.userEmail = userEmail
            self.name = name
            self.createdAt = createdAt
            self.expiresAt = expiresAt
            self.lastUsedAt = lastUsedAt
        }
    }

    /// Who a token signs in, and what decides whether it still may.
    package struct TokenHolder: Sendable {
        package let tokenID: UUID
        package let user: ActingPerson
        package let expiresAt: Date?
        package let lastUsedAt: Date?

        package init(tokenID: UUID, user: ActingPerson, expiresAt: Date?, lastUsedAt: Date?) {
            self.tokenID = tokenID
            self.user = user
            self.expiresAt = expiresAt
            self.lastUsedAt = lastUsedAt
        }
    }

    package struct Person: Sendable {
        package let id: UUID
        package let email: String
        package let passwordHash: String
        package let disabled: Bool
        package let mustChangePassword: Bool

        package init(id: UUID, email: String, passwordHash: String, disabled: Bool, mustChangePassword: Bool) {
            self.id = id
            self.email = email
            self.passwordHash = passwordHash
            self.disabled = disabled
            self.mustChangePassword = mustChangePassword
        }
    }

    package func person(email: String) async throws -> Person? {
        try await person(where: "email = \(bind: email)")
    }

    package func person(id: UUID) async throws -> Person? {
        try await person(where: "id = \(bind: id)")
    }

    private func person(where condition: SQLQueryString) async throws -> Person? {
        guard
            let row = try await database.sql().raw(
                "SELECT id, email, password_hash, disabled_at, must_change_password FROM users WHERE " + condition
            ).first()
        else { return nil }
        return Person(
            id: try row.decode(column: "id", as: UUID.self), email: try row.decode(column: "email", as: String.self),
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            disabled: try row.decode(column: "disabled_at", as: Date?.self) != nil,
            mustChangePassword: try row.decode(column: "must_change_password", as: Bool?.self) ?? false)
    }

    /// A new password; every session but `keep` ends (a reset ends them all and asks for a new
    /// password at the next sign-in).
    package func setPassword(of userID: UUID, hash: String, mustChange: Bool, keep: UUID?) async throws {
        try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            try await sql.raw(
                """
                UPDATE users SET password_hash = \(bind: hash), must_change_password = \(bind: mustChange) \
                WHERE id = \(bind: userID)
                """
            ).run()
            try await WebSessionStore.endAll(of: userID, except: keep, on: sql)
            // A reset is for a person who lost control of their account: their feed's address too.
            if mustChange { try await CalendarStore.end(of: userID, on: sql) }
        }
    }

    /// Disables (their sessions end, their tokens stop working) or enables a person; false when
    /// there is no such person.
    package func setDisabled(_ userID: UUID, _ disabled: Bool, at now: Date) async throws -> Bool {
        let found = try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            if disabled {
                // Someone must always be able to manage the organisation.
                let admins = try await sql.raw(
                    """
                    SELECT role_assignments.user_id AS id FROM role_assignments JOIN users \
                    ON users.id = role_assignments.user_id WHERE role_assignments.role = 'admin' \
                    AND users.disabled_at IS NULL
                    """
                ).all().map { try $0.decode(column: "id", as: UUID.self) }
                if admins == [userID] { throw Refusal.lastAdministrator }
            }
            let updated =
                try await sql.raw(
                    """
                    UPDATE users SET disabled_at = \(bind: disabled ? now : nil) WHERE id = \(bind: userID) \
                    RETURNING id
                    """
                ).first() != nil
            // Enabled again, a person makes a new address: the old one stays ended.
            if disabled { try await CalendarStore.end(of: userID, on: sql) }
            if updated && disabled { try await WebSessionStore.endAll(of: userID, on: sql) }
            return updated
        }
        tokens.holders.invalidate()
        return found
    }

    /// Stores a new token's digest; its id.
    package func createToken(
        for userID: UUID, digest: String, name: String, expiresAt: Date?, at now: Date
    ) async throws -> UUID {
        let id = UUID.random()
        try await gate.transaction(on: database) { tx in
            try await tx.sql().raw(
                """
                INSERT INTO api_tokens (id, user_id, token_hash, created_at, name, expires_at) VALUES \
                (\(bind: id), \(bind: userID), \(bind: digest), \(bind: now), \(bind: name), \(bind: expiresAt))
                """
            ).run()
        }
        return id
    }

    /// The tokens of one person, or everyone's.
    package func tokens(of userID: UUID?) async throws -> [Token] {
        let filter: SQLQueryString = userID.map { "WHERE api_tokens.user_id = \(bind: $0)" } ?? ""
        return try await database.sql().raw(
            """
            SELECT api_tokens.id AS id, api_tokens.user_id AS user_id, users.email AS email, api_tokens.name AS name, \
            api_tokens.created_at AS created_at, api_tokens.expires_at AS expires_at, \
            api_tokens.last_used_at AS last_used_at FROM api_tokens JOIN users ON users.id = api_tokens.user_id
            """ + " " + filter + " ORDER BY api_tokens.created_at, api_tokens.id"
        ).all().map { row in
            Token(
                id: try row.decode(column: "id", as: UUID.self),
                userID: try row.decode(column: "user_id", as: UUID.self),
                userEmail: try row.decode(column: "email", as: String.self),
                name: try row.decode(column: "name", as: String?.self) ?? "",
                createdAt: try row.decode(column: "created_at", as: Date.self),
                expiresAt: try row.decode(column: "expires_at", as: Date?.self),
                lastUsedAt: try row.decode(column: "last_used_at", as: Date?.self))
        }
    }

    /// Revokes a token (of `owner` only, when given); false when there is no such token.
    package func revokeToken(_ id: UUID, of owner: UUID?) async throws -> Bool {
        let condition: SQLQueryString = owner.map { " AND user_id = \(bind: $0)" } ?? ""
        let found = try await gate.transaction(on: database) { tx in
            try await tx.sql().raw("DELETE FROM api_tokens WHERE id = \(bind: id)" + condition + " RETURNING id")
                .first() != nil
        }
        tokens.holders.invalidate()
        return found
    }

    /// The token with this digest and its person, unless the person is disabled.
    package func holder(digest: String) async throws -> TokenHolder? {
        let rows = try await database.sql().raw(
            """
            SELECT api_tokens.id AS token_id, api_tokens.expires_at AS expires_at, \
            api_tokens.last_used_at AS last_used_at, users.id AS user_id, users.name AS user_name, \
            role_assignments.role AS role
            FROM api_tokens
            JOIN users ON users.id = api_tokens.user_id
            LEFT JOIN role_assignments ON role_assignments.user_id = users.id
            WHERE api_tokens.token_hash = \(bind: digest) AND users.disabled_at IS NULL
            """
        ).all()
        guard let first = rows.first else { return nil }
        let names = try rows.compactMap { try $0.decode(column: "role", as: String?.self) }
        return TokenHolder(
            tokenID: try first.decode(column: "token_id", as: UUID.self),
            user: ActingPerson(
                id: try first.decode(column: "user_id", as: UUID.self),
                name: try first.decode(column: "user_name", as: String.self),
                roles: Set(names.compactMap(Role.init(rawValue:)))),
            expiresAt: try first.decode(column: "expires_at", as: Date?.self),
            lastUsedAt: try first.decode(column: "last_used_at", as: Date?.self))
    }

    package func touchToken(_ id: UUID, at now: Date) async throws {
        try await gate.transaction(on: database) { tx in
            try await tx.sql().raw("UPDATE api_tokens SET last_used_at = \(bind: now) WHERE id = \(bind: id)").run()
        }
    }
}
