import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// A person's own account and an administrator's hold on everyone's (#13): change one's password,
/// reset someone's, disable and enable people, create, list and revoke API tokens. Called alike
/// by the API, the pages and the command line (`actor` nil: the server's operator).
struct AccountActions: Sendable {
    let store: AccountStore
    let passwords: PasswordWork
    let actor: ActingPerson?
    let now: Date

    static let wrongPassword = FieldError(field: "currentPassword", problem: .invalid)
    static let notYourself = Refusal.ownAccount
    /// A token lives at most this long when given an expiry (five years).
    static let maxTokenDays = 1_826

    private func require(_ action: Permission) throws {
        if let actor, !actor.can(action) { throw LifecycleError.forbidden(action) }
    }

    private var eventLoop: any EventLoop { store.database.eventLoop }

    /// A service account (an integration's, a report link's) is no person: it is never enabled,
    /// given a password or a token, whoever asks; to everyone it does not exist.
    private func requirePerson(_ userID: UUID) async throws -> AccountStore.Person {
        guard let person = try await store.person(id: userID),
            !(try await PeopleStore.isServiceAccount(userID, on: store.database.sql()))
        else { throw Refusal.notFound(.user) }
        return person
    }

    /// One's own new password, the current one given; the other sessions end, `keep` (the one
    /// it is done from) stays.
    func changePassword(current: String, new: String, confirmation: String?, keep: UUID?) async throws {
        guard let actor, let person = try await store.person(id: actor.id) else { throw Refusal.unauthenticated }
        let password = try FieldError.check { () throws(FieldError) in
            try passwords.check(new, confirmation: confirmation, field: "newPassword")
        }
        guard try await passwords.verify(current, created: person.passwordHash, on: eventLoop) else {
            throw Self.wrongPassword
        }
        let hash = try await passwords.hash(password, on: eventLoop)
        try await store.setPassword(of: actor.id, hash: hash, mustChange: false, keep: keep)
    }

    /// A temporary password for someone (administrators): shown once, never stored but hashed,
    /// to be changed at the next sign-in; their sessions end.
    func resetPassword(of userID: UUID) async throws -> String {
        try require(.manageUsers)
        _ = try await requirePerson(userID)
        let temporary = Self.temporaryPassword()
        let hash = try await passwords.hash(temporary, on: eventLoop)
        try await store.setPassword(of: userID, hash: hash, mustChange: true, keep: nil)
        return temporary
    }

    /// Disables (sign-in and tokens refused from the next request, sessions ended) or enables a
    /// person; their name stays on the journal.
    func setDisabled(_ userID: UUID, _ disabled: Bool) async throws {
        try require(.manageUsers)
        if disabled, actor?.id == userID { throw Self.notYourself }
        _ = try await requirePerson(userID)
        guard try await store.setDisabled(userID, disabled, at: now) else { throw Refusal.notFound(.user) }
    }

    /// A new token for `userID`, printed once; only its digest is stored. A person makes tokens
    /// for themselves only (a token for someone else would act, and sign the journal, in their
    /// name); the server's operator makes them for anyone.
    func createToken(
        for userID: UUID, name rawName: String, expiresInDays: Int?
    ) async throws -> (
        token: String, entry: AccountStore.Token
    ) {
        if let actor, actor.id != userID { throw LifecycleError.forbidden(.manageUsers) }
        let name = try FieldError.check { () throws(FieldError) in
            try TextRule.required(rawName, field: "name", max: FieldLimits.name)
        }
        if let days = expiresInDays, !(1...Self.maxTokenDays).contains(days) {
            throw FieldError(field: "expiresInDays", problem: .outOfRange, limit: Self.maxTokenDays)
        }
        let person = try await requirePerson(userID)
        let token = TokenDigest.newToken()
        let expiresAt = expiresInDays.map { now.addingTimeInterval(Double($0) * 86_400) }
        let id = try await store.createToken(
            for: userID, digest: TokenDigest.digest(token), name: name, expiresAt: expiresAt, at: now)
        return (
            token,
            AccountStore.Token(
                id: id, userID: userID, userEmail: person.email, name: name, createdAt: JournalClock.truncate(now),
                expiresAt: expiresAt.map(JournalClock.truncate), lastUsedAt: nil)
        )
    }

    /// One's own tokens; everyone's for an administrator who asks (`all`) and the operator.
    func tokens(all: Bool) async throws -> [AccountStore.Token] {
        guard let actor else { return try await store.tokens(of: nil) }
        if all {
            try require(.manageUsers)
            return try await store.tokens(of: nil)
        }
        return try await store.tokens(of: actor.id)
    }

    /// Revokes one's own token, or anyone's for an administrator and the operator.
    func revokeToken(_ id: UUID) async throws {
        let owner = actor.flatMap { $0.can(.manageUsers) ? nil : $0.id }
        guard try await store.revokeToken(id, of: owner) else { throw Refusal.notFound(.token) }
    }

    /// 20 letters and digits without look-alikes (about 100 bits), grouped by five to be read out.
    static func temporaryPassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return stride(from: 0, to: 20, by: 5).map { String(characters[$0..<$0 + 5]) }.joined(separator: "-")
    }
}

extension Request {
    var account: AccountActions {
        get throws {
            AccountActions(
                store: application.accounts(on: db), passwords: application.passwordWork,
                actor: try actingPerson, now: now)
        }
    }
}
