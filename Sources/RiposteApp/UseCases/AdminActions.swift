import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// The organisation's preparation (§4.1): people and their roles, essential activities and
/// their RTO, SLA targets, incident types. Called by the API, the administration pages and
/// the command line alike. `actor` is nil for the command line (the server's operator).
struct AdminActions: Sendable {
    let database: any Database
    let gate: WriteGate
    let tokens: KnownTokens
    let passwords: PasswordWork
    let actor: ActingPerson?
    let now: Date

    func require(_ action: Permission) throws {
        if let actor, !actor.can(action) { throw LifecycleError.forbidden(action) }
    }

    /// A new person with their roles; the address is their sign-in name, unique.
    @discardableResult
    func createUser(
        email rawEmail: String, name rawName: String, password rawPassword: String, roles: Set<Role>
    )
        async throws -> UUID
    {
        try require(.manageUsers)
        let (email, name, password) = try FieldError.check { () throws(FieldError) in
            (
                try CredentialRules.email(rawEmail),
                try TextRule.required(rawName, field: "name", max: FieldLimits.name),
                try passwords.check(rawPassword)
            )
        }
        let hash = try await passwords.hash(password, on: database.eventLoop)
        let id = UUID.random()
        let now = self.now
        try await unique(Self.duplicateEmail) {
            try await gate.transaction(on: database) { tx in
                let sql = try tx.sql()
                guard try await !PeopleStore.emailTaken(email, on: sql) else { throw Self.duplicateEmail }
                try await PeopleStore.insert(
                    id: id, email: email, name: name, hash: hash, language: nil,
                    roles: roles.isEmpty ? [.reporter] : roles, at: now, on: sql)
            }
        } recheck: {
            try await PeopleStore.emailTaken(email, on: database.sql())
        }
        return id
    }

    /// Replaces a person's roles. The last administrator cannot lose the role: someone must
    /// always be able to manage the organisation.
    func setRoles(of userID: UUID, to roles: Set<Role>) async throws {
        try require(.manageUsers)
        try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            guard try await PeopleStore.exists(userID, on: sql) else { throw Refusal.notFound(.user) }
            if !roles.contains(.admin), try await PeopleStore.otherActiveAdmins(than: userID, on: sql) == 0 {
                throw Self.lastAdmin
            }
            guard try await PeopleStore.roles(of: userID, on: sql) != roles else { return }
            try await PeopleStore.replaceRoles(of: userID, with: roles, on: sql)
            // Signed in with other roles: they sign in again and see what they may do now.
            try await WebSessionStore.endAll(of: userID, on: sql)
        }
        // After the commit: a request that read the old roles meanwhile is not kept either.
        tokens.holders.invalidate()
    }

    /// An essential activity of the BCP and its Recovery Time Objective.
    @discardableResult
    func createActivity(
        name rawName: String, rto rawRTO: String, notation: DurationNotation = .iso
    ) async throws -> (id: UUID, name: String, rto: ISODuration) {
        try require(.manageActivities)
        let (name, rto) = try FieldError.check { () throws(FieldError) in
            (
                try TextRule.required(rawName, field: "name", max: FieldLimits.name),
                try DurationRule.check(rawRTO, field: "rto", notation: notation)
            )
        }
        let id = UUID.random()
        try await unique(Self.duplicateActivity) {
            try await gate.transaction(on: database) { tx in
                let sql = try tx.sql()
                guard try await !SettingsStore.activityExists(named: name, on: sql) else {
                    throw Self.duplicateActivity
                }
                try await SettingsStore.insertActivity(id, name: name, rto: rto, on: sql)
            }
        } recheck: {
            try await SettingsStore.activityExists(named: name, on: database.sql())
        }
        return (id, name, rto)
    }

    /// After how many working days a review not done is recalled to the incident manager.
    func saveReviewReminder(workingDays: Int) async throws {
        try require(.manageSettings)
        guard SLASettings.reviewReminderRange.contains(workingDays) else {
            throw FieldError(
                field: "workingDays", problem: .outOfRange, limit: SLASettings.reviewReminderRange.upperBound)
        }
        try await SettingsStore(database: database, gate: gate).saveReviewReminder(workingDays: workingDays)
    }

    /// New SLA targets for some severities (the others keep theirs).
    func saveSLA(_ changes: [Severity: SeverityTargets]) async throws {
        try require(.manageSettings)
        try await SettingsStore(database: database, gate: gate).save(changes)
    }

    /// A type offered when qualifying (free text stays possible).
    func addIncidentType(_ rawName: String) async throws {
        try require(.manageSettings)
        let name = try FieldError.check { () throws(FieldError) in
            try TextRule.required(rawName, field: "type", max: FieldLimits.type)
        }
        try await unique(Refusal.alreadyExists(.incidentType, field: "type")) {
            try await gate.transaction(on: database) { tx in
                let sql = try tx.sql()
                guard try await !SettingsStore.incidentTypeExists(named: name, on: sql) else {
                    throw Refusal.alreadyExists(.incidentType, field: "type")
                }
                try await SettingsStore.insertIncidentType(named: name, on: sql)
            }
        } recheck: {
            try await SettingsStore.incidentTypeExists(named: name, on: database.sql())
        }
    }

    func removeIncidentType(_ id: UUID) async throws {
        try require(.manageSettings)
        try await gate.transaction(on: database) { tx in
            guard try await SettingsStore.deleteIncidentType(id, on: tx.sql()) else {
                throw Refusal.notFound(.incidentType)
            }
        }
    }

    static let duplicateEmail = Refusal.alreadyExists(.user, field: "email")
    static let duplicateActivity = Refusal.alreadyExists(.essentialActivity, field: "name")
    static let lastAdmin = Refusal.lastAdministrator

    /// Runs an insert guarded by a read; when two instances insert the same name at once, the
    /// unique index refuses one, which is reported as the duplicate it is.
    func unique(
        _ duplicate: Refusal, _ body: () async throws -> Void, recheck: () async throws -> Bool
    )
        async throws
    {
        do {
            try await body()
        } catch  where APIError.refusing(error) != nil {
            throw error
        } catch {
            if try await recheck() { throw duplicate }
            throw error
        }
    }
}

extension Request {
    var admin: AdminActions {
        get throws {
            AdminActions(
                database: db, gate: application.writeGate, tokens: application.knownTokens,
                passwords: application.passwordWork, actor: try actingPerson,
                now: now)
        }
    }
}
